//===- GraphIOTest.cpp - Tests of the JSON graph format and dispatch ------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/GraphIO.h"
#include "recompute/Graph/Simulator.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <fstream>
#include <sstream>

using namespace recompute;

namespace {

ReadResult readJSON(const std::string &text, double scale = 1.0) {
  ReadOptions opts;
  opts.format = GraphFormat::JSON;
  opts.bytesScale = scale;
  return readProgram("g.json", text, opts);
}

/// Reads `text`, which must fail; returns the error.
std::string jsonError(const std::string &text) {
  ReadResult r = readJSON(text);
  EXPECT_FALSE(r.program.has_value()) << "accepted: " << text.substr(0, 200);
  EXPECT_FALSE(r.error.empty());
  EXPECT_EQ(r.error.find('\n'), std::string::npos) << r.error;
  return r.error;
}

/// A program exercising every field of the format.
Program makeRichProgram() {
  Program p;
  Graph &g = p.graph;
  g.addNode(10, 1000, "conv1");
  g.addNode(1, 1000, "relu \"quoted\"\n");
  g.addNode(2.5, 0, "view");
  g.addNode(0.1, 300, ""); // unnamed, non-integral time
  g.addNode(1e-7, uint64_t(1) << 40, "big");
  g.addEdge(0, 1);
  g.addEdge(1, 2);
  g.addEdge(1, 3);
  g.addEdge(2, 4);
  g.addEdge(3, 4);
  EXPECT_EQ(g.finalize(), "");
  p.recomputable = {true, false, true, true, true};
  p.escapes = {false, false, false, false, true};
  p.aliasOf = {kNoNode, kNoNode, 1, kNoNode, kNoNode};
  // Values: 0 = grad(big) seed, 1 = grad(3), 2 = grad(1), 3 = weight grad
  // (persistent), 4 = a view of value 2.
  p.values = {{0, false, kNoValue, "g4"},
              {300, false, kNoValue, "g3"},
              {1000, false, kNoValue, "g1"},
              {64, true, kNoValue, "dW"},
              {0, false, 2, "g1.view"}};
  p.backward = {{"seed", {4}, {}, {0}},
                {"bwd4", {2, 3}, {0}, {1}},
                {"bwd3", {1}, {1}, {2}},
                {"reshape", {}, {2}, {4}},
                {"bwd1", {0, 1}, {4}, {3}}};
  return p;
}

void expectSamePrograms(const Program &a, const Program &b) {
  ASSERT_EQ(a.graph.size(), b.graph.size());
  EXPECT_EQ(a.graph.numEdges(), b.graph.numEdges());
  for (NodeId v = 0; v < a.graph.size(); ++v) {
    EXPECT_EQ(a.graph.time(v), b.graph.time(v)) << v;
    EXPECT_EQ(a.graph.bytes(v), b.graph.bytes(v)) << v;
    EXPECT_EQ(a.graph.name(v), b.graph.name(v)) << v;
    EXPECT_EQ(a.graph.succs(v), b.graph.succs(v)) << v;
    EXPECT_EQ(a.isRecomputable(v), b.isRecomputable(v)) << v;
    EXPECT_EQ(a.isEscaping(v), b.isEscaping(v)) << v;
    NodeId aa = a.aliasOf.empty() ? kNoNode : a.aliasOf[v];
    NodeId ba = b.aliasOf.empty() ? kNoNode : b.aliasOf[v];
    EXPECT_EQ(aa, ba) << v;
  }
  ASSERT_EQ(a.values.size(), b.values.size());
  for (size_t i = 0; i < a.values.size(); ++i) {
    EXPECT_EQ(a.values[i].bytes, b.values[i].bytes) << i;
    EXPECT_EQ(a.values[i].persistent, b.values[i].persistent) << i;
    EXPECT_EQ(a.values[i].aliasOf, b.values[i].aliasOf) << i;
    EXPECT_EQ(a.values[i].name, b.values[i].name) << i;
  }
  ASSERT_EQ(a.backward.size(), b.backward.size());
  for (size_t i = 0; i < a.backward.size(); ++i) {
    EXPECT_EQ(a.backward[i].name, b.backward[i].name) << i;
    EXPECT_EQ(a.backward[i].forwardUses, b.backward[i].forwardUses) << i;
    EXPECT_EQ(a.backward[i].valueUses, b.backward[i].valueUses) << i;
    EXPECT_EQ(a.backward[i].defines, b.backward[i].defines) << i;
  }
}

TEST(GraphIOTest, RoundTripRichProgram) {
  Program p = makeRichProgram();
  ASSERT_EQ(p.validate(), "");
  std::string text = writeProgramJSON(p);
  ReadResult r = readProgram("rt.json", text, ReadOptions());
  ASSERT_TRUE(r.program) << r.error;
  EXPECT_EQ(r.format, GraphFormat::JSON);
  EXPECT_EQ(r.persistentGradientBytes, 64u);
  expectSamePrograms(p, *r.program);
  // Writing is deterministic and a fixpoint.
  EXPECT_EQ(writeProgramJSON(*r.program), text);
}

TEST(GraphIOTest, RoundTripEmptyBackwardStaysEmpty) {
  Program p;
  p.graph.addNode(1, 8, "a");
  p.graph.addNode(1, 8, "b");
  p.graph.addEdge(0, 1);
  ASSERT_EQ(p.graph.finalize(), "");
  std::string text = writeProgramJSON(p);
  ReadResult r = readJSON(text);
  ASSERT_TRUE(r.program) << r.error;
  // A present but empty "backward" section is not replaced by the default.
  EXPECT_TRUE(r.program->backward.empty());
  EXPECT_TRUE(r.program->values.empty());
}

TEST(GraphIOTest, DefaultBackwardWhenAbsent) {
  const char *text = R"({
    "nodes": [{"time": 10, "bytes": 100, "name": "a"},
              {"time": 1, "bytes": 200},
              {"time": 1, "bytes": 300, "recomputable": false}],
    "edges": [[0, 1], [1, 2]]
  })";
  ReadResult r = readJSON(text);
  ASSERT_TRUE(r.program) << r.error;
  Graph g;
  g.addNode(10, 100, "a");
  g.addNode(1, 200);
  g.addNode(1, 300);
  g.addEdge(0, 1);
  g.addEdge(1, 2);
  ASSERT_EQ(g.finalize(), "");
  Program expected = makeDefaultProgram(std::move(g));
  expected.recomputable = {true, true, false};
  expectSamePrograms(expected, *r.program);
  EXPECT_FALSE(r.program->backward.empty());
}

