//===- CGReaderFuzzer.cpp - libFuzzer target: the paper's CG format -------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary bytes to the reader of the paper's plain-text graph dumps
// (lib/Graph/CGFormat.cpp), through readProgram as recompute-plan does.
//
//===----------------------------------------------------------------------===//

#include "ReaderFuzzCommon.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  recompute::fuzz::checkReadOrAbort(text, recompute::GraphFormat::CG);
  return 0;
}
