//===- StrategyTest.cpp - Tests of lower sets and the cost model ----------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Strategy.h"

#include <gtest/gtest.h>

#include <random>

using namespace recompute;

namespace {

Graph chain(size_t n, double t = 1, uint64_t m = 1) {
  Graph g;
  for (size_t i = 0; i < n; ++i)
    g.addNode(t, m);
  for (size_t i = 1; i < n; ++i)
    g.addEdge(static_cast<NodeId>(i - 1), static_cast<NodeId>(i));
  EXPECT_EQ(g.finalize(), "");
  return g;
}

NodeSet setOf(const Graph &g, std::initializer_list<NodeId> ids) {
  NodeSet s(g.size());
  for (NodeId v : ids)
    s.insert(v);
  return s;
}

Graph randomDag(std::mt19937 &rng, size_t n, double p) {
  Graph g;
  std::uniform_real_distribution<double> coin(0, 1);
  for (size_t i = 0; i < n; ++i)
    g.addNode(1 + double(rng() % 10), rng() % 50);
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 1; j < n; ++j)
      if (coin(rng) < p)
        g.addEdge(static_cast<NodeId>(i), static_cast<NodeId>(j));
  EXPECT_EQ(g.finalize(), "");
  return g;
}

/// The order must extend inclusion: no set may come after one of its proper
/// supersets.
void expectOrderExtendsInclusion(const std::vector<NodeSet> &sets) {
  for (size_t i = 0; i < sets.size(); ++i)
    for (size_t j = i + 1; j < sets.size(); ++j)
      ASSERT_FALSE(sets[j].isSubsetOf(sets[i]))
          << "set " << j << " is inside earlier set " << i;
}

TEST(StrategyTest, WorkedExampleOfTheSpec) {
  // Chain a -> b -> c -> d, T = M = 1, L1 = {a, b}, L2 = V.
  Graph g = chain(4);
  Sequence seq = {setOf(g, {0, 1}), g.fullSet()};
  ASSERT_EQ(validateSequence(g, seq), "");
  ModelCost c = evaluateModel(g, seq);
  EXPECT_DOUBLE_EQ(c.overhead, 3.0);
  EXPECT_EQ(c.peak, 5u);
  EXPECT_EQ(boundary(g, seq[0]).elements(), (std::vector<NodeId>{1}));
  // U1 = {b} plus the whole last block {c, d}.
  EXPECT_EQ(keptSet(g, seq).elements(), (std::vector<NodeId>{1, 2, 3}));
}

TEST(StrategyTest, ModelTermsOnABranchingGraph) {
  // 0 -> 1 -> 3, 0 -> 2 -> 3, 4 -> 3; bytes 1, 2, 4, 8, 16; times 1..5.
  Graph g;
  for (int i = 0; i < 5; ++i)
    g.addNode(i + 1, uint64_t(1) << i);
  g.addEdge(0, 1);
  g.addEdge(0, 2);
  g.addEdge(1, 3);
  g.addEdge(2, 3);
  g.addEdge(4, 3);
  ASSERT_EQ(g.finalize(), "");
  // L1 = {0, 1}: bd = {0, 1}; succ(L1) \ L1 = {2, 3};
  // pred({2, 3}) \ L1 = {2, 4}. Cost 0 + 2*3 + (4+8) + (4+16) = 38.
  // L2 = {0, 1, 2, 4}: V2 = {2, 4}, bd = {1, 2, 4}; U2 = {2, 4};
  // succ \ L2 = {3}, pred({3}) \ L2 = {}. Cost 3 + 2*20 + 8 + 0 = 51.
  // L3 = V: V3 = {3}; cost 3 + 20 + 2*8 = 39.
  Sequence seq = {setOf(g, {0, 1}), setOf(g, {0, 1, 2, 4}), g.fullSet()};
  ASSERT_EQ(validateSequence(g, seq), "");
  ModelCost c = evaluateModel(g, seq);
  EXPECT_EQ(c.peak, 51u);
  // Overhead: V1 \ bd = {}, V2 \ bd = {}, V3 \ bd = {3}: T = 4.
  EXPECT_DOUBLE_EQ(c.overhead, 4.0);
  EXPECT_EQ(keptSet(g, seq).elements(), (std::vector<NodeId>{0, 1, 2, 3, 4}));

  // One block: T = T(V) = 15, peak = 2 M(V) = 62.
  ModelCost one = evaluateModel(g, {g.fullSet()});
  EXPECT_DOUBLE_EQ(one.overhead, 15.0);
  EXPECT_EQ(one.peak, 62u);
}

TEST(StrategyTest, LowerSetAndBoundary) {
  Graph g = chain(3);
  EXPECT_TRUE(isLowerSet(g, g.emptySet()));
  EXPECT_TRUE(isLowerSet(g, setOf(g, {0, 1})));
  EXPECT_FALSE(isLowerSet(g, setOf(g, {1})));
  EXPECT_TRUE(boundary(g, g.fullSet()).empty());
  EXPECT_TRUE(boundary(g, g.emptySet()).empty());
}

TEST(StrategyTest, ValidateSequenceReasons) {
  Graph g = chain(3);
  EXPECT_NE(validateSequence(g, {}), "");
  EXPECT_EQ(validateSequence(g, {g.fullSet()}), "");
  EXPECT_NE(
      validateSequence(g, {setOf(g, {1}), g.fullSet()}).find("not a lower set"),
      std::string::npos);
  EXPECT_NE(
      validateSequence(g, {setOf(g, {0, 1}), setOf(g, {0, 1}), g.fullSet()})
          .find("strictly increasing"),
      std::string::npos);
  EXPECT_NE(validateSequence(g, {setOf(g, {0, 1}), setOf(g, {0})})
                .find("does not contain"),
            std::string::npos);
  EXPECT_NE(validateSequence(g, {setOf(g, {0})}).find("last set is not V"),
            std::string::npos);
  EXPECT_NE(validateSequence(g, {g.emptySet(), g.fullSet()}), "");
  EXPECT_NE(validateSequence(g, {NodeSet(5, true)}), "");
}