TEST(GraphIOTest, OptionalIdsAndTopLevelKeys) {
  const char *text = R"({"format": "recompute-graph", "version": 1,
    "name": "tiny", "comment": "anything",
    "nodes": [{"id": 0, "time": 1, "bytes": 1}, {"id": 1, "time": 0, "bytes": 0}],
    "edges": [[0, 1]]})";
  ReadResult r = readJSON(text);
  ASSERT_TRUE(r.program) << r.error;
  EXPECT_EQ(r.program->graph.size(), 2u);
  EXPECT_EQ(r.program->graph.numEdges(), 1u);
}

TEST(GraphIOTest, BytesScale) {
  Program p = makeRichProgram();
  ReadResult r = readJSON(writeProgramJSON(p), 2.5);
  ASSERT_TRUE(r.program) << r.error;
  EXPECT_EQ(r.program->graph.bytes(0), 2500u);
  EXPECT_EQ(r.program->graph.bytes(3), 750u);
  EXPECT_EQ(r.program->values[3].bytes, 160u);
  EXPECT_EQ(r.persistentGradientBytes, 160u);
  EXPECT_EQ(r.program->graph.time(0), 10.0); // times are not scaled

  ReadOptions bad;
  bad.bytesScale = 0;
  EXPECT_FALSE(readProgram("g.json", "{\"nodes\": []}", bad).program);
  bad.bytesScale = -1;
  EXPECT_FALSE(readProgram("g.json", "{\"nodes\": []}", bad).program);
}

