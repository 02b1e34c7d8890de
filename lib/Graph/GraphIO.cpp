//===- GraphIO.cpp - Reading and writing graph files ----------------------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Format dispatch, file reading, and our JSON graph format (see
// docs/GraphFormats.md). The JSON parser is a small recursive-descent parser
// with a hard depth limit, so deeply nested input cannot exhaust the stack;
// every value remembers its line for error messages. The paper's "cg" format
// is read in CGFormat.cpp.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/GraphIO.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <sys/stat.h>

using namespace recompute;

namespace {

//===----------------------------------------------------------------------===//
// A minimal JSON document model and parser
//===----------------------------------------------------------------------===//

constexpr unsigned kMaxDepth = 64;
constexpr uint64_t kMaxBytes = uint64_t(1) << 63;

enum class JKind : uint8_t { Null, Bool, Number, String, Array, Object };

const char *kindName(JKind k) {
  switch (k) {
  case JKind::Null:
    return "null";
  case JKind::Bool:
    return "a boolean";
  case JKind::Number:
    return "a number";
  case JKind::String:
    return "a string";
  case JKind::Array:
    return "an array";
  case JKind::Object:
    return "an object";
  }
  return "a value";
}

struct JValue {
  JKind kind = JKind::Null;
  bool boolean = false;
  /// Set for numbers written as a plain non-negative integer that fits.
  bool isUInt = false;
  uint32_t line = 0;
  uint64_t uint = 0;
  double number = 0;
  /// String contents; the raw token for numbers.
  std::string text;
  /// Array elements or object member values.
  std::vector<JValue> items;
  /// Object member keys (parallel to `items`).
  std::vector<std::string> keys;

  const JValue *get(const std::string &key) const {
    for (size_t i = 0; i < keys.size(); ++i)
      if (keys[i] == key)
        return &items[i];
    return nullptr;
  }
};

/// Renders a byte for an error message.
std::string describeChar(unsigned char c) {
  char buf[16];
  if (c >= 0x20 && c < 0x7f)
    std::snprintf(buf, sizeof(buf), "'%c'", c);
  else
    std::snprintf(buf, sizeof(buf), "byte 0x%02x", c);
  return buf;
}

/// Quotes a (user supplied) string for an error message.
std::string quoteText(const std::string &s) {
  std::string out = "'";
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == 40) {
      out += "...";
      break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f && c != '\'') {
      out += char(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    }
  }
  return out + "'";
}

class JSONParser {
public:
  explicit JSONParser(const std::string &text) : text(text) {}

  /// Parses the whole text as one JSON value. On failure returns false and
  /// sets `errorLine` and `error`.
  bool parseDocument(JValue &out) {
    skipSpace();
    if (!parseValue(out, 0))
      return false;
    skipSpace();
    if (pos != text.size())
      return fail("unexpected " + describeChar(peek()) +
                  " after the end of the top-level value");
    return true;
  }

  uint32_t errorLine = 0;
  std::string error;

private:
  const std::string &text;
  size_t pos = 0;
  uint32_t line = 1;

  unsigned char peek() const { return static_cast<unsigned char>(text[pos]); }
  bool atEnd() const { return pos >= text.size(); }

  bool fail(const std::string &message) {
    if (error.empty()) {
      error = message;
      errorLine = line;
    }
    return false;
  }
  bool failEOF(const char *what) {
    // Name the last line that has content, not the empty one after it.
    size_t last = text.find_last_not_of(" \t\r\n");
    uint32_t lastLine = 1;
    for (size_t i = 0; last != std::string::npos && i < last; ++i)
      lastLine += text[i] == '\n';
    line = lastLine;
    return fail(std::string("unexpected end of input ") + what);
  }

  void skipSpace() {
    while (!atEnd()) {
      char c = text[pos];
      if (c == '\n') {
        ++line;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        break;
      }
      ++pos;
    }
  }

