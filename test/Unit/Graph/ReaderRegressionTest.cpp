//===- ReaderRegressionTest.cpp - Graph readers on hostile files ----------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// Runs the guarantees the libFuzzer targets check (fuzz/ReaderFuzzCommon.h)
// on every input kept for regression: fuzz/corpus/<target>/ (seeds and every
// crasher found by fuzzing, docs/Fuzzing.md) and test/Tools/Inputs/. Also a
// few hostile inputs built here: huge counts, deep nesting, binary bytes.
//
//===----------------------------------------------------------------------===//

#include "../../../fuzz/ReaderFuzzCommon.h"

#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace recompute;

namespace {

std::vector<std::string> filesIn(const std::string &dir) {
  std::vector<std::string> files;
  if (DIR *d = opendir(dir.c_str())) {
    while (dirent *e = readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != "..")
        files.push_back(dir + "/" + name);
    }
    closedir(d);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string slurp(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void checkDirectory(const std::string &dir, GraphFormat format,
                    size_t minFiles) {
  std::vector<std::string> files = filesIn(dir);
  EXPECT_GE(files.size(), minFiles) << dir;
  for (const std::string &f : files)
    EXPECT_EQ(fuzz::checkRead(slurp(f), format), "") << f;
}

const std::string kSource = RECOMPUTE_SOURCE_DIR;

TEST(ReaderRegression, CGCorpus) {
  checkDirectory(kSource + "/fuzz/corpus/cgreader", GraphFormat::CG, 1);
}

TEST(ReaderRegression, JSONCorpus) {
  checkDirectory(kSource + "/fuzz/corpus/jsonreader", GraphFormat::JSON, 1);
}

TEST(ReaderRegression, ToolInputsEveryFormat) {
  for (GraphFormat format :
       {GraphFormat::Auto, GraphFormat::CG, GraphFormat::JSON})
    checkDirectory(kSource + "/test/Tools/Inputs", format, 5);
}

TEST(ReaderRegression, HostileBuiltInputs) {
  std::vector<std::string> inputs = {
      "",
      std::string("\0\0\0\0", 4),
      "\xEF\xBB\xBF",
      "\xEF\xBB\xBF{",
      "4294967295 4294967295\n",
      "18446744073709551615 2\n",
      "1 2\n0 18446744073709551615 _\nforward\n1 1\n0 _\n0\nF\n{}\n",
      std::string(100000, '['),
      std::string(100000, '{'),
      "{\"nodes\": [" + std::string(50000, '[') + "]}",
      "{\"format\": \"recompute-graph\", \"version\": 1, \"nodes\": "
      "[{\"id\": 0, \"time\": 1e999, \"bytes\": 1}], \"edges\": []}",
      "{\"format\": \"recompute-graph\", \"version\": 1, \"nodes\": "
      "[{\"id\": 0, \"time\": 1, \"bytes\": 18446744073709551616}], "
      "\"edges\": []}",
      "{\"a\": \"\\ud800\"}",
  };
  std::string binary;
  for (int i = 0; i < 4096; ++i)
    binary.push_back(static_cast<char>((i * 7919) & 0xff));
  inputs.push_back(binary);
  for (const std::string &text : inputs)
    for (GraphFormat format :
         {GraphFormat::Auto, GraphFormat::CG, GraphFormat::JSON})
      EXPECT_EQ(fuzz::checkRead(text, format), "")
          << "input of " << text.size() << " bytes starting with '"
          << text.substr(0, 40) << "'";
}

} // namespace