TEST(GraphIOTest, ContentDetection) {
  ReadOptions autoOpts;
  ReadResult r = readProgram("x", " \n\t{\"nodes\": []}", autoOpts);
  EXPECT_EQ(r.format, GraphFormat::JSON);
  EXPECT_TRUE(r.program) << r.error;
  r = readProgram("x", "\xEF\xBB\xBF{\"nodes\": []}", autoOpts);
  EXPECT_EQ(r.format, GraphFormat::JSON);
  EXPECT_TRUE(r.program) << r.error;
  // Anything else goes to the cg reader (whose verdict is its own business;
  // this text is not a valid cg file either).
  r = readProgram("x", "[1, 2]", autoOpts);
  EXPECT_EQ(r.format, GraphFormat::CG);
  EXPECT_FALSE(r.program);
  // An explicit format wins over detection.
  ReadOptions jsonOpts;
  jsonOpts.format = GraphFormat::JSON;
  r = readProgram("x", "2 1\n", jsonOpts);
  EXPECT_EQ(r.format, GraphFormat::JSON);
  EXPECT_FALSE(r.program);
  EXPECT_NE(r.error.find("x:1: "), std::string::npos) << r.error;
}

TEST(GraphIOTest, EmptyInput) {
  ReadOptions autoOpts;
  for (const char *text : {"", "   \n\n  "}) {
    ReadResult r = readProgram("e.txt", text, autoOpts);
    EXPECT_FALSE(r.program);
    EXPECT_NE(r.error.find("e.txt:1: the file is empty"), std::string::npos)
        << r.error;
  }
}