  bool parseValue(JValue &out, unsigned depth) {
    if (atEnd())
      return failEOF("(expected a value)");
    out.line = line;
    unsigned char c = peek();
    switch (c) {
    case '{':
      return parseObject(out, depth);
    case '[':
      return parseArray(out, depth);
    case '"':
      out.kind = JKind::String;
      return parseString(out.text);
    case 't':
      return parseLiteral("true", out, JKind::Bool, true);
    case 'f':
      return parseLiteral("false", out, JKind::Bool, false);
    case 'n':
      return parseLiteral("null", out, JKind::Null, false);
    default:
      if (c == '-' || (c >= '0' && c <= '9'))
        return parseNumber(out);
      return fail("unexpected " + describeChar(c) + " (expected a value)");
    }
  }

  bool parseLiteral(const char *word, JValue &out, JKind kind, bool value) {
    size_t n = std::strlen(word);
    if (text.compare(pos, n, word) != 0)
      return fail("invalid literal (expected '" + std::string(word) + "')");
    pos += n;
    out.kind = kind;
    out.boolean = value;
    return true;
  }

  bool parseNumber(JValue &out) {
    size_t begin = pos;
    auto digits = [&]() {
      size_t start = pos;
      while (!atEnd() && peek() >= '0' && peek() <= '9')
        ++pos;
      return pos - start;
    };
    if (peek() == '-')
      ++pos;
    if (atEnd())
      return failEOF("in a number");
    if (peek() == '0') {
      ++pos;
      if (!atEnd() && peek() >= '0' && peek() <= '9')
        return fail("leading zeros are not allowed in numbers");
    } else if (digits() == 0) {
      return fail("invalid number");
    }
    bool integral = true;
    if (!atEnd() && peek() == '.') {
      ++pos;
      integral = false;
      if (digits() == 0)
        return fail("expected digits after '.' in a number");
    }
    if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
      ++pos;
      integral = false;
      if (!atEnd() && (peek() == '+' || peek() == '-'))
        ++pos;
      if (digits() == 0)
        return fail("expected digits in the exponent of a number");
    }
    out.kind = JKind::Number;
    out.text = text.substr(begin, pos - begin);
    if (out.text.size() > 400)
      return fail("number too long");
    out.number = std::strtod(out.text.c_str(), nullptr);
    if (integral && out.text[0] != '-') {
      uint64_t v = 0;
      bool overflow = false;
      for (char d : out.text) {
        uint64_t digit = uint64_t(d - '0');
        if (v > (std::numeric_limits<uint64_t>::max() - digit) / 10) {
          overflow = true;
          break;
        }
        v = v * 10 + digit;
      }
      if (!overflow) {
        out.isUInt = true;
        out.uint = v;
      }
    }
    return true;
  }

  static void appendUTF8(std::string &s, uint32_t cp) {
    if (cp < 0x80) {
      s += char(cp);
    } else if (cp < 0x800) {
      s += char(0xC0 | (cp >> 6));
      s += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += char(0xE0 | (cp >> 12));
      s += char(0x80 | ((cp >> 6) & 0x3F));
      s += char(0x80 | (cp & 0x3F));
    } else {
      s += char(0xF0 | (cp >> 18));
      s += char(0x80 | ((cp >> 12) & 0x3F));
      s += char(0x80 | ((cp >> 6) & 0x3F));
      s += char(0x80 | (cp & 0x3F));
    }
  }

  bool parseHex4(uint32_t &cp) {
    if (pos + 4 > text.size())
      return failEOF("in a \\u escape");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      char c = text[pos++];
      cp <<= 4;
      if (c >= '0' && c <= '9')
        cp |= uint32_t(c - '0');
      else if (c >= 'a' && c <= 'f')
        cp |= uint32_t(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        cp |= uint32_t(c - 'A' + 10);
      else
        return fail("invalid \\u escape");
    }
    return true;
  }

  bool parseString(std::string &out) {
    ++pos; // opening quote
    out.clear();
    while (true) {
      if (atEnd())
        return failEOF("in a string");
      unsigned char c = peek();
      if (c == '"') {
        ++pos;
        return true;
      }
      if (c < 0x20)
        return fail("unescaped " + describeChar(c) + " in a string");
      if (c != '\\') {
        out += char(c);
        ++pos;
        continue;
      }
      ++pos;
      if (atEnd())
        return failEOF("in a string escape");
      char esc = text[pos++];
      switch (esc) {
      case '"':
      case '\\':
      case '/':
        out += esc;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t cp;
        if (!parseHex4(cp))
          return false;
        if (cp >= 0xD800 && cp < 0xDC00) {
          uint32_t lo;
          if (text.compare(pos, 2, "\\u") != 0)
            return fail("unpaired surrogate in a \\u escape");
          pos += 2;
          if (!parseHex4(lo))
            return false;
          if (lo < 0xDC00 || lo >= 0xE000)
            return fail("unpaired surrogate in a \\u escape");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        } else if (cp >= 0xDC00 && cp < 0xE000) {
          return fail("unpaired surrogate in a \\u escape");
        }
        appendUTF8(out, cp);
        break;
      }
      default:
        return fail("invalid escape " +
                    describeChar(static_cast<unsigned char>(esc)) +
                    " in a string");
      }
    }
  }

  bool parseArray(JValue &out, unsigned depth) {
    if (depth >= kMaxDepth)
      return fail("nesting deeper than " + std::to_string(kMaxDepth) +
                  " levels");
    out.kind = JKind::Array;
    ++pos; // '['
    skipSpace();
    if (!atEnd() && peek() == ']') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      out.items.emplace_back();
      if (!parseValue(out.items.back(), depth + 1))
        return false;
      skipSpace();
      if (atEnd())
        return failEOF("in an array (missing ']')");
      unsigned char c = peek();
      ++pos;
      if (c == ']')
        return true;
      if (c != ',') {
        --pos;
        return fail("expected ',' or ']' in an array, got " + describeChar(c));
      }
    }
  }

  bool parseObject(JValue &out, unsigned depth) {
    if (depth >= kMaxDepth)
      return fail("nesting deeper than " + std::to_string(kMaxDepth) +
                  " levels");
    out.kind = JKind::Object;
    ++pos; // '{'
    skipSpace();
    if (!atEnd() && peek() == '}') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      if (atEnd())
        return failEOF("in an object (missing '}')");
      if (peek() != '"')
        return fail("expected a quoted key in an object, got " +
                    describeChar(peek()));
      std::string key;
      uint32_t keyLine = line;
      if (!parseString(key))
        return false;
      if (out.get(key)) {
        line = keyLine;
        return fail("duplicate key " + quoteText(key));
      }
      skipSpace();
      if (atEnd())
        return failEOF("in an object (expected ':')");
      if (peek() != ':')
        return fail("expected ':' after key " + quoteText(key) + ", got " +
                    describeChar(peek()));
      ++pos;
      skipSpace();
      out.keys.push_back(std::move(key));
      out.items.emplace_back();
      if (!parseValue(out.items.back(), depth + 1))
        return false;
      skipSpace();
      if (atEnd())
        return failEOF("in an object (missing '}')");
      unsigned char c = peek();
      ++pos;
      if (c == '}')
        return true;
      if (c != ',') {
        --pos;
        return fail("expected ',' or '}' in an object, got " + describeChar(c));
      }
    }
  }
};

