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
  check(text, recompute::GraphFormat::CG);
  return 0;
}