TEST(GraphIOTest, SyntaxErrorsCarryLines) {
  EXPECT_NE(jsonError("{\"nodes\": [\n{\"time\": 1,\n\"bytes\": 2}\n")
                .find("g.json:3: unexpected end of input"),
            std::string::npos);
  EXPECT_NE(jsonError("{\n\n  \"nodes\": [}").find("g.json:3:"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": []} x").find("after the end"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [], \"nodes\": []}").find("duplicate key"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"a\" 1}").find("expected ':'"), std::string::npos);
  EXPECT_NE(jsonError("{nodes: []}").find("quoted key"), std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [01]}").find("leading zeros"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [1.]}").find("digits after '.'"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [tru]}").find("literal"), std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [\"a\\q\"]}").find("invalid escape"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [\"a\tb\"]}").find("unescaped"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [\"\\ud800\"]}").find("surrogate"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [\"abc").find("in a string"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [1,]}").find("expected a value"),
            std::string::npos);
}

TEST(GraphIOTest, BinaryInput) {
  std::string bin("{\"nodes\": [\x00\x01\xff]}", 16);
  std::string err = jsonError(bin);
  EXPECT_NE(err.find("byte 0x00"), std::string::npos) << err;
  std::string noise;
  for (int i = 0; i < 4096; ++i)
    noise += char((i * 131 + 7) & 0xff);
  jsonError(noise);
  jsonError("{" + noise);
}

TEST(GraphIOTest, DeepNestingIsRejectedWithoutRecursionBlowUp) {
  std::string deep = "{\"nodes\": " + std::string(1000000, '[');
  EXPECT_NE(jsonError(deep).find("nesting deeper than"), std::string::npos);
  std::string deepObj;
  for (int i = 0; i < 100000; ++i)
    deepObj += "{\"a\": ";
  EXPECT_NE(jsonError(deepObj).find("nesting deeper than"), std::string::npos);
}

TEST(GraphIOTest, LargeInputIsHandled) {
  // A 20000-node chain parses; a 16 MB string value is rejected by the
  // schema, not by a crash.
  std::ostringstream os;
  os << "{\"nodes\": [";
  for (int i = 0; i < 20000; ++i)
    os << (i ? "," : "") << "{\"time\": 1, \"bytes\": 4}";
  os << "], \"edges\": [";
  for (int i = 0; i + 1 < 20000; ++i)
    os << (i ? "," : "") << "[" << i << "," << i + 1 << "]";
  os << "]}";
  ReadResult r = readJSON(os.str());
  ASSERT_TRUE(r.program) << r.error;
  EXPECT_EQ(r.program->graph.size(), 20000u);
  std::string big = "{\"nodes\": \"" + std::string(16 << 20, 'x') + "\"}";
  EXPECT_NE(jsonError(big).find("\"nodes\" must be an array"),
            std::string::npos);
}

TEST(GraphIOTest, SchemaErrors) {
  EXPECT_NE(jsonError("[]").find("top-level value must be an object"),
            std::string::npos);
  EXPECT_NE(jsonError("{}").find("missing \"nodes\""), std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [],\n \"edgez\": []}")
                .find("g.json:2: unknown key 'edgez'"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"format\": \"other\", \"nodes\": []}").find("format"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"version\": 2, \"nodes\": []}").find("version"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [\n{\"bytes\": 1}]}")
                .find("g.json:2: node 0: missing \"time\""),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1}]}").find("missing \"bytes\""),
            std::string::npos);
  EXPECT_NE(
      jsonError("{\"nodes\": [{\"time\": -1, \"bytes\": 1}]}").find(">= 0"),
      std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1e999, \"bytes\": 1}]}")
                .find("finite"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1, \"bytes\": 1.5}]}")
                .find("non-negative integer"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1, \"bytes\": -1}]}")
                .find("non-negative integer"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1, \"bytes\": \"1\"}]}")
                .find("non-negative integer"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1, \"bytes\": 1, \"tme\": 1}]}")
                .find("unknown key 'tme' in node 0"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"id\": 3, \"time\": 1, \"bytes\": 1}]}")
                .find("position 0"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1, \"bytes\": 1, "
                      "\"recomputable\": 0}]}")
                .find("must be a boolean"),
            std::string::npos);
}

TEST(GraphIOTest, SizeOverflow) {
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1, \"bytes\": "
                      "9223372036854775809}]}")
                .find("exceeds 2^63"),
            std::string::npos);
  EXPECT_NE(jsonError("{\"nodes\": [{\"time\": 1, \"bytes\": "
                      "99999999999999999999999}]}")
                .find("exceeds 2^63"),
            std::string::npos);
  // Within range, but not once scaled.
  ReadResult r = readJSON("{\"nodes\": [{\"time\": 1, \"bytes\": "
                          "4611686018427387904}]}",
                          4.0);
  EXPECT_FALSE(r.program);
  EXPECT_NE(r.error.find("exceeds 2^63"), std::string::npos) << r.error;
}

TEST(GraphIOTest, EdgeErrors) {
  const std::string nodes =
      "{\"nodes\": [{\"time\": 1, \"bytes\": 1}, {\"time\": 1, \"bytes\": 1}, "
      "{\"time\": 1, \"bytes\": 1}],\n";
  EXPECT_NE(jsonError(nodes + "\"edges\": [[0, 1],\n [1, 17]]}")
                .find("g.json:3: edge 1: target node 17 is out of range"),
            std::string::npos);
  EXPECT_NE(jsonError(nodes + "\"edges\": [[0, 1, 2]]}").find("[from, to]"),
            std::string::npos);
  EXPECT_NE(
      jsonError(nodes + "\"edges\": [[0, -1]]}").find("non-negative integer"),
      std::string::npos);
  EXPECT_NE(jsonError(nodes + "\"edges\": [[2, 2]]}").find("self-loop"),
            std::string::npos);
  std::string cycle = jsonError(nodes + "\"edges\": [[0, 1], [1, 2], [2, 0]]}");
  EXPECT_NE(cycle.find("g.json:2: "), std::string::npos) << cycle;
  EXPECT_NE(cycle.find("cycle"), std::string::npos) << cycle;
}