//===----------------------------------------------------------------------===//
// Building a Program from a JSON document
//===----------------------------------------------------------------------===//

class ProgramBuilder {
public:
  ProgramBuilder(const std::string &name, const ReadOptions &options)
      : name(name), options(options) {}

  ReadResult build(const JValue &root);

private:
  const std::string &name;
  const ReadOptions &options;
  std::string error;

  bool fail(const JValue &at, const std::string &message) {
    if (error.empty())
      error = name + ":" + std::to_string(at.line) + ": " + message;
    return false;
  }

  bool expectKind(const JValue &v, JKind kind, const std::string &what) {
    if (v.kind == kind)
      return true;
    return fail(v, what + " must be " + kindName(kind) + ", got " +
                       kindName(v.kind));
  }

  /// Only `allowed` keys may appear in `obj`.
  bool checkKeys(const JValue &obj, std::initializer_list<const char *> allowed,
                 const std::string &what) {
    for (size_t i = 0; i < obj.keys.size(); ++i) {
      bool ok = false;
      for (const char *a : allowed)
        ok |= obj.keys[i] == a;
      if (!ok)
        return fail(obj.items[i],
                    "unknown key " + quoteText(obj.keys[i]) + " in " + what);
    }
    return true;
  }

  bool getIndex(const JValue &v, uint64_t limit, const std::string &what,
                uint32_t &out) {
    if (v.kind != JKind::Number || !v.isUInt)
      return fail(v, what + " must be a non-negative integer, got " +
                         (v.kind == JKind::Number
                              ? v.text
                              : std::string(kindName(v.kind))));
    if (v.uint >= limit)
      return fail(v, what + " " + v.text + " is out of range (" +
                         std::to_string(limit) + " defined)");
    out = static_cast<uint32_t>(v.uint);
    return true;
  }

