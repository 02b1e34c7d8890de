//===- CGFormat.cpp - Reader for the paper's computational-graph dumps ----===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Reads the plain-text Chainer dumps published with Kusumoto et al. (format:
// ../shared/graphs/paper/README.md) into a Program:
//
//  - nodes are the variables produced by forward records; a variable that no
//    forward record produces (input, label, parameter) is always resident and
//    is not a node;
//  - T_v = 10 when the producing op's name starts with "Conv", else 1;
//    M_v = the variable's bytes times ReadOptions::bytesScale;
//  - one backward op per backward record. It reads the gradient of its
//    forward output (no value for a sink: the loss seed takes no bytes) and
//    the retained forward values it lists that are nodes, and creates the
//    gradients of the inputs it lists as outputs. The gradient of a node is a
//    backward value of M_u bytes, created by the first backward op producing
//    it and updated in place by later producers; the gradient of a non-node
//    (parameter, network input, label) is a persistent value, never freed.
//
// Order. Node ids follow the order in which the authors' "normal schedule"
// (a reference script shipped with the dumps) runs the forward records:
// repeated passes over the records in file order, each running every record
// whose inputs are ready. The backward ops are ordered the same way over the
// backward records, a backward record being ready once every record producing
// the gradient of its forward output has run. The resulting order is a
// topological order (ids) and a reverse topological order (backward). It is
// emulated here in O(records log records) with a heap keyed by (pass, index)
// instead of by repeated passes. With it, the simulated peak of the
// no-recomputation schedule equals the authors' vanilla_live on all seven
// paper graphs (docs/Simulator.md).
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/GraphIO.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <string_view>
#include <unordered_map>

using namespace recompute;

namespace {

constexpr uint64_t kMaxBytes = uint64_t(1) << 63;
constexpr uint32_t kNone = ~uint32_t(0);

/// Renders (a prefix of) a line for an error message, escaping bytes that
/// are not printable ASCII.
std::string quote(std::string_view s) {
  std::string out = "'";
  size_t shown = 0;
  for (char ch : s) {
    if (++shown > 40) {
      out += "...";
      break;
    }
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += ch;
    } else {
      static const char *hex = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  out += "'";
  return out;
}

std::vector<std::string_view> tokenize(std::string_view s) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
      ++i;
    size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t')
      ++i;
    if (i > start)
      tokens.push_back(s.substr(start, i - start));
  }
  return tokens;
}

