//===- Size.h - Byte sizes and budgets: parsing and printing --------------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_GRAPH_SIZE_H
#define RECOMPUTE_GRAPH_SIZE_H

#include <cstdint>
#include <optional>
#include <string>

namespace recompute {

/// A budget as written by a user: absolute bytes or a percentage of the
/// no-recomputation peak.
struct BudgetSpec {
  bool isPercent = false;
  uint64_t bytes = 0;   // when !isPercent
  double percent = 0;   // when isPercent, e.g. 60 for "60%"
  /// Resolves against the no-recomputation peak (rounds down).
  uint64_t resolve(uint64_t vanillaPeak) const;
};

/// Parses "123", "512MiB", "2GB", "1.5GiB", "64 KB", "60%". Units: B, KB, MB,
/// GB, TB (powers of 1000), KiB, MiB, GiB, TiB (powers of 1024), case
/// insensitive. Rejects empty, negative, non-finite, overflowing (> 2^63)
/// and malformed input with a one-line reason in `error`.
std::optional<BudgetSpec> parseBudget(const std::string &text,
                                      std::string &error);

/// "212.5 MiB" style (binary units, one decimal; plain "B" under 1 KiB).
std::string formatBytes(uint64_t bytes);
/// "212.5 MiB (222822400 bytes)".
std::string formatBytesLong(uint64_t bytes);

} // namespace recompute

#endif // RECOMPUTE_GRAPH_SIZE_H
