//===- SimulatorTest.cpp - Tests of Program, the simulator, the CG reader -===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// Hand-computed schedules (every live byte count below is worked out in the
// comments), a naive reference simulator on random programs, the paper-graph
// reader on small inline texts and malformed input, and the calibration of
// the no-recomputation peak against the authors' published figures.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Simulator.h"
#include "recompute/Graph/GraphIO.h"
#include "recompute/Graph/Program.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace recompute;

namespace {

NodeSet setOf(size_t n, std::initializer_list<NodeId> ids) {
  NodeSet s(n);
  for (NodeId v : ids)
    s.insert(v);
  return s;
}

/// Chain a -> b -> c -> d with M = 4, 4, 4, 1 and T = 1, default backward.
Program chain4() {
  Graph g;
  g.addNode(1, 4, "a");
  g.addNode(1, 4, "b");
  g.addNode(1, 4, "c");
  g.addNode(1, 1, "d");
  g.addEdge(0, 1);
  g.addEdge(1, 2);
  g.addEdge(2, 3);
  EXPECT_EQ(g.finalize(), "");
  return makeDefaultProgram(std::move(g));
}

/// Diamond a -> {b, c} -> d with M = 8, 2, 4, 1, default backward.
Program diamond() {
  Graph g;
  g.addNode(1, 8, "a");
  g.addNode(1, 2, "b");
  g.addNode(1, 4, "c");
  g.addNode(1, 1, "d");
  g.addEdge(0, 1);
  g.addEdge(0, 2);
  g.addEdge(1, 3);
  g.addEdge(2, 3);
  EXPECT_EQ(g.finalize(), "");
  return makeDefaultProgram(std::move(g));
}

std::string scheduleString(const Program &p, const SimResult &r) {
  std::string out;
  for (const Step &s : r.schedule) {
    if (!out.empty())
      out += ' ';
    switch (s.kind) {
    case StepKind::Forward:
      out += "F" + p.graph.name(s.id);
      break;
    case StepKind::Recompute:
      out += "R" + p.graph.name(s.id);
      break;
    case StepKind::Backward:
      out += "B" + std::to_string(s.id);
      break;
    }
  }
  return out;
}

SimResult record(const Program &p, const NodeSet &kept) {
  SimOptions opts;
  opts.recordSchedule = true;
  return simulate(p, kept, opts);
}

//===----------------------------------------------------------------------===//
// Program
//===----------------------------------------------------------------------===//

TEST(ProgramTest, DefaultProgramOfChain) {
  Program p = chain4();
  ASSERT_EQ(p.validate(), "");
  // One op per node in reverse topological order; the sink reads no
  // gradient (the loss seed has no bytes).
  ASSERT_EQ(p.backward.size(), 4u);
  EXPECT_TRUE(p.backward[0].valueUses.empty());
  EXPECT_EQ(p.backward[0].forwardUses, (std::vector<NodeId>{2, 3}));
  ASSERT_EQ(p.backward[0].defines.size(), 1u);
  EXPECT_EQ(p.values[p.backward[0].defines[0]].bytes, 4u);
  EXPECT_EQ(p.backward[3].forwardUses, (std::vector<NodeId>{0}));
  EXPECT_TRUE(p.backward[3].defines.empty());
  EXPECT_EQ(p.values.size(), 3u);
}

TEST(ProgramTest, DefaultProgramAccumulatesGradients) {
  Program p = diamond();
  ASSERT_EQ(p.validate(), "");
  // d, c, b, a: grad(a) is created by c's op and updated by b's op.
  ValueId ga = p.backward[1].defines.at(0);
  EXPECT_EQ(p.values[ga].bytes, 8u);
  EXPECT_TRUE(p.backward[2].defines.empty());
  EXPECT_NE(std::find(p.backward[2].valueUses.begin(),
                      p.backward[2].valueUses.end(), ga),
            p.backward[2].valueUses.end());
}

TEST(ProgramTest, ValidateRejectsBrokenPrograms) {
  {
    Program p;
    p.graph.addNode(1, 1);
    EXPECT_EQ(p.validate(), "the graph is not finalized");
  }
  Program base = chain4();
  {
    Program p = base;
    p.recomputable = {true};
    EXPECT_EQ(p.validate(), "recomputable has 1 entries for 4 nodes");
  }
  {
    Program p = base;
    p.aliasOf = {kNoNode, 0, kNoNode, kNoNode};
    EXPECT_EQ(p.validate(),
              "node 1 aliases node 0 but has 4 bytes (an alias must have 0)");
    p.graph.setBytes(1, 0);
    EXPECT_EQ(p.validate(), "");
    p.aliasOf = {1, kNoNode, kNoNode, kNoNode};
    p.graph.setBytes(0, 0);
    EXPECT_EQ(p.validate(), "node 0 aliases node 1, which does not come "
                            "before it in topological order");
    p.aliasOf = {kNoNode, 9, kNoNode, kNoNode};
    EXPECT_EQ(p.validate(), "node 1 aliases unknown node 9");
  }
  {
    Program p = base;
    p.backward[1].valueUses.push_back(2); // grad(a), defined by op 2
    EXPECT_NE(p.validate().find("reads value 2 before it is defined"),
              std::string::npos)
        << p.validate();
  }
  {
    Program p = base;
    p.backward[3].defines.push_back(0);
    EXPECT_NE(p.validate().find("defines value 0, already defined by "
                                "backward op 0"),
              std::string::npos)
        << p.validate();
  }
  {
    Program p = base;
    p.values.push_back({0, false, kNoValue, "orphan"});
    EXPECT_EQ(p.validate(), "value 3 ('orphan') is never defined");
  }
  {
    Program p = base;
    p.backward[0].forwardUses.push_back(7);
    EXPECT_NE(p.validate().find("reads unknown node 7"), std::string::npos);
  }
  {
    Program p = base;
    p.values[0].aliasOf = 1; // has bytes
    EXPECT_NE(p.validate().find("aliases value 1 but has 4 bytes"),
              std::string::npos)
        << p.validate();
    p.values[0].bytes = 0; // value 1 is defined after value 0
    EXPECT_NE(p.validate().find("which is not defined yet"), std::string::npos)
        << p.validate();
  }
}

TEST(ProgramTest, AliasRoot) {
  Program p = chain4();
  EXPECT_EQ(p.aliasRoot(2), 2u);
  p.graph.setBytes(1, 0);
  p.graph.setBytes(2, 0);
  p.aliasOf = {kNoNode, 0, 1, kNoNode};
  ASSERT_EQ(p.validate(), "");
  EXPECT_EQ(p.aliasRoot(2), 0u);
  EXPECT_EQ(p.aliasRoot(1), 0u);
  EXPECT_EQ(p.aliasRoot(3), 3u);
}

//===----------------------------------------------------------------------===//
// Hand-computed schedules
//===----------------------------------------------------------------------===//

TEST(SimulatorTest, ChainVanilla) {
  Program p = chain4();
  SimResult r = record(p, p.graph.fullSet());
  EXPECT_EQ(scheduleString(p, r), "Fa Fb Fc Fd B0 B1 B2 B3");
  // F: 4 8 12 13; B0 (d) +grad c -> 17, frees d; B1 (c) +grad b -> 20,
  // frees grad c and c; B2 (b) +grad a -> 16, frees grad b and b; B3 -> 8.
  EXPECT_EQ(r.liveAfter, (std::vector<uint64_t>{4, 8, 12, 13, 17, 20, 16, 8}));
  EXPECT_EQ(r.peak, 20u);
  EXPECT_EQ(r.peakStep, 5u);
  EXPECT_EQ(r.overhead, 0);
  EXPECT_EQ(r.recomputeCount, 0u);
  EXPECT_EQ(r.finalLive, 0u);
  EXPECT_EQ(simulateVanilla(p).peak, 20u);
}

TEST(SimulatorTest, ChainKeepMiddle) {
  Program p = chain4();
  SimResult r = record(p, setOf(4, {1}));
  // a is freed after F b, c and d after F d. Op 0 (d) needs c and d: both
  // recomputed from b. Op 2 (b) needs a: recomputed just before it.
  EXPECT_EQ(scheduleString(p, r), "Fa Fb Fc Fd Rc Rd B0 B1 Ra B2 B3");
  EXPECT_EQ(r.liveAfter,
            (std::vector<uint64_t>{4, 8, 8, 9, 8, 9, 13, 16, 12, 16, 8}));
  EXPECT_EQ(r.peak, 16u);
  EXPECT_EQ(r.peakStep, 7u);
  EXPECT_EQ(r.overhead, 3);
  EXPECT_EQ(r.recomputeCount, 3u);
  EXPECT_EQ(r.finalLive, 0u);
  // The lower bound is reached: op 1 reads b, c, grad c and defines grad b.
  EXPECT_EQ(peakLowerBound(p), 16u);
}

TEST(SimulatorTest, ChainKeepNothingRecomputesAllNeededOnce) {
  Program p = chain4();
  SimResult r = record(p, p.graph.emptySet());
  // Op 0 needs c and d, hence b and a: all four, once, in topological order.
  EXPECT_EQ(scheduleString(p, r), "Fa Fb Fc Fd Ra Rb Rc Rd B0 B1 B2 B3");
  EXPECT_EQ(r.recomputeCount, 4u);
  EXPECT_EQ(r.overhead, 4);
  // F: 4, 8 (-a) 4, 8 (-b) 4, 5 (-c -d) 0; R: 4 8 12 13; then as vanilla.
  EXPECT_EQ(r.liveAfter,
            (std::vector<uint64_t>{4, 8, 8, 5, 4, 8, 12, 13, 17, 20, 16, 8}));
  EXPECT_EQ(r.peak, 20u);
}

TEST(SimulatorTest, DiamondMultipleUses) {
  Program p = diamond();
  SimResult v = record(p, p.graph.fullSet());
  // F: 8 10 14 15; B0 (d) + grad b + grad c -> 21, frees d; B1 (c) + grad a
  // -> 28, frees grad c, c; B2 (b) accumulates into grad a -> 20, frees
  // grad b, b; B3 (a) -> 16.
  EXPECT_EQ(v.liveAfter,
            (std::vector<uint64_t>{8, 10, 14, 15, 21, 28, 20, 16}));
  EXPECT_EQ(v.peak, 28u);

  SimResult r = record(p, setOf(4, {0}));
  EXPECT_EQ(scheduleString(p, r), "Fa Fb Fc Fd Rb Rc Rd B0 B1 B2 B3");
  EXPECT_EQ(r.liveAfter,
            (std::vector<uint64_t>{8, 10, 14, 15, 10, 14, 15, 21, 28, 20, 16}));
  EXPECT_EQ(r.overhead, 3);

  // Keep d only: a is recomputed once and serves ops 1, 2 and 3.
  SimResult k = record(p, setOf(4, {3}));
  EXPECT_EQ(scheduleString(p, k), "Fa Fb Fc Fd Ra Rb Rc B0 B1 B2 B3");
  EXPECT_EQ(k.recomputeCount, 3u);
}

TEST(SimulatorTest, OverheadSumsTimes) {
  Program p = diamond();
  p.graph.setTime(0, 10);
  p.graph.setTime(2, 0.5);
  SimResult r = simulate(p, setOf(4, {3}));
  EXPECT_DOUBLE_EQ(r.overhead, 10 + 1 + 0.5);
}

/// a (8) -> v = view of a (0 bytes) -> c (2). Op 0 reads c and defines g
/// (2 bytes); op 1 reads g and v.
Program aliasProgram() {
  Program p;
  p.graph.addNode(1, 8, "a");
  p.graph.addNode(1, 0, "v");
  p.graph.addNode(1, 2, "c");
  p.graph.addEdge(0, 1);
  p.graph.addEdge(1, 2);
  EXPECT_EQ(p.graph.finalize(), "");
  p.aliasOf = {kNoNode, 0, kNoNode};
  p.values = {{2, false, kNoValue, "g"}};
  p.backward = {{"op0", {2}, {}, {0}}, {"op1", {1}, {0}, {}}};
  EXPECT_EQ(p.validate(), "");
  return p;
}

TEST(SimulatorTest, AliasesShareStorage) {
  Program p = aliasProgram();
  // Everything kept: a's storage lives while v is used (op 1).
  SimResult v = record(p, p.graph.fullSet());
  EXPECT_EQ(v.liveAfter, (std::vector<uint64_t>{8, 8, 10, 12, 10}));
  EXPECT_EQ(v.peak, 12u);

  // Keep v but not a: the storage still lives (v is a view of it) and
  // nothing needs recomputing except c.
  SimResult kv = record(p, setOf(3, {1}));
  EXPECT_EQ(scheduleString(p, kv), "Fa Fv Fc Rc B0 B1");
  EXPECT_EQ(kv.liveAfter, (std::vector<uint64_t>{8, 8, 10, 10, 12, 10}));
  EXPECT_EQ(kv.overhead, 1);

  // Keep c only: a's storage dies after F c (its last use through v); op 1
  // needs v, so a and v are recomputed (v costs no bytes).
  SimResult kc = record(p, setOf(3, {2}));
  EXPECT_EQ(scheduleString(p, kc), "Fa Fv Fc B0 Ra Rv B1");
  EXPECT_EQ(kc.liveAfter, (std::vector<uint64_t>{8, 8, 10, 4, 10, 10, 10}));
  EXPECT_EQ(kc.peak, 10u);
  EXPECT_EQ(kc.overhead, 2);
  EXPECT_EQ(kc.finalLive, 0u);
}

TEST(SimulatorTest, BackwardValueAliases) {
  Program p;
  p.graph.addNode(1, 1, "a");
  ASSERT_EQ(p.graph.finalize(), "");
  // x0 (8 bytes) defined by op 0; x1 a view of it defined by op 1; op 2
  // reads x1, which keeps x0's storage alive.
  p.values = {{8, false, kNoValue, "x0"}, {0, false, 0, "x1"}};
  p.backward = {
      {"op0", {}, {}, {0}}, {"op1", {}, {}, {1}}, {"op2", {}, {1}, {}}};
  ASSERT_EQ(p.validate(), "");
  SimResult r = record(p, p.graph.fullSet());
  // F a: 1, freed at once (no use). op0: 8, op1: 8, op2: 8, then freed.
  EXPECT_EQ(r.liveAfter, (std::vector<uint64_t>{1, 8, 8, 8}));
  EXPECT_EQ(r.finalLive, 0u);
  EXPECT_EQ(peakLowerBound(p), 8u);
}

TEST(SimulatorTest, EscapingAndPersistentLiveToTheEnd) {
  Program p = chain4();
  p.escapes = {false, false, false, true}; // d is returned
  BackwardValue w;
  w.bytes = 16;
  w.persistent = true;
  w.name = "dW";
  p.values.push_back(w);
  p.backward[1].defines.push_back(3); // op 1 (c) makes a weight gradient
  ASSERT_EQ(p.validate(), "");
  SimResult r = record(p, p.graph.emptySet());
  EXPECT_EQ(r.finalLive, 1u + 16u);
  // d is kept although not asked for: it escapes, so never recomputed.
  EXPECT_EQ(scheduleString(p, r), "Fa Fb Fc Fd Ra Rb Rc B0 B1 B2 B3");
  // After op 1 the weight gradient stays: ops 2 and 3 see it.
  // F: 4, 8 (-a) 4, 8 (-b) 4, 5 (-c) 1; R: 5 9 13; B0 +4 -> 17 (d stays);
  // B1 +4 +16 -> 37, frees grad c, c -> 29; B2 +4 -> 33, frees grad b, b
  // -> 25; B3 -> 25, frees grad a, a -> 17.
  EXPECT_EQ(r.liveAfter,
            (std::vector<uint64_t>{4, 8, 8, 5, 5, 9, 13, 17, 37, 33, 25}));
  EXPECT_EQ(r.peak, 37u);
  // The lower bound counts d (escaping) and dW after op 1.
  uint64_t lb = peakLowerBound(p);
  EXPECT_LE(lb, r.peak);
  EXPECT_EQ(lb, 1u + 4 + 4 + 4 + 4 + 16); // op 1: d + b, c, grads + dW
}

TEST(SimulatorTest, NonRecomputableNodesAreKept) {
  Program p = chain4();
  p.recomputable = {true, false, true, true};
  SimResult r = record(p, p.graph.emptySet());
  // b cannot be recomputed: it is kept, so only c, d, then a are redone.
  EXPECT_EQ(scheduleString(p, r), "Fa Fb Fc Fd Rc Rd B0 B1 Ra B2 B3");
  EXPECT_EQ(r.peak, simulate(p, setOf(4, {1})).peak);
}

TEST(SimulatorTest, KeptSetSmallerThanGraphMeansDiscarded) {
  Program p = chain4();
  EXPECT_EQ(simulate(p, NodeSet()).recomputeCount, 4u);
}

//===----------------------------------------------------------------------===//
// A naive reference simulator (no aliases): explicit instances and a live
// set recomputed at every step.
//===----------------------------------------------------------------------===//

struct NaiveResult {
  uint64_t peak = 0;
  double overhead = 0;
  uint64_t finalLive = 0;
};

NaiveResult naiveSimulate(const Program &p, const NodeSet &kept) {
  const Graph &g = p.graph;
  const size_t n = g.size();
  // Instances: ('f', v), ('r', v), ('b', x).
  using Inst = std::pair<char, uint32_t>;
  struct S {
    std::vector<Inst> alloc, uses;
    bool recompute = false;
    NodeId node = 0;
  };
  std::vector<S> steps;
  std::vector<bool> avail(n, true);
  for (NodeId v : g.topoOrder()) {
    S s;
    s.alloc.push_back({'f', v});
    for (NodeId u : g.preds(v))
      s.uses.push_back({'f', u});
    steps.push_back(s);
  }
  auto isKept = [&](NodeId v) {
    return kept.contains(v) || !p.isRecomputable(v) || p.isEscaping(v);
  };
  for (NodeId v = 0; v < n; ++v)
    avail[v] = isKept(v);
  std::vector<bool> recomputed(n, false);
  auto inst = [&](NodeId v) -> Inst { return {recomputed[v] ? 'r' : 'f', v}; };
  for (const BackwardOp &op : p.backward) {
    // Needed: closure of unavailable nodes, by repeated scans.
    std::set<NodeId> need;
    for (NodeId v : op.forwardUses)
      if (!avail[v])
        need.insert(v);
    bool grew = true;
    while (grew) {
      grew = false;
      for (NodeId v : std::set<NodeId>(need))
        for (NodeId u : g.preds(v))
          if (!avail[u] && need.insert(u).second)
            grew = true;
    }
    for (NodeId v : g.topoOrder()) {
      if (!need.count(v))
        continue;
      S s;
      s.recompute = true;
      s.node = v;
      s.alloc.push_back({'r', v});
      for (NodeId u : g.preds(v))
        s.uses.push_back(inst(u));
      recomputed[v] = true;
      avail[v] = true;
      steps.push_back(s);
    }
    S s;
    for (NodeId v : op.forwardUses)
      s.uses.push_back(inst(v));
    for (ValueId x : op.valueUses)
      s.uses.push_back({'b', x});
    for (ValueId x : op.defines)
      s.alloc.push_back({'b', x});
    steps.push_back(s);
  }
  std::map<Inst, size_t> first, last;
  for (size_t i = 0; i < steps.size(); ++i) {
    for (const Inst &x : steps[i].alloc)
      first[x] = last[x] = i;
    for (const Inst &x : steps[i].uses)
      last[x] = i;
  }
  auto bytes = [&](const Inst &x) {
    return x.first == 'b' ? p.values[x.second].bytes : g.bytes(x.second);
  };
  auto forever = [&](const Inst &x) {
    return x.first == 'b' ? p.values[x.second].persistent
                          : x.first == 'f' && p.isEscaping(x.second);
  };
  NaiveResult r;
  for (size_t i = 0; i < steps.size(); ++i) {
    uint64_t live = 0;
    for (auto &[x, f] : first)
      if (f <= i && (last[x] >= i || forever(x)))
        live += bytes(x);
    r.peak = std::max(r.peak, live);
    if (steps[i].recompute)
      r.overhead += g.time(steps[i].node);
  }
  for (auto &[x, f] : first)
    if (forever(x))
      r.finalLive += bytes(x);
  return r;
}

Program randomProgram(std::mt19937 &rng, size_t n) {
  Graph g;
  std::uniform_int_distribution<int> size(0, 50), time(1, 10);
  for (size_t v = 0; v < n; ++v)
    g.addNode(time(rng), size(rng), "n" + std::to_string(v));
  for (size_t v = 1; v < n; ++v) {
    std::uniform_int_distribution<size_t> pick(0, v - 1);
    size_t k = 1 + rng() % 2;
    for (size_t j = 0; j < k; ++j)
      g.addEdge(static_cast<NodeId>(pick(rng)), static_cast<NodeId>(v));
  }
  EXPECT_EQ(g.finalize(), "");
  Program p = makeDefaultProgram(std::move(g));
  // Some extra structure: escaping sinks, persistent values, pinned nodes.
  p.escapes.assign(n, false);
  p.recomputable.assign(n, true);
  for (size_t v = 0; v < n; ++v) {
    if (rng() % 10 == 0)
      p.escapes[v] = true;
    if (rng() % 10 == 0)
      p.recomputable[v] = false;
  }
  for (BackwardOp &op : p.backward) {
    if (rng() % 4 == 0) {
      BackwardValue w;
      w.bytes = rng() % 30;
      w.persistent = true;
      op.defines.push_back(static_cast<ValueId>(p.values.size()));
      p.values.push_back(w);
    }
  }
  EXPECT_EQ(p.validate(), "");
  return p;
}

TEST(SimulatorTest, MatchesNaiveReferenceOnRandomPrograms) {
  std::mt19937 rng(12345);
  for (int iter = 0; iter < 150; ++iter) {
    Program p = randomProgram(rng, 2 + iter % 14);
    const size_t n = p.graph.size();
    uint64_t lb = peakLowerBound(p);
    for (int k = 0; k < 6; ++k) {
      NodeSet kept(n);
      for (NodeId v = 0; v < n; ++v)
        if (rng() % 2)
          kept.insert(v);
      SimResult fast = simulate(p, kept);
      NaiveResult slow = naiveSimulate(p, kept);
      ASSERT_EQ(fast.peak, slow.peak) << "iteration " << iter;
      ASSERT_DOUBLE_EQ(fast.overhead, slow.overhead) << "iteration " << iter;
      ASSERT_EQ(fast.finalLive, slow.finalLive) << "iteration " << iter;
      ASSERT_LE(lb, fast.peak) << "iteration " << iter;
    }
  }
}

TEST(SimulatorTest, ReusableSimulatorMatchesOneShot) {
  std::mt19937 rng(77);
  for (int iter = 0; iter < 20; ++iter) {
    Program p = randomProgram(rng, 3 + iter);
    const size_t n = p.graph.size();
    ScheduleSimulator sim(p);
    for (int k = 0; k < 10; ++k) {
      NodeSet kept(n);
      for (NodeId v = 0; v < n; ++v)
        if (rng() % 3)
          kept.insert(v);
      SimOptions opts;
      opts.recordSchedule = k % 2 == 0;
      SimResult a = sim.run(kept, opts);
      SimResult b = simulate(p, kept, opts);
      ASSERT_EQ(a.peak, b.peak);
      ASSERT_EQ(a.peakStep, b.peakStep);
      ASSERT_EQ(a.overhead, b.overhead);
      ASSERT_EQ(a.finalLive, b.finalLive);
      ASSERT_EQ(a.liveAfter, b.liveAfter);
      ASSERT_EQ(a.schedule.size(), b.schedule.size());
      std::vector<NodeId> recomputed;
      for (const Step &s : b.schedule)
        if (s.kind == StepKind::Recompute)
          recomputed.push_back(s.id);
      if (opts.recordSchedule)
        EXPECT_EQ(sim.lastRecomputed(), recomputed);
      EXPECT_EQ(sim.lastRecomputed().size(), a.recomputeCount);
    }
  }
}

TEST(SimulatorTest, LargeChainIsFast) {
  // 100k nodes: the simulator must stay linear (a quadratic one would take
  // minutes here).
  const size_t n = 100000;
  Graph g;
  for (size_t v = 0; v < n; ++v)
    g.addNode(1, 1 + v % 7);
  for (size_t v = 1; v < n; ++v)
    g.addEdge(static_cast<NodeId>(v - 1), static_cast<NodeId>(v));
  for (size_t v = 2; v < n; v += 3)
    g.addEdge(static_cast<NodeId>(v - 2), static_cast<NodeId>(v));
  ASSERT_EQ(g.finalize(), "");
  Program p = makeDefaultProgram(std::move(g));
  NodeSet kept(n);
  for (NodeId v = 0; v < n; v += 300)
    kept.insert(v);
  SimResult r = simulate(p, kept);
  EXPECT_GT(r.recomputeCount, 0u);
  EXPECT_LE(peakLowerBound(p), r.peak);
  EXPECT_LT(r.peak, simulateVanilla(p).peak);
}

//===----------------------------------------------------------------------===//
// The paper-graph (cg) reader
//===----------------------------------------------------------------------===//

// x (input), W (parameter), h = Conv(x, W), y = ReLU(h). The ReLU record
// comes first in the file; node ids follow the forward schedule instead.
const char *kTinyCG = "4 4\n"
                      "0 100 _\n"
                      "1 10 /W\n"
                      "2 400 _\n"
                      "3 400 _\n"
                      "forward\n"
                      "1 1\n"
                      "2 _\n"
                      "3\n"
                      "ReLU\n"
                      "{\"_output_indexes_to_retain\": [0]}\n"
                      "forward\n"
                      "2 1\n"
                      "0 _\n"
                      "1 _\n"
                      "2\n"
                      "Convolution2DFunction\n"
                      "{\"sy\": 1}\n"
                      "backward\n"
                      "2 1\n"
                      "3 gradient\n"
                      "3 output\n"
                      "2\n"
                      "ReLU\n"
                      "{}\n"
                      "backward\n"
                      "3 2\n"
                      "2 gradient\n"
                      "0 input\n"
                      "1 input\n"
                      "0\n"
                      "1\n"
                      "Convolution2DFunction\n"
                      "{}\n";

ReadResult readCG(const std::string &text, double scale = 1.0) {
  ReadOptions opts;
  opts.format = GraphFormat::CG;
  opts.bytesScale = scale;
  return readCGProgram("g.txt", text, opts);
}

std::string cgError(const std::string &text) {
  ReadResult r = readCG(text);
  EXPECT_FALSE(r.program.has_value()) << "accepted: " << text.substr(0, 200);
  EXPECT_EQ(r.error.find('\n'), std::string::npos) << r.error;
  return r.error;
}

/// Replaces the first occurrence of `from` in `text`.
std::string edit(std::string text, const std::string &from,
                 const std::string &to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(CGFormatTest, ReadsTinyGraph) {
  ReadResult r = readCG(kTinyCG);
  ASSERT_TRUE(r.program) << r.error;
  const Program &p = *r.program;
  EXPECT_EQ(r.format, GraphFormat::CG);
  ASSERT_EQ(p.graph.size(), 2u);
  EXPECT_EQ(p.graph.name(0), "2:Convolution2DFunction");
  EXPECT_EQ(p.graph.name(1), "3:ReLU");
  EXPECT_EQ(p.graph.time(0), 10);
  EXPECT_EQ(p.graph.time(1), 1);
  EXPECT_EQ(p.graph.bytes(0), 400u);
  EXPECT_EQ(p.graph.succs(0), (std::vector<NodeId>{1}));
  ASSERT_EQ(p.backward.size(), 2u);
  // ReLU's backward first: reads y (retained output), no seed value,
  // creates grad h.
  EXPECT_EQ(p.backward[0].forwardUses, (std::vector<NodeId>{1}));
  EXPECT_TRUE(p.backward[0].valueUses.empty());
  ASSERT_EQ(p.backward[0].defines.size(), 1u);
  EXPECT_EQ(p.values[p.backward[0].defines[0]].bytes, 400u);
  EXPECT_FALSE(p.values[p.backward[0].defines[0]].persistent);
  // Conv's backward: reads grad h; x and W are not nodes; creates the
  // persistent gradients of x and W.
  EXPECT_TRUE(p.backward[1].forwardUses.empty());
  EXPECT_EQ(p.backward[1].valueUses, p.backward[0].defines);
  ASSERT_EQ(p.backward[1].defines.size(), 2u);
  EXPECT_TRUE(p.values[p.backward[1].defines[0]].persistent);
  EXPECT_EQ(r.persistentGradientBytes, 110u);
  // F h 400; F y 800, h freed (not retained) -> 400; B relu + grad h -> 800;
  // B conv + 110 -> 510 ... 110 at the end.
  SimResult s = record(p, p.graph.fullSet());
  EXPECT_EQ(s.liveAfter, (std::vector<uint64_t>{400, 800, 800, 510}));
  EXPECT_EQ(s.finalLive, 110u);
}

TEST(CGFormatTest, ScalesSizes) {
  ReadResult r = readCG(kTinyCG, 2.5);
  ASSERT_TRUE(r.program) << r.error;
  EXPECT_EQ(r.program->graph.bytes(0), 1000u);
  EXPECT_EQ(r.persistentGradientBytes, 275u);
  EXPECT_NE(readCG(kTinyCG, 0).error.find("size scale"), std::string::npos);
  EXPECT_NE(readCG(kTinyCG, -1).error.find("size scale"), std::string::npos);
}

TEST(CGFormatTest, AcceptsCRLFTrailingBlankLinesAndBOM) {
  std::string crlf;
  for (char c : std::string(kTinyCG)) {
    if (c == '\n')
      crlf += '\r';
    crlf += c;
  }
  ReadResult r = readCG(crlf + "\r\n\n");
  ASSERT_TRUE(r.program) << r.error;
  EXPECT_EQ(r.program->graph.size(), 2u);
  ReadResult bom = readCG("\xEF\xBB\xBF" + std::string(kTinyCG));
  ASSERT_TRUE(bom.program) << bom.error;
  EXPECT_EQ(bom.program->graph.size(), 2u);
}

TEST(CGFormatTest, Errors) {
  std::string t = kTinyCG;
  EXPECT_EQ(cgError(""), "g.txt:1: expected 2 integers 'N M' (variables, "
                         "records), got ''");
  EXPECT_EQ(cgError("4 x\n"), "g.txt:1: expected a record count (a "
                              "non-negative integer), got 'x'");
  EXPECT_EQ(cgError("4 3\n"), "g.txt:1: the record count 3 is odd (forward "
                              "records and their backward records come in "
                              "pairs)");
  EXPECT_EQ(cgError("2 0\n0 1 _\n"),
            "g.txt:3: unexpected end of file, expected variable 2 of 2 ('id "
            "bytes name')");
  EXPECT_EQ(cgError(edit(t, "2 400 _", "2 4e2 _")),
            "g.txt:4: expected a size in bytes (a non-negative integer), got "
            "'4e2'");
  EXPECT_EQ(cgError(edit(t, "2 400 _", "2 -400 _")),
            "g.txt:4: expected a size in bytes (a non-negative integer), got "
            "'-400'");
  EXPECT_EQ(cgError(edit(t, "2 400 _", "2 9223372036854775809 _")),
            "g.txt:4: a size in bytes '9223372036854775809' is too large "
            "(limit 9223372036854775808)");
  EXPECT_EQ(
      cgError(edit(t, "2 400 _\n3 400 _", "2 4611686018427387904 _\n3 400 _")),
      "g.txt:4: sizes overflow: twice the total size of the variables "
      "exceeds 2^63");
  EXPECT_EQ(cgError(edit(t, "3 400 _", "2 400 _")),
            "g.txt:5: variable 2 is declared twice (first on line 4)");
  EXPECT_EQ(cgError(edit(t, "2 _\n3\nReLU", "7 _\n3\nReLU")),
            "g.txt:8: input names unknown variable 7");
  EXPECT_EQ(cgError(edit(t, "forward\n1 1", "backward\n1 1")),
            "g.txt:6: expected 'forward' (record 1 of 4; the first half of "
            "the records are forward), got 'backward'");
  EXPECT_EQ(cgError(edit(t, "2 1\n0 _", "2 2\n0 _")),
            "g.txt:13: a forward record must have exactly 1 output, got 2");
  // A count too large: the op name is read as an input line.
  EXPECT_EQ(cgError(edit(t, "1 1\n2 _\n3\nReLU", "2 1\n2 _\n3\nReLU")),
            "g.txt:9: expected 'id type', got '3'");
  EXPECT_EQ(cgError(edit(t, "{\"sy\": 1}", "sy=1")),
            "g.txt:18: expected the op's attributes as a JSON object '{...}', "
            "got 'sy=1'");
  // Both forward records produce variable 3.
  EXPECT_EQ(cgError(edit(t, "1 _\n2\nConv", "1 _\n3\nConv")),
            "g.txt:12: variable 3 is produced twice (first by the forward "
            "record on line 6)");
  // The backward of ReLU names the wrong op / reads the wrong gradient.
  EXPECT_EQ(cgError(edit(t, "2\nReLU\n{}", "2\nSigmoid\n{}")),
            "g.txt:19: backward record of op 'Sigmoid' does not match its "
            "forward record (line 6, op 'ReLU')");
  EXPECT_EQ(cgError(edit(t, "3 gradient", "2 gradient")),
            "g.txt:19: backward record reads the gradient of variable 2, not "
            "of its forward output 3");
  EXPECT_EQ(cgError(edit(t, "3 output\n2\nReLU", "3 output\n0\nReLU")),
            "g.txt:19: backward record makes the gradient of variable 0 but "
            "its forward record (line 6) does not read it");
  EXPECT_EQ(cgError(edit(t, "3 output", "3 weird")),
            "g.txt:22: expected input type gradient, input or output in a "
            "backward record, got 'weird'");
  EXPECT_EQ(cgError(t + "forward\n"),
            "g.txt:35: unexpected content after the last record: 'forward'");
  // Truncated anywhere: an error naming the line after the last one.
  EXPECT_EQ(cgError(t.substr(0, t.find("Convolution2DFunction\n{}"))),
            "g.txt:33: unexpected end of file, expected the op name of record "
            "4 of 4");
}

TEST(CGFormatTest, ReportsCycles) {
  // y = ReLU(z), z = ReLU(y).
  std::string text = "2 4\n0 4 _\n1 4 _\n"
                     "forward\n1 1\n1 _\n0\nReLU\n{}\n"
                     "forward\n1 1\n0 _\n1\nReLU\n{}\n"
                     "backward\n2 1\n0 gradient\n0 output\n1\nReLU\n{}\n"
                     "backward\n2 1\n1 gradient\n1 output\n0\nReLU\n{}\n";
  EXPECT_EQ(cgError(text), "g.txt:4: cycle through variables 0 -> 1 -> 0");
}

TEST(CGFormatTest, NeverCrashesOnMangledInput) {
  std::mt19937 rng(7);
  const std::string t = kTinyCG;
  size_t accepted = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string m = t;
    switch (iter % 4) {
    case 0:
      m = t.substr(0, rng() % t.size());
      break;
    case 1:
      for (int k = 0; k < 3; ++k)
        m[rng() % m.size()] = static_cast<char>(rng() % 256);
      break;
    case 2:
      m.erase(rng() % m.size(), 1 + rng() % 5);
      break;
    case 3:
      m.assign(1 + rng() % 200, '\0');
      for (char &c : m)
        c = static_cast<char>(rng() % 256);
      break;
    }
    ReadResult r = readCG(m);
    if (r.program) {
      ++accepted;
      EXPECT_EQ(r.program->validate(), "");
      continue;
    }
    ASSERT_EQ(r.error.compare(0, 6, "g.txt:"), 0) << r.error;
    ASSERT_EQ(r.error.find('\n'), std::string::npos) << r.error;
  }
  // Byte flips inside the attributes or names keep the file valid.
  EXPECT_GT(accepted, 0u);
}

//===----------------------------------------------------------------------===//
// Calibration on the paper's graphs
//===----------------------------------------------------------------------===//

struct PaperFigure {
  const char *file;
  size_t nodes;
  double vanillaLiveGB; // reference-results.md, "vanilla_live GB"
  double persistentGB;  // reference-results.md, parameter+input gradients
};

class PaperCalibration : public ::testing::TestWithParam<PaperFigure> {};

TEST_P(PaperCalibration, VanillaLiveMatchesTheAuthors) {
  const PaperFigure &f = GetParam();
  std::string path = std::string(RECOMPUTE_PAPER_GRAPHS_DIR) + "/" + f.file;
  ReadResult r = readProgramFile(path, ReadOptions());
  if (!r.program && r.error.find("cannot open") != std::string::npos)
    GTEST_SKIP() << "paper graphs not available: " << r.error;
  ASSERT_TRUE(r.program) << r.error;
  EXPECT_EQ(r.format, GraphFormat::CG);
  EXPECT_EQ(r.program->graph.size(), f.nodes);
  SimResult v = simulateVanilla(*r.program);
  // The reference gives three decimals in GB (1e9 bytes).
  EXPECT_NEAR(v.peak / 1e9, f.vanillaLiveGB, 0.0005);
  EXPECT_NEAR(r.persistentGradientBytes / 1e9, f.persistentGB, 0.0005);
  EXPECT_EQ(v.finalLive, r.persistentGradientBytes);
  EXPECT_LE(peakLowerBound(*r.program), v.peak);
  // Node ids follow a topological order.
  for (NodeId u = 0; u < r.program->graph.size(); ++u)
    for (NodeId w : r.program->graph.succs(u))
      EXPECT_LT(u, w);
}

INSTANTIATE_TEST_SUITE_P(
    Paper, PaperCalibration,
    ::testing::Values(PaperFigure{"cg_vgg19.txt", 46, 2.665, 0.594},
                      PaperFigure{"cg_unet.txt", 60, 7.809, 0.140},
                      PaperFigure{"cg_resnet50.txt", 176, 3.476, 0.121},
                      PaperFigure{"cg_resnet152.txt", 516, 7.381, 0.260},
                      PaperFigure{"cg_densenet.txt", 568, 7.933, 0.134},
                      PaperFigure{"cg_googlenet.txt", 134, 0.921, 0.073},
                      PaperFigure{"cg_pspnet.txt", 385, 5.584, 0.290}),
    [](const ::testing::TestParamInfo<PaperFigure> &info) {
      std::string name = info.param.file;
      return name.substr(3, name.size() - 7);
    });

} // namespace