/// Parses a plain non-negative decimal integer no larger than `limit`.
/// Returns false on anything else; `overflow` tells the two cases apart.
bool parseUInt(std::string_view s, uint64_t limit, uint64_t &out,
               bool &overflow) {
  overflow = false;
  if (s.empty() || !std::all_of(s.begin(), s.end(),
                                [](char c) { return c >= '0' && c <= '9'; }))
    return false;
  uint64_t value = 0;
  for (char c : s) {
    unsigned digit = static_cast<unsigned>(c - '0');
    if (value > (limit - digit) / 10 || value * 10 + digit > limit) {
      overflow = true;
      return false;
    }
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

enum class InputKind : uint8_t { Plain, Gradient, Input, Output };

struct CGInput {
  uint32_t var; // index into the variable table
  InputKind kind;
};

struct CGRecord {
  bool forward = true;
  size_t line = 0;
  std::vector<CGInput> inputs;
  std::vector<uint32_t> outputs; // variable indices
  std::string op;
};

struct CGVariable {
  uint64_t id = 0;
  uint64_t bytes = 0; // scaled
  std::string name;
  size_t line = 0;
  uint32_t producer = kNone; // forward record index
  NodeId node = kNoNode;
};

class CGReader {
public:
  CGReader(const std::string &name, const std::string &text,
           const ReadOptions &options)
      : name(name), options(options) {
    // Skip a UTF-8 byte order mark.
    size_t start = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (start <= text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string::npos)
        end = text.size();
      std::string_view line(text.data() + start, end - start);
      if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
      lines.push_back(line);
      if (end == text.size())
        break;
      start = end + 1;
    }
    // A final newline does not start another line.
    if (!lines.empty() && lines.back().empty() && !text.empty() &&
        text.back() == '\n')
      lines.pop_back();
  }

  ReadResult read();

private:
  bool fail(size_t line, const std::string &message) {
    if (error.empty())
      error = name + ":" + std::to_string(line) + ": " + message;
    return false;
  }
  /// Returns the next line, or fails at end of input naming `what`.
  bool next(std::string_view &line, const std::string &what) {
    if (cursor >= lines.size())
      return fail(lines.size() + 1, "unexpected end of file, expected " + what);
    line = lines[cursor++];
    return true;
  }
  size_t lineNo() const { return cursor; } // 1-based number of last line
  bool readUInt(std::string_view token, uint64_t limit, const std::string &what,
                uint64_t &out);
  bool readHeader();
  bool readVariables();
  bool readRecord(size_t index);
  bool lookup(uint64_t id, const std::string &what, uint32_t &var);
  bool checkPairs();
  bool orderForward(std::vector<uint32_t> &order);
  void orderBackward(std::vector<uint32_t> &order);
  bool scaleBytes(uint64_t raw, uint64_t &out);

  const std::string &name;
  const ReadOptions &options;
  std::vector<std::string_view> lines;
  size_t cursor = 0;
  std::string error;

  uint64_t numVariables = 0, numRecords = 0;
  std::vector<CGVariable> vars;
  std::unordered_map<uint64_t, uint32_t> varIndex;
  std::vector<CGRecord> records;
};

bool CGReader::readUInt(std::string_view token, uint64_t limit,
                        const std::string &what, uint64_t &out) {
  bool overflow = false;
  if (parseUInt(token, limit, out, overflow))
    return true;
  if (overflow)
    return fail(lineNo(), what + " " + quote(token) + " is too large (limit " +
                              std::to_string(limit) + ")");
  return fail(lineNo(), "expected " + what + " (a non-negative integer), got " +
                            quote(token));
}

bool CGReader::scaleBytes(uint64_t raw, uint64_t &out) {
  if (options.bytesScale == 1.0) {
    out = raw;
    return true;
  }
  long double scaled = static_cast<long double>(raw) *
                       static_cast<long double>(options.bytesScale);
  scaled = std::floor(scaled + 0.5L);
  if (!(scaled <= static_cast<long double>(kMaxBytes)))
    return fail(lineNo(), "size " + std::to_string(raw) + " scaled by " +
                              std::to_string(options.bytesScale) +
                              " exceeds 2^63");
  out = static_cast<uint64_t>(scaled);
  return true;
}

bool CGReader::readHeader() {
  std::string_view line;
  if (!next(line, "the header 'N M'"))
    return false;
  std::vector<std::string_view> tok = tokenize(line);
  if (tok.size() != 2)
    return fail(lineNo(), "expected 2 integers 'N M' (variables, records), "
                          "got " +
                              quote(line));
  if (!readUInt(tok[0], uint64_t(1) << 31, "a variable count", numVariables) ||
      !readUInt(tok[1], uint64_t(1) << 31, "a record count", numRecords))
    return false;
  if (numRecords % 2 != 0)
    return fail(lineNo(), "the record count " + std::to_string(numRecords) +
                              " is odd (forward records and their backward "
                              "records come in pairs)");
  return true;
}

bool CGReader::readVariables() {
  // Each variable needs a line: do not trust N for reservations.
  vars.reserve(std::min<uint64_t>(numVariables, lines.size()));
  // Live memory is at most every node plus its gradient plus every other
  // variable's gradient: keep that under 2^63 so that sums cannot wrap.
  uint64_t total = 0;
  for (uint64_t i = 0; i < numVariables; ++i) {
    std::string_view line;
    if (!next(line, "variable " + std::to_string(i + 1) + " of " +
                        std::to_string(numVariables) + " ('id bytes name')"))
      return false;
    std::vector<std::string_view> tok = tokenize(line);
    if (tok.size() != 3)
      return fail(lineNo(), "expected 'id bytes name', got " + quote(line));
    CGVariable v;
    uint64_t raw = 0;
    if (!readUInt(tok[0], uint64_t(1) << 32, "a variable id", v.id) ||
        !readUInt(tok[1], kMaxBytes, "a size in bytes", raw) ||
        !scaleBytes(raw, v.bytes))
      return false;
    v.name = std::string(tok[2]);
    v.line = lineNo();
    if (total > kMaxBytes / 2 || 2 * v.bytes > kMaxBytes - 2 * total)
      return fail(lineNo(), "sizes overflow: twice the total size of the "
                            "variables exceeds 2^63");
    total += v.bytes;
    auto [it, inserted] =
        varIndex.emplace(v.id, static_cast<uint32_t>(vars.size()));
    if (!inserted)
      return fail(lineNo(), "variable " + std::to_string(v.id) +
                                " is declared twice (first on line " +
                                std::to_string(vars[it->second].line) + ")");
    vars.push_back(std::move(v));
  }
  return true;
}

bool CGReader::lookup(uint64_t id, const std::string &what, uint32_t &var) {
  auto it = varIndex.find(id);
  if (it == varIndex.end())
    return fail(lineNo(),
                what + " names unknown variable " + std::to_string(id));
  var = it->second;
  return true;
}

bool CGReader::readRecord(size_t index) {
  const bool forward = index < numRecords / 2;
  const std::string expected = forward ? "forward" : "backward";
  std::string_view line;
  std::string which = "record " + std::to_string(index + 1) + " of " +
                      std::to_string(numRecords);
  if (!next(line, which + " ('" + expected + "')"))
    return false;
  CGRecord rec;
  rec.forward = forward;
  rec.line = lineNo();
  std::vector<std::string_view> tok = tokenize(line);
  if (tok.size() != 1 || tok[0] != expected)
    return fail(lineNo(), "expected '" + expected + "' (" + which +
                              "; the first half of the records are forward), "
                              "got " +
                              quote(line));
  if (!next(line, "the counts 'k p' of " + which))
    return false;
  tok = tokenize(line);
  if (tok.size() != 2)
    return fail(lineNo(), "expected 2 integers 'k p' (inputs, outputs), got " +
                              quote(line));
  uint64_t k = 0, p = 0;
  if (!readUInt(tok[0], uint64_t(1) << 31, "an input count", k) ||
      !readUInt(tok[1], uint64_t(1) << 31, "an output count", p))
    return false;
  if (forward && p != 1)
    return fail(lineNo(), "a forward record must have exactly 1 output, got " +
                              std::to_string(p));
  for (uint64_t i = 0; i < k; ++i) {
    if (!next(line, "input " + std::to_string(i + 1) + " of " +
                        std::to_string(k) + " of " + which + " ('id type')"))
      return false;
    tok = tokenize(line);
    if (tok.size() != 2)
      return fail(lineNo(), "expected 'id type', got " + quote(line));
    uint64_t id = 0;
    CGInput in;
    if (!readUInt(tok[0], uint64_t(1) << 32, "a variable id", id) ||
        !lookup(id, "input", in.var))
      return false;
    if (forward) {
      if (tok[1] != "_")
        return fail(lineNo(), "expected input type '_' in a forward record, "
                              "got " +
                                  quote(tok[1]));
      in.kind = InputKind::Plain;
    } else if (tok[1] == "gradient") {
      in.kind = InputKind::Gradient;
    } else if (tok[1] == "input") {
      in.kind = InputKind::Input;
    } else if (tok[1] == "output") {
      in.kind = InputKind::Output;
    } else {
      return fail(lineNo(), "expected input type gradient, input or output "
                            "in a backward record, got " +
                                quote(tok[1]));
    }
    rec.inputs.push_back(in);
  }
  for (uint64_t i = 0; i < p; ++i) {
    if (!next(line, "output " + std::to_string(i + 1) + " of " +
                        std::to_string(p) + " of " + which + " ('id')"))
      return false;
    tok = tokenize(line);
    if (tok.size() != 1)
      return fail(lineNo(),
                  "expected an output variable id, got " + quote(line));
    uint64_t id = 0;
    uint32_t var = 0;
    if (!readUInt(tok[0], uint64_t(1) << 32, "a variable id", id) ||
        !lookup(id, "output", var))
      return false;
    rec.outputs.push_back(var);
  }
  if (!next(line, "the op name of " + which))
    return false;
  tok = tokenize(line);
  if (tok.size() != 1)
    return fail(lineNo(), "expected an op name, got " + quote(line));
  rec.op = std::string(tok[0]);
  if (!next(line, "the attributes of " + which + " (a JSON object)"))
    return false;
  size_t first = line.find_first_not_of(" \t");
  size_t last = line.find_last_not_of(" \t");
  if (first == std::string_view::npos || line[first] != '{' ||
      line[last] != '}')
    return fail(lineNo(), "expected the op's attributes as a JSON object "
                          "'{...}', got " +
                              quote(line));
  records.push_back(std::move(rec));
  return true;
}

/// Checks that backward record i is the backward of forward record i.
bool CGReader::checkPairs() {
  const size_t half = records.size() / 2;
  for (size_t i = 0; i < half; ++i) {
    const CGRecord &f = records[i];
    const CGRecord &b = records[half + i];
    const uint32_t out = f.outputs[0];
    if (b.op != f.op)
      return fail(b.line, "backward record of op '" + b.op +
                              "' does not match its forward record (line " +
                              std::to_string(f.line) + ", op '" + f.op + "')");
    size_t gradients = 0;
    for (const CGInput &in : b.inputs) {
      auto isForwardInput = [&](uint32_t var) {
        for (const CGInput &fin : f.inputs)
          if (fin.var == var)
            return true;
        return false;
      };
      switch (in.kind) {
      case InputKind::Gradient:
        ++gradients;
        if (in.var != out)
          return fail(b.line, "backward record reads the gradient of "
                              "variable " +
                                  std::to_string(vars[in.var].id) +
                                  ", not of its forward output " +
                                  std::to_string(vars[out].id));
        break;
      case InputKind::Output:
        if (in.var != out)
          return fail(b.line, "backward record retains variable " +
                                  std::to_string(vars[in.var].id) +
                                  " as 'output' but its forward output is " +
                                  std::to_string(vars[out].id));
        break;
      case InputKind::Input:
        if (!isForwardInput(in.var))
          return fail(b.line, "backward record retains variable " +
                                  std::to_string(vars[in.var].id) +
                                  " as 'input' but its forward record (line " +
                                  std::to_string(f.line) +
                                  ") does not read it");
        break;
      case InputKind::Plain:
        break;
      }
    }
    if (gradients != 1)
      return fail(b.line, "backward record must read exactly 1 gradient, "
                          "got " +
                              std::to_string(gradients));
    for (uint32_t var : b.outputs) {
      bool found = false;
      for (const CGInput &fin : f.inputs)
        found |= fin.var == var;
      if (!found)
        return fail(b.line, "backward record makes the gradient of variable " +
                                std::to_string(vars[var].id) +
                                " but its forward record (line " +
                                std::to_string(f.line) + ") does not read it");
    }
  }
  return true;
}

/// The pass-by-pass order of the authors' normal schedule, emulated with a
/// heap: a record that becomes ready while the current pass is at index i
/// runs in the same pass if its index is larger, else in the next pass.
/// `deps[r]` counts the unmet dependencies of record r; `dependents` lists,
/// per record, the records waiting for it.
void sweepOrder(std::vector<uint32_t> deps,
                const std::vector<std::vector<uint32_t>> &dependents,
                std::vector<uint32_t> &order) {
  using Key = std::pair<uint64_t, uint32_t>; // (pass, record)
  std::priority_queue<Key, std::vector<Key>, std::greater<Key>> ready;
  for (uint32_t r = 0; r < deps.size(); ++r)
    if (deps[r] == 0)
      ready.push({0, r});
  while (!ready.empty()) {
    auto [pass, r] = ready.top();
    ready.pop();
    order.push_back(r);
    for (uint32_t d : dependents[r])
      if (--deps[d] == 0)
        ready.push({d > r ? pass : pass + 1, d});
  }
}

bool CGReader::orderForward(std::vector<uint32_t> &order) {
  const size_t half = records.size() / 2;
  std::vector<uint32_t> deps(half, 0);
  std::vector<std::vector<uint32_t>> dependents(half);
  for (size_t r = 0; r < half; ++r) {
    std::vector<uint32_t> producers;
    for (const CGInput &in : records[r].inputs)
      if (vars[in.var].producer != kNone)
        producers.push_back(vars[in.var].producer);
    std::sort(producers.begin(), producers.end());
    producers.erase(std::unique(producers.begin(), producers.end()),
                    producers.end());
    deps[r] = static_cast<uint32_t>(producers.size());
    for (uint32_t q : producers)
      dependents[q].push_back(static_cast<uint32_t>(r));
  }
  std::vector<uint32_t> remaining = deps;
  sweepOrder(std::move(deps), dependents, order);
  if (order.size() == half)
    return true;

  // A cycle: walk unmet dependencies from an unscheduled record until a
  // record repeats.
  std::vector<bool> scheduled(half, false);
  for (uint32_t r : order)
    scheduled[r] = true;
  uint32_t start = 0;
  while (scheduled[start])
    ++start;
  std::vector<uint32_t> pos(half, kNone), path;
  uint32_t r = start;
  while (pos[r] == kNone) {
    pos[r] = static_cast<uint32_t>(path.size());
    path.push_back(r);
    uint32_t nextRec = kNone;
    for (const CGInput &in : records[r].inputs) {
      uint32_t q = vars[in.var].producer;
      if (q != kNone && !scheduled[q]) {
        nextRec = q;
        break;
      }
    }
    r = nextRec; // an unscheduled record always has an unscheduled producer
  }
  // path[i + 1] produces an input of path[i]: print in data-flow order.
  std::string text = std::to_string(vars[records[r].outputs[0]].id);
  for (size_t i = path.size(); i-- > pos[r];)
    text += " -> " + std::to_string(vars[records[path[i]].outputs[0]].id);
  return fail(records[r].line, "cycle through variables " + text);
}

void CGReader::orderBackward(std::vector<uint32_t> &order) {
  // Backward record `half + r` is ready when every backward record that
  // makes the gradient of forward record r's output has run.
  const size_t half = records.size() / 2;
  std::vector<uint32_t> deps(half, 0);
  std::vector<std::vector<uint32_t>> dependents(half);
  for (size_t r = 0; r < half; ++r) {
    std::vector<uint32_t> targets;
    for (uint32_t var : records[half + r].outputs)
      if (vars[var].producer != kNone)
        targets.push_back(vars[var].producer);
    std::sort(targets.begin(), targets.end());
    targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
    for (uint32_t q : targets) {
      ++deps[q];
      dependents[r].push_back(q);
    }
  }
  sweepOrder(std::move(deps), dependents, order);
}

ReadResult CGReader::read() {
  ReadResult result;
  result.format = GraphFormat::CG;
  auto failed = [&]() {
    result.error = error;
    return result;
  };
  if (!std::isfinite(options.bytesScale) || !(options.bytesScale > 0)) {
    result.error = name + ": the size scale must be a finite number > 0";
    return result;
  }
  if (!readHeader() || !readVariables())
    return failed();
  for (uint64_t i = 0; i < numRecords; ++i)
    if (!readRecord(i))
      return failed();
  while (cursor < lines.size()) {
    std::string_view line = lines[cursor++];
    if (!tokenize(line).empty())
      return fail(lineNo(),
                  "unexpected content after the last record: " + quote(line)),
             failed();
  }

  const size_t half = records.size() / 2;
  for (size_t r = 0; r < half; ++r) {
    CGVariable &out = vars[records[r].outputs[0]];
    if (out.producer != kNone)
      return fail(records[r].line,
                  "variable " + std::to_string(out.id) +
                      " is produced twice (first by the forward record on "
                      "line " +
                      std::to_string(records[out.producer].line) + ")"),
             failed();
    out.producer = static_cast<uint32_t>(r);
  }
  if (!checkPairs())
    return failed();

  std::vector<uint32_t> forwardOrder, backwardOrder;
  if (!orderForward(forwardOrder))
    return failed();
  orderBackward(backwardOrder);

  Program p;
  for (uint32_t r : forwardOrder) {
    CGVariable &out = vars[records[r].outputs[0]];
    const std::string &op = records[r].op;
    double time = op.compare(0, 4, "Conv") == 0 ? 10.0 : 1.0;
    out.node =
        p.graph.addNode(time, out.bytes, std::to_string(out.id) + ":" + op);
  }
  for (uint32_t r : forwardOrder) {
    NodeId to = vars[records[r].outputs[0]].node;
    for (const CGInput &in : records[r].inputs)
      if (vars[in.var].node != kNoNode)
        p.graph.addEdge(vars[in.var].node, to);
  }
  std::string graphError = p.graph.finalize();
  if (!graphError.empty())
    return fail(1, "internal error: " + graphError), failed();

  // Gradient values, created by the first producer in backward order.
  std::vector<ValueId> gradient(vars.size(), kNoValue);
  uint64_t persistentBytes = 0;
  for (uint32_t r : backwardOrder) {
    const CGRecord &b = records[half + r];
    const CGVariable &out = vars[records[r].outputs[0]];
    BackwardOp op;
    op.name = "backward " + std::to_string(out.id) + ":" + b.op;
    if (gradient[records[r].outputs[0]] != kNoValue)
      op.valueUses.push_back(gradient[records[r].outputs[0]]);
    for (const CGInput &in : b.inputs) {
      NodeId node = vars[in.var].node;
      if (in.kind == InputKind::Gradient || node == kNoNode)
        continue;
      if (std::find(op.forwardUses.begin(), op.forwardUses.end(), node) ==
          op.forwardUses.end())
        op.forwardUses.push_back(node);
    }
    for (uint32_t var : b.outputs) {
      ValueId &g = gradient[var];
      if (g == kNoValue) {
        BackwardValue value;
        value.bytes = vars[var].bytes;
        value.persistent = vars[var].node == kNoNode;
        value.name = "grad " + std::to_string(vars[var].id) +
                     (vars[var].name == "_" ? "" : ":" + vars[var].name);
        if (value.persistent)
          persistentBytes += value.bytes;
        g = static_cast<ValueId>(p.values.size());
        p.values.push_back(std::move(value));
        op.defines.push_back(g);
      } else if (std::find(op.defines.begin(), op.defines.end(), g) ==
                     op.defines.end() &&
                 std::find(op.valueUses.begin(), op.valueUses.end(), g) ==
                     op.valueUses.end()) {
        op.valueUses.push_back(g);
      }
    }
    p.backward.push_back(std::move(op));
  }

  std::string programError = p.validate();
  if (!programError.empty())
    return fail(1, "internal error: " + programError), failed();
  result.program = std::move(p);
  result.persistentGradientBytes = persistentBytes;
  return result;
}

} // namespace

ReadResult recompute::readCGProgram(const std::string &name,
                                    const std::string &text,
                                    const ReadOptions &options) {
  CGReader reader(name, text, options);
  return reader.read();
}