  bool getBytes(const JValue &v, const std::string &what, uint64_t &out) {
    if (v.kind == JKind::Number && !v.isUInt &&
        v.text.find_first_not_of("0123456789") == std::string::npos)
      return fail(v, what + " " + v.text + " exceeds 2^63");
    if (v.kind != JKind::Number || !v.isUInt)
      return fail(v, what + " must be a non-negative integer, got " +
                         (v.kind == JKind::Number
                              ? v.text
                              : std::string(kindName(v.kind))));
    if (v.uint > kMaxBytes)
      return fail(v, what + " " + v.text + " exceeds 2^63");
    long double scaled = static_cast<long double>(v.uint) *
                         static_cast<long double>(options.bytesScale);
    scaled = std::floor(scaled + 0.5L);
    if (!(scaled <= static_cast<long double>(kMaxBytes)))
      return fail(v, what + " " + v.text + " scaled by " +
                         std::to_string(options.bytesScale) + " exceeds 2^63");
    out = static_cast<uint64_t>(scaled);
    return true;
  }

  bool getBool(const JValue *v, const std::string &what, bool &out) {
    if (!v)
      return true;
    if (!expectKind(*v, JKind::Bool, what))
      return false;
    out = v->boolean;
    return true;
  }

  bool getString(const JValue *v, const std::string &what, std::string &out) {
    if (!v)
      return true;
    if (!expectKind(*v, JKind::String, what))
      return false;
    out = v->text;
    return true;
  }

  bool getIdList(const JValue *v, uint64_t limit, const std::string &what,
                 std::vector<uint32_t> &out) {
    if (!v)
      return true;
    if (!expectKind(*v, JKind::Array, what))
      return false;
    out.reserve(v->items.size());
    for (const JValue &e : v->items) {
      uint32_t id;
      if (!getIndex(e, limit, what + " element", id))
        return false;
      out.push_back(id);
    }
    return true;
  }

  bool readNodes(const JValue &nodes, Program &p);
  bool readEdges(const JValue &edges, Graph &g);
  bool readBackward(const JValue &bwd, Program &p, uint64_t &persistentBytes);
};

