//===- ReaderFuzzCommon.h - Checks shared by the graph-reader fuzzers -----===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// What a reader must guarantee on any input, beyond not crashing (which
// AddressSanitizer and UndefinedBehaviorSanitizer check):
//  - it returns either a program or a one-line error, never both or neither;
//  - the error names the input;
//  - an accepted program validates, and writing it as JSON and reading that
//    back gives a program that writes the same JSON (a fixpoint).
// A broken guarantee aborts, which libFuzzer reports as a crash.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_FUZZ_READERFUZZCOMMON_H
#define RECOMPUTE_FUZZ_READERFUZZCOMMON_H

#include "recompute/Graph/GraphIO.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace recompute {
namespace fuzz {

[[noreturn]] inline void fail(const char *what, const std::string &detail) {
  std::fprintf(stderr, "reader fuzz check failed: %s\n%s\n", what,
               detail.c_str());
  std::abort();
}

inline void checkRead(const std::string &text, GraphFormat format) {
  ReadOptions options;
  options.format = format;
  ReadResult r = readProgram("fuzz-input", text, options);
  if (!r.program) {
    if (r.error.empty())
      fail("no program and no error", "");
    if (r.error.compare(0, 10, "fuzz-input") != 0)
      fail("the error does not name the input", r.error);
    if (r.error.find('\n') != std::string::npos)
      fail("the error is not one line", r.error);
    return;
  }
  if (!r.error.empty())
    fail("a program and an error", r.error);
  std::string why = r.program->validate();
  if (!why.empty())
    fail("an accepted program does not validate", why);

  std::string json = writeProgramJSON(*r.program);
  ReadOptions jsonOptions;
  jsonOptions.format = GraphFormat::JSON;
  ReadResult back = readProgram("round-trip", json, jsonOptions);
  if (!back.program)
    fail("the JSON written for an accepted program is refused",
         back.error + "\n" + json);
  std::string again = writeProgramJSON(*back.program);
  if (again != json)
    fail("JSON round trip is not a fixpoint", json + "\n----\n" + again);
}

} // namespace fuzz
} // namespace recompute

#endif // RECOMPUTE_FUZZ_READERFUZZCOMMON_H
