//===- GraphTest.cpp - Tests of NodeSet and Graph -------------------------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Graph.h"

#include <gtest/gtest.h>

using namespace recompute;

namespace {

TEST(NodeSetTest, BasicOperations) {
  NodeSet a(130);
  EXPECT_EQ(a.universe(), 130u);
  EXPECT_TRUE(a.empty());
  a.insert(0);
  a.insert(64);
  a.insert(129);
  EXPECT_EQ(a.count(), 3u);
  EXPECT_TRUE(a.contains(64));
  EXPECT_FALSE(a.contains(63));
  EXPECT_EQ(a.elements(), (std::vector<NodeId>{0, 64, 129}));

  NodeSet full(130, true);
  EXPECT_EQ(full.count(), 130u);
  EXPECT_TRUE(a.isSubsetOf(full));
  EXPECT_FALSE(full.isSubsetOf(a));

  NodeSet b(130);
  b.insert(64);
  b.insert(5);
  NodeSet u = a;
  u |= b;
  EXPECT_EQ(u.elements(), (std::vector<NodeId>{0, 5, 64, 129}));
  NodeSet i = a;
  i &= b;
  EXPECT_EQ(i.elements(), (std::vector<NodeId>{64}));
  NodeSet d = a;
  d.subtract(b);
  EXPECT_EQ(d.elements(), (std::vector<NodeId>{0, 129}));
  d.erase(0);
  EXPECT_EQ(d.elements(), (std::vector<NodeId>{129}));

  EXPECT_NE(a, b);
  EXPECT_TRUE((a < b) != (b < a));
  NodeSet a2(130);
  for (NodeId v : a.elements())
    a2.insert(v);
  EXPECT_EQ(a, a2);
  EXPECT_EQ(a.hash(), a2.hash());
  EXPECT_FALSE(a < a2);
}

TEST(NodeSetTest, FullSetHasNoStrayBits) {
  for (size_t n : {0, 1, 63, 64, 65, 128}) {
    NodeSet full(n, true);
    EXPECT_EQ(full.count(), n);
    NodeSet manual(n);
    for (size_t v = 0; v < n; ++v)
      manual.insert(static_cast<NodeId>(v));
    EXPECT_EQ(full, manual) << n;
  }
}

TEST(GraphTest, TopologicalOrderSmallestIdFirst) {
  Graph g;
  for (int i = 0; i < 5; ++i)
    g.addNode(1, 1);
  // 3 -> 1, 4 -> 0, 2 is isolated.
  g.addEdge(3, 1);
  g.addEdge(4, 0);
  ASSERT_EQ(g.finalize(), "");
  EXPECT_EQ(g.topoOrder(), (std::vector<NodeId>{2, 3, 1, 4, 0}));
  for (size_t i = 0; i < g.size(); ++i)
    EXPECT_EQ(g.topoIndex()[g.topoOrder()[i]], i);
}

TEST(GraphTest, DeduplicatesEdges) {
  Graph g;
  g.addNode(1, 1);
  g.addNode(1, 1);
  g.addEdge(0, 1);
  g.addEdge(0, 1);
  g.addEdge(0, 1);
  ASSERT_EQ(g.finalize(), "");
  EXPECT_EQ(g.numEdges(), 1u);
  EXPECT_EQ(g.succs(0), (std::vector<NodeId>{1}));
  EXPECT_EQ(g.preds(1), (std::vector<NodeId>{0}));
}

TEST(GraphTest, RejectsUnknownNodes) {
  Graph g;
  for (int i = 0; i < 4; ++i)
    g.addNode(1, 1);
  g.addEdge(3, 17);
  EXPECT_EQ(g.finalize(), "edge 3 -> 17 names unknown node 17");
  EXPECT_FALSE(g.isFinalized());

  Graph h;
  h.addNode(1, 1);
  h.addEdge(9, 0);
  EXPECT_EQ(h.finalize(), "edge 9 -> 0 names unknown node 9");
}

TEST(GraphTest, ReportsCycleNodes) {
  Graph g;
  g.addNode(1, 1, "in");
  g.addNode(1, 1, "a");
  g.addNode(1, 1, "b");
  g.addNode(1, 1, "c");
  g.addNode(1, 1);
  g.addEdge(0, 1);
  g.addEdge(1, 2);
  g.addEdge(2, 3);
  g.addEdge(3, 1);
  g.addEdge(3, 4);
  EXPECT_EQ(g.finalize(),
            "cycle through nodes 1 (a) -> 2 (b) -> 3 (c) -> 1 (a)");
  EXPECT_FALSE(g.isFinalized());

  Graph self;
  self.addNode(1, 1);
  self.addNode(1, 1);
  self.addEdge(1, 1);
  EXPECT_EQ(self.finalize(), "cycle through nodes 1 -> 1");
}

TEST(GraphTest, RefinalizeAfterChanges) {
  Graph g;
  g.addNode(1, 1);
  g.addNode(1, 1);
  g.addEdge(1, 0);
  ASSERT_EQ(g.finalize(), "");
  EXPECT_EQ(g.topoOrder(), (std::vector<NodeId>{1, 0}));
  g.addNode(1, 1);
  EXPECT_FALSE(g.isFinalized());
  g.addEdge(2, 1);
  ASSERT_EQ(g.finalize(), "");
  EXPECT_EQ(g.topoOrder(), (std::vector<NodeId>{2, 1, 0}));
  EXPECT_EQ(g.numEdges(), 2u);
}

TEST(GraphTest, TotalsAndNeighbourhoods) {
  // Diamond 0 -> {1, 2} -> 3.
  Graph g;
  g.addNode(1.5, 10);
  g.addNode(2, 20);
  g.addNode(10, 30);
  g.addNode(0.5, 40);
  g.addEdge(0, 1);
  g.addEdge(0, 2);
  g.addEdge(1, 3);
  g.addEdge(2, 3);
  ASSERT_EQ(g.finalize(), "");
  EXPECT_DOUBLE_EQ(g.totalTime(), 14.0);
  EXPECT_EQ(g.totalBytes(), 100u);

  NodeSet s(4);
  s.insert(1);
  EXPECT_DOUBLE_EQ(g.totalTime(s), 2.0);
  EXPECT_EQ(g.totalBytes(s), 20u);
  EXPECT_EQ(g.succOf(s).elements(), (std::vector<NodeId>{3}));
  EXPECT_EQ(g.predOf(s).elements(), (std::vector<NodeId>{0}));
  EXPECT_EQ(g.ancestorsInclusive(3).elements(),
            (std::vector<NodeId>{0, 1, 2, 3}));
  EXPECT_EQ(g.ancestorsInclusive(2).elements(), (std::vector<NodeId>{0, 2}));
  EXPECT_TRUE(g.emptySet().empty());
  EXPECT_EQ(g.fullSet().count(), 4u);
}

} // namespace