bool ProgramBuilder::readNodes(const JValue &nodes, Program &p) {
  if (!expectKind(nodes, JKind::Array, "\"nodes\""))
    return false;
  size_t n = nodes.items.size();
  if (n >= kNoNode)
    return fail(nodes, "too many nodes");
  bool anyNonRecomputable = false, anyEscaping = false, anyAlias = false;
  std::vector<bool> recomputable(n, true), escapes(n, false);
  std::vector<NodeId> aliasOf(n, kNoNode);
  for (size_t i = 0; i < n; ++i) {
    const JValue &node = nodes.items[i];
    std::string what = "node " + std::to_string(i);
    if (!expectKind(node, JKind::Object, what))
      return false;
    if (!checkKeys(node,
                   {"id", "name", "time", "bytes", "recomputable", "escapes",
                    "alias_of"},
                   what))
      return false;
    if (const JValue *id = node.get("id")) {
      if (id->kind != JKind::Number || !id->isUInt || id->uint != i)
        return fail(*id, what + ": \"id\" must equal the node's position " +
                             std::to_string(i) + ", got " +
                             (id->kind == JKind::Number
                                  ? id->text
                                  : std::string(kindName(id->kind))));
    }
    const JValue *time = node.get("time");
    if (!time)
      return fail(node, what + ": missing \"time\"");
    if (!expectKind(*time, JKind::Number, what + ": \"time\""))
      return false;
    if (!std::isfinite(time->number) || time->number < 0)
      return fail(*time, what + ": \"time\" must be finite and >= 0, got " +
                             time->text);
    const JValue *bytesV = node.get("bytes");
    if (!bytesV)
      return fail(node, what + ": missing \"bytes\"");
    uint64_t bytes;
    if (!getBytes(*bytesV, what + ": \"bytes\"", bytes))
      return false;
    std::string nodeName;
    if (!getString(node.get("name"), what + ": \"name\"", nodeName))
      return false;
    bool rec = true, esc = false;
    if (!getBool(node.get("recomputable"), what + ": \"recomputable\"", rec) ||
        !getBool(node.get("escapes"), what + ": \"escapes\"", esc))
      return false;
    if (const JValue *alias = node.get("alias_of")) {
      uint32_t target;
      if (!getIndex(*alias, n, what + ": \"alias_of\"", target))
        return false;
      aliasOf[i] = target;
      anyAlias = true;
    }
    recomputable[i] = rec;
    escapes[i] = esc;
    anyNonRecomputable |= !rec;
    anyEscaping |= esc;
    p.graph.addNode(time->number, bytes, std::move(nodeName));
  }
  if (anyNonRecomputable)
    p.recomputable = std::move(recomputable);
  if (anyEscaping)
    p.escapes = std::move(escapes);
  if (anyAlias)
    p.aliasOf = std::move(aliasOf);
  return true;
}

bool ProgramBuilder::readEdges(const JValue &edges, Graph &g) {
  if (!expectKind(edges, JKind::Array, "\"edges\""))
    return false;
  for (size_t i = 0; i < edges.items.size(); ++i) {
    const JValue &e = edges.items[i];
    std::string what = "edge " + std::to_string(i);
    if (e.kind != JKind::Array || e.items.size() != 2)
      return fail(e, what + " must be a [from, to] pair");
    uint32_t from, to;
    if (!getIndex(e.items[0], g.size(), what + ": source node", from) ||
        !getIndex(e.items[1], g.size(), what + ": target node", to))
      return false;
    if (from == to)
      return fail(e, what + " is a self-loop on node " + std::to_string(from));
    g.addEdge(from, to);
  }
  return true;
}

