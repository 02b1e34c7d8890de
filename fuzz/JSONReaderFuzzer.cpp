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

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  recompute::fuzz::checkReadOrAbort(text, recompute::GraphFormat::JSON);
  // Detection: only when it would pick JSON, to stay on this reader.
  if (!text.empty() && (text[0] == '{' || text[0] == '\xEF' || text[0] == ' '))
    recompute::fuzz::checkReadOrAbort(text, recompute::GraphFormat::Auto);
  return 0;
}
