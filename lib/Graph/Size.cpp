//===- Size.cpp - Byte sizes and budgets: parsing and printing ------------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Budgets are parsed with exact integer arithmetic (no strtod): the integer
// part and up to 24 fractional digits are kept as 128-bit integers, so that
// "8EiB"-sized values and fractions such as "1.5GiB" are exact, and overflow
// is detected before it happens.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Size.h"

#include <cmath>
#include <cstdio>
#include <limits>

using namespace recompute;

namespace {

using u128 = unsigned __int128;

constexpr uint64_t kMaxBudget = uint64_t(1) << 63;
constexpr unsigned kMaxFractionDigits = 24;

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char toLower(char c) {
  return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

/// Quotes user text for an error message: printable ASCII as is, anything
/// else as \xNN, long text shortened.
std::string quote(const std::string &s) {
  std::string out = "'";
  size_t limit = 40;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i == limit) {
      out += "...";
      break;
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += char(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    }
  }
  return out + "'";
}

/// Returns the multiplier of a (lower-cased) unit, or 0 when unknown.
uint64_t unitMultiplier(const std::string &unit) {
  static const struct {
    const char *name;
    uint64_t mult;
  } kUnits[] = {
      {"b", 1},
      {"kb", 1000ull},
      {"mb", 1000ull * 1000},
      {"gb", 1000ull * 1000 * 1000},
      {"tb", 1000ull * 1000 * 1000 * 1000},
      {"kib", 1ull << 10},
      {"mib", 1ull << 20},
      {"gib", 1ull << 30},
      {"tib", 1ull << 40},
  };
  for (const auto &u : kUnits)
    if (unit == u.name)
      return u.mult;
  return 0;
}

} // namespace

uint64_t BudgetSpec::resolve(uint64_t vanillaPeak) const {
  if (!isPercent)
    return bytes;
  if (!(percent > 0) || !std::isfinite(percent))
    return 0;
  long double v =
      static_cast<long double>(vanillaPeak) * static_cast<long double>(percent);
  v /= 100;
  // `percent` came from a decimal string and carries the representation
  // error of a double (33.3 is 33.29999...); allow for it before rounding
  // down so that 33.3% of 2665000000 is 887445000, not 887444999.
  v *= 1 + std::numeric_limits<double>::epsilon();
  if (v >= static_cast<long double>(kMaxBudget))
    return kMaxBudget;
  return static_cast<uint64_t>(std::floor(v));
}