bool ProgramBuilder::readBackward(const JValue &bwd, Program &p,
                                  uint64_t &persistentBytes) {
  if (!expectKind(bwd, JKind::Object, "\"backward\""))
    return false;
  if (!checkKeys(bwd, {"values", "ops"}, "\"backward\""))
    return false;
  if (const JValue *values = bwd.get("values")) {
    if (!expectKind(*values, JKind::Array, "\"backward\".\"values\""))
      return false;
    size_t n = values->items.size();
    if (n >= kNoValue)
      return fail(*values, "too many backward values");
    for (size_t i = 0; i < n; ++i) {
      const JValue &v = values->items[i];
      std::string what = "backward value " + std::to_string(i);
      if (!expectKind(v, JKind::Object, what))
        return false;
      if (!checkKeys(v, {"id", "name", "bytes", "persistent", "alias_of"},
                     what))
        return false;
      if (const JValue *id = v.get("id")) {
        if (id->kind != JKind::Number || !id->isUInt || id->uint != i)
          return fail(*id, what + ": \"id\" must equal the value's position " +
                               std::to_string(i));
      }
      BackwardValue bv;
      const JValue *bytesV = v.get("bytes");
      if (!bytesV)
        return fail(v, what + ": missing \"bytes\"");
      if (!getBytes(*bytesV, what + ": \"bytes\"", bv.bytes) ||
          !getBool(v.get("persistent"), what + ": \"persistent\"",
                   bv.persistent) ||
          !getString(v.get("name"), what + ": \"name\"", bv.name))
        return false;
      if (const JValue *alias = v.get("alias_of")) {
        uint32_t target;
        if (!getIndex(*alias, n, what + ": \"alias_of\"", target))
          return false;
        bv.aliasOf = target;
      }
      if (bv.persistent && bv.aliasOf == kNoValue) {
        if (persistentBytes > kMaxBytes - bv.bytes)
          return fail(v, "persistent backward values exceed 2^63 bytes");
        persistentBytes += bv.bytes;
      }
      p.values.push_back(std::move(bv));
    }
  }
  if (const JValue *ops = bwd.get("ops")) {
    if (!expectKind(*ops, JKind::Array, "\"backward\".\"ops\""))
      return false;
    for (size_t i = 0; i < ops->items.size(); ++i) {
      const JValue &o = ops->items[i];
      std::string what = "backward op " + std::to_string(i);
      if (!expectKind(o, JKind::Object, what))
        return false;
      if (!checkKeys(o, {"name", "forward_uses", "value_uses", "defines"},
                     what))
        return false;
      BackwardOp op;
      if (!getString(o.get("name"), what + ": \"name\"", op.name) ||
          !getIdList(o.get("forward_uses"), p.graph.size(),
                     what + ": \"forward_uses\"", op.forwardUses) ||
          !getIdList(o.get("value_uses"), p.values.size(),
                     what + ": \"value_uses\"", op.valueUses) ||
          !getIdList(o.get("defines"), p.values.size(), what + ": \"defines\"",
                     op.defines))
        return false;
      p.backward.push_back(std::move(op));
    }
  }
  return true;
}

ReadResult ProgramBuilder::build(const JValue &root) {
  ReadResult result;
  result.format = GraphFormat::JSON;
  auto failed = [&]() {
    ReadResult r;
    r.format = GraphFormat::JSON;
    r.error = error;
    return r;
  };
  if (!expectKind(root, JKind::Object, "the top-level value"))
    return failed();
  if (!checkKeys(root,
                 {"format", "version", "name", "comment", "nodes", "edges",
                  "backward"},
                 "the top-level object"))
    return failed();
  if (const JValue *format = root.get("format")) {
    if (format->kind != JKind::String || format->text != "recompute-graph")
      return fail(*format, "\"format\" must be \"recompute-graph\""), failed();
  }
  if (const JValue *version = root.get("version")) {
    if (version->kind != JKind::Number || !version->isUInt ||
        version->uint != 1)
      return fail(*version, "unsupported \"version\" " +
                                (version->kind == JKind::Number
                                     ? version->text
                                     : std::string(kindName(version->kind))) +
                                " (this reader knows version 1)"),
             failed();
  }
  const JValue *nodes = root.get("nodes");
  if (!nodes)
    return fail(root, "missing \"nodes\""), failed();

  Program p;
  if (!readNodes(*nodes, p))
    return failed();
  const JValue *edges = root.get("edges");
  if (edges && !readEdges(*edges, p.graph))
    return failed();
  std::string graphError = p.graph.finalize();
  if (!graphError.empty())
    return fail(edges ? *edges : *nodes, graphError), failed();

  const JValue *bwd = root.get("backward");
  uint64_t persistentBytes = 0;
  if (bwd) {
    // Keep the per-node attributes already read; add the backward section.
    if (!readBackward(*bwd, p, persistentBytes))
      return failed();
  } else {
    std::vector<bool> recomputable = std::move(p.recomputable);
    std::vector<bool> escapes = std::move(p.escapes);
    std::vector<NodeId> aliasOf = std::move(p.aliasOf);
    p = makeDefaultProgram(std::move(p.graph));
    p.recomputable = std::move(recomputable);
    p.escapes = std::move(escapes);
    p.aliasOf = std::move(aliasOf);
  }
  std::string programError = p.validate();
  if (!programError.empty())
    return fail(bwd ? *bwd : root, programError), failed();

  result.program = std::move(p);
  result.persistentGradientBytes = persistentBytes;
  return result;
}

