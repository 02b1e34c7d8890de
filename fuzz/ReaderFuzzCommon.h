//===- ReaderFuzzCommon.h - Checks shared by the graph-reader fuzzers -----===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// What a graph reader must guarantee on any input, beyond not crashing (which
// AddressSanitizer and UndefinedBehaviorSanitizer check in the fuzzers):
//  - it returns either a program or an error, never both or neither;
//  - the error is one line and names the input;
//  - an accepted program validates, and writing it as JSON and reading that
//    back gives a program that writes the same JSON (a fixpoint).
// Used by the libFuzzer targets (which abort on a broken guarantee) and by
// the reader regression test in test/Unit/Graph.
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

/// Reads `text` as `format` and checks the guarantees above. Returns "" or a
/// description of the broken guarantee.
inline std::string checkRead(const std::string &text, GraphFormat format) {
  const std::string name = "fuzz-input";
  ReadOptions options;
  options.format = format;
  ReadResult r = readProgram(name, text, options);
  if (!r.program) {
    if (r.error.empty())
      return "no program and no error";
    if (r.error.compare(0, name.size(), name) != 0)
      return "the error does not name the input: " + r.error;
    if (r.error.find('\n') != std::string::npos)
      return "the error is not one line: " + r.error;
    return "";
  }
  if (!r.error.empty())
    return "a program and an error: " + r.error;
  std::string why = r.program->validate();
  if (!why.empty())
    return "an accepted program does not validate: " + why;

  std::string json = writeProgramJSON(*r.program);
  ReadOptions jsonOptions;
  jsonOptions.format = GraphFormat::JSON;
  ReadResult back = readProgram("round-trip", json, jsonOptions);
  if (!back.program)
    return "the JSON written for an accepted program is refused: " +
           back.error + "\n" + json;
  std::string again = writeProgramJSON(*back.program);
  if (again != json)
    return "the JSON round trip is not a fixpoint:\n" + json + "\n----\n" +
           again;
  return "";
}

/// Aborts (a finding for libFuzzer) when checkRead reports a broken guarantee.
inline void checkReadOrAbort(const std::string &text, GraphFormat format) {
  std::string broken = checkRead(text, format);
  if (broken.empty())
    return;
  std::fprintf(stderr, "reader guarantee broken: %s\n", broken.c_str());
  std::abort();
}

} // namespace fuzz
} // namespace recompute

#endif // RECOMPUTE_FUZZ_READERFUZZCOMMON_H