std::optional<BudgetSpec> recompute::parseBudget(const std::string &text,
                                                 std::string &error) {
  error.clear();
  size_t b = 0, e = text.size();
  while (b < e && isSpace(text[b]))
    ++b;
  while (e > b && isSpace(text[e - 1]))
    --e;
  if (b == e) {
    error = "empty budget";
    return std::nullopt;
  }
  const std::string s = text.substr(b, e - b);
  size_t i = 0;
  if (s[0] == '-') {
    error = "negative budget " + quote(s);
    return std::nullopt;
  }
  if (s[0] == '+')
    ++i;

  // Number: digits [ '.' digits ] or '.' digits.
  u128 intPart = 0;
  bool intOverflow = false;
  size_t intDigits = 0;
  while (i < s.size() && isDigit(s[i])) {
    if (!intOverflow) {
      intPart = intPart * 10 + unsigned(s[i] - '0');
      // Anything above 2^64 overflows whatever the unit (the largest unit is
      // >= 1, and the limit is 2^63).
      if (intPart > (u128(1) << 64))
        intOverflow = true;
    }
    ++i;
    ++intDigits;
  }
  u128 fracPart = 0, fracScale = 1;
  size_t fracDigits = 0;
  bool hasDot = false;
  if (i < s.size() && s[i] == '.') {
    hasDot = true;
    ++i;
    while (i < s.size() && isDigit(s[i])) {
      if (fracDigits < kMaxFractionDigits) {
        fracPart = fracPart * 10 + unsigned(s[i] - '0');
        fracScale *= 10;
      }
      ++i;
      ++fracDigits;
    }
  }
  if (intDigits == 0 && fracDigits == 0) {
    error = "expected a number in budget " + quote(s);
    return std::nullopt;
  }
  if (hasDot && fracDigits == 0) {
    error = "expected digits after '.' in budget " + quote(s);
    return std::nullopt;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E') && i + 1 < s.size() &&
      (isDigit(s[i + 1]) || s[i + 1] == '+' || s[i + 1] == '-')) {
    error = "exponent notation is not supported in budget " + quote(s);
    return std::nullopt;
  }

  // Optional spaces, then a unit, '%' or nothing.
  while (i < s.size() && isSpace(s[i]))
    ++i;
  if (i < s.size() && s[i] == '%') {
    ++i;
    if (i != s.size()) {
      error = "unexpected " + quote(s.substr(i)) + " after '%' in budget " +
              quote(s);
      return std::nullopt;
    }
    if (intOverflow) {
      error = "percentage out of range in budget " + quote(s);
      return std::nullopt;
    }
    long double pct = static_cast<long double>(intPart) +
                      static_cast<long double>(fracPart) /
                          static_cast<long double>(fracScale);
    if (!(pct > 0)) {
      error = "percentage must be greater than 0 in budget " + quote(s);
      return std::nullopt;
    }
    BudgetSpec spec;
    spec.isPercent = true;
    spec.percent = static_cast<double>(pct);
    if (!std::isfinite(spec.percent)) {
      error = "percentage out of range in budget " + quote(s);
      return std::nullopt;
    }
    return spec;
  }

  size_t unitBegin = i;
  while (i < s.size() && isAlpha(s[i]))
    ++i;
  std::string unit;
  for (size_t k = unitBegin; k < i; ++k)
    unit += toLower(s[k]);
  if (i != s.size()) {
    error = "unexpected " + quote(s.substr(i)) + " in budget " + quote(s);
    return std::nullopt;
  }
  uint64_t mult = 1;
  if (!unit.empty()) {
    mult = unitMultiplier(unit);
    if (mult == 0) {
      error = "unknown unit " + quote(s.substr(unitBegin)) + " in budget " +
              quote(s) +
              " (expected B, KB, MB, GB, TB, KiB, MiB, GiB, TiB or %)";
      return std::nullopt;
    }
  }
  if (mult == 1 && fracPart != 0) {
    error = "a byte count must be a whole number in budget " + quote(s);
    return std::nullopt;
  }
  if (intOverflow || intPart > u128(kMaxBudget)) {
    error = "budget " + quote(s) + " exceeds 2^63 bytes";
    return std::nullopt;
  }
  // intPart <= 2^63 and mult <= 2^40: the product fits in 128 bits; so does
  // fracPart (< 10^24 < 2^80) times mult.
  u128 total = intPart * mult + (fracPart * mult) / fracScale;
  if (total > u128(kMaxBudget)) {
    error = "budget " + quote(s) + " exceeds 2^63 bytes";
    return std::nullopt;
  }
  BudgetSpec spec;
  spec.bytes = static_cast<uint64_t>(total);
  return spec;
}

std::string recompute::formatBytes(uint64_t bytes) {
  if (bytes < 1024)
    return std::to_string(bytes) + " B";
  static const char *const kUnits[] = {"KiB", "MiB", "GiB",
                                       "TiB", "PiB", "EiB"};
  long double v = static_cast<long double>(bytes) / 1024;
  size_t u = 0;
  // Move to the next unit when the value would print as 1024.0 or more.
  while (u + 1 < sizeof(kUnits) / sizeof(kUnits[0]) && v >= 1023.95L) {
    v /= 1024;
    ++u;
  }
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.1Lf %s", v, kUnits[u]);
  return buf;
}

std::string recompute::formatBytesLong(uint64_t bytes) {
  if (bytes < 1024)
    return formatBytes(bytes);
  return formatBytes(bytes) + " (" + std::to_string(bytes) + " bytes)";
}