//===----------------------------------------------------------------------===//
// Writing
//===----------------------------------------------------------------------===//

void writeString(std::string &out, const std::string &s) {
  out += '"';
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\r':
      out += "\\r";
      break;
    default:
      if (c < 0x20 || c == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      } else {
        out += ch;
      }
    }
  }
  out += '"';
}

/// Shortest decimal form that reads back to the same double.
void writeNumber(std::string &out, double v) {
  if (!std::isfinite(v)) {
    out += "null"; // not representable; the reader rejects it
    return;
  }
  char buf[40];
  for (int precision = 15; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v)
      break;
  }
  out += buf;
}

void writeIdList(std::string &out, const std::vector<uint32_t> &ids) {
  out += '[';
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i)
      out += ", ";
    out += std::to_string(ids[i]);
  }
  out += ']';
}

} // namespace

//===----------------------------------------------------------------------===//
// Public entry points
//===----------------------------------------------------------------------===//

ReadResult recompute::readJSONProgram(const std::string &name,
                                      const std::string &text,
                                      const ReadOptions &options) {
  JValue root;
  JSONParser parser(text);
  if (!parser.parseDocument(root)) {
    ReadResult r;
    r.format = GraphFormat::JSON;
    r.error =
        name + ":" + std::to_string(parser.errorLine) + ": " + parser.error;
    return r;
  }
  ProgramBuilder builder(name, options);
  return builder.build(root);
}

ReadResult recompute::readProgram(const std::string &name,
                                  const std::string &text,
                                  const ReadOptions &options) {
  ReadResult r;
  if (!std::isfinite(options.bytesScale) || !(options.bytesScale > 0)) {
    r.error = name + ": the size scale must be a finite number > 0";
    return r;
  }
  // Skip a UTF-8 byte order mark and white space.
  const bool hasBOM = text.compare(0, 3, "\xEF\xBB\xBF") == 0;
  size_t first = hasBOM ? 3 : 0;
  while (first < text.size() && (text[first] == ' ' || text[first] == '\t' ||
                                 text[first] == '\n' || text[first] == '\r'))
    ++first;
  if (first == text.size()) {
    r.error = name + ":1: the file is empty";
    return r;
  }
  GraphFormat format = options.format;
  if (format == GraphFormat::Auto)
    format = text[first] == '{' ? GraphFormat::JSON : GraphFormat::CG;
  if (format == GraphFormat::JSON) {
    if (hasBOM)
      r = readJSONProgram(name, text.substr(3), options);
    else
      r = readJSONProgram(name, text, options);
  } else {
    r = readCGProgram(name, text, options);
  }
  r.format = format;
  if (r.program && r.error.empty())
    return r;
  if (r.error.empty())
    r.error = name + ": could not read the graph";
  r.program.reset();
  return r;
}