TEST(GraphIOTest, BackwardErrors) {
  const std::string head = "{\"nodes\": [{\"time\": 1, \"bytes\": 1}],\n";
  EXPECT_NE(jsonError(head + "\"backward\": {\"ops\": [\n{\"forward_uses\": "
                             "[5]}]}}")
                .find("g.json:3: backward op 0: \"forward_uses\""),
            std::string::npos);
  EXPECT_NE(jsonError(head + "\"backward\": {\"values\": [{\"bytes\": 1}], "
                             "\"ops\": [{\"defines\": [1]}]}}")
                .find("out of range"),
            std::string::npos);
  EXPECT_NE(jsonError(head + "\"backward\": {\"values\": [{}]}}")
                .find("missing \"bytes\""),
            std::string::npos);
  EXPECT_NE(jsonError(head + "\"backward\": {\"opz\": []}}")
                .find("unknown key 'opz'"),
            std::string::npos);
  // Semantic errors found by Program::validate: a value used before it is
  // defined.
  std::string err =
      jsonError(head + "\"backward\": {\"values\": [{\"bytes\": 1}], \"ops\": "
                       "[{\"value_uses\": [0]}, {\"defines\": [0]}]}}");
  EXPECT_NE(err.find("g.json:2: "), std::string::npos) << err;
}

TEST(GraphIOTest, FileErrors) {
  ReadResult r = readProgramFile("/nonexistent/dir/g.txt", ReadOptions());
  EXPECT_FALSE(r.program);
  EXPECT_NE(r.error.find("/nonexistent/dir/g.txt: cannot open file"),
            std::string::npos)
      << r.error;
  r = readProgramFile("/", ReadOptions());
  EXPECT_FALSE(r.program);
  EXPECT_NE(r.error.find("directory"), std::string::npos) << r.error;
}

TEST(GraphIOTest, FileRoundTrip) {
  std::string path = ::testing::TempDir() + "graphio-roundtrip.json";
  Program p = makeRichProgram();
  {
    std::ofstream os(path, std::ios::binary);
    os << writeProgramJSON(p);
  }
  ReadResult r = readProgramFile(path, ReadOptions());
  ASSERT_TRUE(r.program) << r.error;
  expectSamePrograms(p, *r.program);
  std::remove(path.c_str());
}

TEST(GraphIOTest, PaperGraphRoundTripPreservesSimulation) {
  std::string path =
      std::string(RECOMPUTE_PAPER_GRAPHS_DIR) + "/cg_resnet50.txt";
  ReadResult cg = readProgramFile(path, ReadOptions());
  if (!cg.program && cg.error.find("cannot open") != std::string::npos)
    GTEST_SKIP() << "paper graphs not available: " << cg.error;
  ASSERT_TRUE(cg.program) << cg.error;
  EXPECT_EQ(cg.format, GraphFormat::CG);
  EXPECT_EQ(cg.program->graph.size(), 176u);
  ReadResult js = readProgram("resnet50.json", writeProgramJSON(*cg.program),
                              ReadOptions());
  ASSERT_TRUE(js.program) << js.error;
  EXPECT_EQ(js.format, GraphFormat::JSON);
  expectSamePrograms(*cg.program, *js.program);
  EXPECT_EQ(js.persistentGradientBytes, cg.persistentGradientBytes);
  uint64_t vanilla = simulateVanilla(*cg.program).peak;
  EXPECT_GT(vanilla, 0u);
  EXPECT_GT(js.persistentGradientBytes, 0u);
  EXPECT_EQ(simulateVanilla(*js.program).peak, vanilla);
  EXPECT_EQ(peakLowerBound(*js.program), peakLowerBound(*cg.program));
}

} // namespace
