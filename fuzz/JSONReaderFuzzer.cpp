//===- JSONReaderFuzzer.cpp - libFuzzer target: our JSON graph format -----===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary bytes to the JSON graph reader (lib/Graph/GraphIO.cpp),
// through readProgram as recompute-plan does. The first byte chooses between
// the forced JSON format and format detection, so that the byte-order-mark
// and detection paths are fuzzed too.
//
//===----------------------------------------------------------------------===//

#include "ReaderFuzzCommon.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

static void check(const std::string &text, recompute::GraphFormat format) {
  std::string broken = recompute::fuzz::checkRead(text, format);
  if (broken.empty())
    return;
  std::fprintf(stderr, "reader guarantee broken: %s\n", broken.c_str());
  std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  check(text, recompute::GraphFormat::JSON);
  // Detection: only when it would pick JSON, to stay on this reader.
  if (!text.empty() && (text[0] == '{' || text[0] == '\xEF' || text[0] == ' '))
    check(text, recompute::GraphFormat::Auto);
  return 0;
}