TEST(StrategyTest, EnumerateSmallFamilies) {
  // Chain of 6: prefixes only.
  LowerSetEnumeration c = enumerateLowerSets(chain(6), 1000);
  ASSERT_FALSE(c.tooMany);
  EXPECT_EQ(c.sets.size(), 7u);
  for (size_t i = 0; i < c.sets.size(); ++i)
    EXPECT_EQ(c.sets[i].count(), i);

  // Diamond: {}, {0}, {0,1}, {0,2}, {0,1,2}, V.
  Graph d;
  for (int i = 0; i < 4; ++i)
    d.addNode(1, 1);
  d.addEdge(0, 1);
  d.addEdge(0, 2);
  d.addEdge(1, 3);
  d.addEdge(2, 3);
  ASSERT_EQ(d.finalize(), "");
  LowerSetEnumeration ds = enumerateLowerSets(d, 1000);
  ASSERT_EQ(ds.sets.size(), 6u);
  EXPECT_TRUE(ds.sets.front().empty());
  EXPECT_EQ(ds.sets.back(), d.fullSet());
  EXPECT_EQ(ds.sets[2], setOf(d, {0, 1})); // ties: NodeSet order
  EXPECT_EQ(ds.sets[3], setOf(d, {0, 2}));

  // Antichain of 10: every subset.
  Graph a;
  for (int i = 0; i < 10; ++i)
    a.addNode(1, 1);
  ASSERT_EQ(a.finalize(), "");
  LowerSetEnumeration as = enumerateLowerSets(a, 5000);
  ASSERT_FALSE(as.tooMany);
  EXPECT_EQ(as.sets.size(), 1024u);
  expectOrderExtendsInclusion(as.sets);

  // Empty graph: the single set {} = V.
  Graph e;
  ASSERT_EQ(e.finalize(), "");
  EXPECT_EQ(enumerateLowerSets(e, 10).sets.size(), 1u);
}

TEST(StrategyTest, EnumerationCap) {
  Graph a;
  for (int i = 0; i < 40; ++i) // 2^40 lower sets: must stop early
    a.addNode(1, 1);
  ASSERT_EQ(a.finalize(), "");
  LowerSetEnumeration big = enumerateLowerSets(a, 100000);
  EXPECT_TRUE(big.tooMany);
  EXPECT_TRUE(big.sets.empty());

  Graph c = chain(9); // exactly 10 lower sets
  EXPECT_FALSE(enumerateLowerSets(c, 10).tooMany);
  EXPECT_EQ(enumerateLowerSets(c, 10).sets.size(), 10u);
  EXPECT_TRUE(enumerateLowerSets(c, 9).tooMany);
}

TEST(StrategyTest, EnumerationMatchesBruteForce) {
  std::mt19937 rng(12345);
  for (int iter = 0; iter < 200; ++iter) {
    size_t n = 1 + rng() % 10;
    double p = 0.1 + 0.1 * double(rng() % 6);
    Graph g = randomDag(rng, n, p);
    std::vector<NodeSet> brute;
    for (uint32_t mask = 0; mask < (1u << n); ++mask) {
      NodeSet s(n);
      for (size_t v = 0; v < n; ++v)
        if (mask >> v & 1)
          s.insert(static_cast<NodeId>(v));
      if (isLowerSet(g, s))
        brute.push_back(s);
    }
    LowerSetEnumeration e = enumerateLowerSets(g, 1u << 12);
    ASSERT_FALSE(e.tooMany);
    ASSERT_EQ(e.sets.size(), brute.size()) << "iteration " << iter;
    std::sort(brute.begin(), brute.end());
    std::vector<NodeSet> got = e.sets;
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, brute);
    expectOrderExtendsInclusion(e.sets);
    for (size_t i = 1; i < e.sets.size(); ++i)
      EXPECT_LE(e.sets[i - 1].count(), e.sets[i].count());
    // Deterministic: a second run gives the same order.
    EXPECT_EQ(enumerateLowerSets(g, 1u << 12).sets, e.sets);
  }
}

TEST(StrategyTest, ApproximateFamily) {
  std::mt19937 rng(777);
  for (int iter = 0; iter < 100; ++iter) {
    size_t n = 1 + rng() % 12;
    Graph g = randomDag(rng, n, 0.3);
    std::vector<NodeSet> fam = approximateLowerSets(g);
    ASSERT_GE(fam.size(), 2u);
    EXPECT_TRUE(fam.front().empty());
    EXPECT_EQ(fam.back(), g.fullSet());
    expectOrderExtendsInclusion(fam);
    // Exactly {}, V and every L_v, without duplicates.
    std::vector<NodeSet> want = {g.emptySet(), g.fullSet()};
    for (size_t v = 0; v < n; ++v)
      want.push_back(g.ancestorsInclusive(static_cast<NodeId>(v)));
    std::sort(want.begin(), want.end());
    want.erase(std::unique(want.begin(), want.end()), want.end());
    std::vector<NodeSet> got = fam;
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
    for (const NodeSet &s : fam)
      EXPECT_TRUE(isLowerSet(g, s));
  }
}

} // namespace
