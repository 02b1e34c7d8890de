//===- BudgetFuzzer.cpp - libFuzzer target: size and budget parser --------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary text to parseBudget (lib/Graph/Size.cpp), the parser of
// --budget and of the pass's `budget` option. Checks: a result or an error,
// never both; accepted byte counts within 2^63; accepted percentages finite
// and >= 0; resolve() and the printers never crash on what was accepted.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Size.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace recompute;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  std::string error;
  std::optional<BudgetSpec> spec = parseBudget(text, error);
  if (!spec) {
    if (error.empty() || error.find('\n') != std::string::npos) {
      std::fprintf(stderr, "parseBudget: bad error text '%s'\n", error.c_str());
      std::abort();
    }
    return 0;
  }
  if (!error.empty()) {
    std::fprintf(stderr, "parseBudget: a result and an error '%s'\n",
                 error.c_str());
    std::abort();
  }
  if (spec->isPercent) {
    if (!std::isfinite(spec->percent) || spec->percent < 0) {
      std::fprintf(stderr, "parseBudget: bad percentage %g\n", spec->percent);
      std::abort();
    }
  } else if (spec->bytes > (uint64_t(1) << 63)) {
    std::fprintf(stderr, "parseBudget: %llu bytes over 2^63\n",
                 static_cast<unsigned long long>(spec->bytes));
    std::abort();
  }
  for (uint64_t peak : {uint64_t(0), uint64_t(1), uint64_t(1000003),
                        uint64_t(1) << 62, ~uint64_t(0)})
    (void)formatBytesLong(spec->resolve(peak));
  return 0;
}