ReadResult recompute::readProgramFile(const std::string &path,
                                      const ReadOptions &options) {
  ReadResult r;
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    r.error = path + ": cannot open file: " + std::strerror(errno);
    return r;
  }
  if (S_ISDIR(st.st_mode)) {
    r.error = path + ": cannot read file: is a directory";
    return r;
  }
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    r.error = path + ": cannot open file: " + std::strerror(errno);
    return r;
  }
  // Graph files are text; refuse anything absurdly large instead of
  // exhausting memory.
  constexpr size_t kMaxFileBytes = size_t(1) << 30;
  std::string text;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) {
    if (text.size() + n > kMaxFileBytes) {
      std::fclose(f);
      r.error = path + ": file is larger than 1 GiB";
      return r;
    }
    text.append(buf, n);
  }
  bool readError = std::ferror(f);
  int savedErrno = errno;
  std::fclose(f);
  if (readError) {
    r.error = path + ": cannot read file: " + std::strerror(savedErrno);
    return r;
  }
  return readProgram(path, text, options);
}

std::string recompute::writeProgramJSON(const Program &p) {
  const Graph &g = p.graph;
  std::string out;
  out += "{\n  \"format\": \"recompute-graph\",\n  \"version\": 1,\n";
  out += "  \"nodes\": [";
  for (NodeId v = 0; v < g.size(); ++v) {
    out += v ? ",\n    " : "\n    ";
    out += "{\"id\": " + std::to_string(v) + ", \"time\": ";
    writeNumber(out, g.time(v));
    out += ", \"bytes\": " + std::to_string(g.bytes(v));
    if (!g.name(v).empty()) {
      out += ", \"name\": ";
      writeString(out, g.name(v));
    }
    if (!p.isRecomputable(v))
      out += ", \"recomputable\": false";
    if (p.isEscaping(v))
      out += ", \"escapes\": true";
    if (!p.aliasOf.empty() && p.aliasOf[v] != kNoNode)
      out += ", \"alias_of\": " + std::to_string(p.aliasOf[v]);
    out += '}';
  }
  out += g.size() ? "\n  ],\n" : "],\n";
  out += "  \"edges\": [";
  bool firstEdge = true;
  size_t onLine = 0;
  for (NodeId v = 0; v < g.size(); ++v) {
    for (NodeId w : g.succs(v)) {
      if (!firstEdge)
        out += ',';
      out += (firstEdge || onLine == 8) ? "\n    " : " ";
      if (onLine == 8)
        onLine = 0;
      firstEdge = false;
      ++onLine;
      out += '[' + std::to_string(v) + ", " + std::to_string(w) + ']';
    }
  }
  out += firstEdge ? "],\n" : "\n  ],\n";
  out += "  \"backward\": {\n    \"values\": [";
  for (size_t i = 0; i < p.values.size(); ++i) {
    const BackwardValue &bv = p.values[i];
    out += i ? ",\n      " : "\n      ";
    out += "{\"id\": " + std::to_string(i) +
           ", \"bytes\": " + std::to_string(bv.bytes);
    if (!bv.name.empty()) {
      out += ", \"name\": ";
      writeString(out, bv.name);
    }
    if (bv.persistent)
      out += ", \"persistent\": true";
    if (bv.aliasOf != kNoValue)
      out += ", \"alias_of\": " + std::to_string(bv.aliasOf);
    out += '}';
  }
  out += p.values.empty() ? "],\n" : "\n    ],\n";
  out += "    \"ops\": [";
  for (size_t i = 0; i < p.backward.size(); ++i) {
    const BackwardOp &op = p.backward[i];
    out += i ? ",\n      " : "\n      ";
    out += '{';
    if (!op.name.empty()) {
      out += "\"name\": ";
      writeString(out, op.name);
      out += ", ";
    }
    out += "\"forward_uses\": ";
    writeIdList(out, op.forwardUses);
    out += ", \"value_uses\": ";
    writeIdList(out, op.valueUses);
    out += ", \"defines\": ";
    writeIdList(out, op.defines);
    out += '}';
  }
  out += p.backward.empty() ? "]\n" : "\n    ]\n";
  out += "  }\n}\n";
  return out;
}
