//===- Graph.h - Forward computation DAG with time and memory costs -------===//
//
// Part of the recompute project. Std-only C++17: no LLVM/MLIR dependency.
//
//===----------------------------------------------------------------------===//
//
// The graph G = (V, E) of Kusumoto et al. (NeurIPS 2019): one node per
// intermediate forward value, with a compute time T_v and a size M_v in
// bytes. Node ids are dense (0..size()-1). Errors are reported as values.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_GRAPH_GRAPH_H
#define RECOMPUTE_GRAPH_GRAPH_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace recompute {

using NodeId = uint32_t;
constexpr NodeId kNoNode = ~NodeId(0);

/// A dynamic bitset over node ids; used for lower sets and plans.
class NodeSet {
public:
  NodeSet() = default;
  explicit NodeSet(size_t universe, bool full = false);

  size_t universe() const { return n; }
  bool contains(NodeId v) const { return (words[v >> 6] >> (v & 63)) & 1; }
  void insert(NodeId v) { words[v >> 6] |= uint64_t(1) << (v & 63); }
  void erase(NodeId v) { words[v >> 6] &= ~(uint64_t(1) << (v & 63)); }
  size_t count() const;
  bool empty() const;
  bool isSubsetOf(const NodeSet &other) const;
  NodeSet &operator|=(const NodeSet &other);
  NodeSet &operator&=(const NodeSet &other);
  /// Removes every element of `other` (set difference in place).
  NodeSet &subtract(const NodeSet &other);
  bool operator==(const NodeSet &other) const;
  bool operator!=(const NodeSet &other) const { return !(*this == other); }
  bool operator<(const NodeSet &other) const; // arbitrary total order
  /// Elements in increasing id order.
  std::vector<NodeId> elements() const;
  size_t hash() const;
  const std::vector<uint64_t> &rawWords() const { return words; }

private:
  size_t n = 0;
  std::vector<uint64_t> words;
};

struct NodeSetHash {
  size_t operator()(const NodeSet &s) const { return s.hash(); }
};

class Graph {
public:
  /// Adds a node; returns its id (ids are assigned 0, 1, 2, ...).
  NodeId addNode(double time, uint64_t bytes, std::string name = "");
  /// Records an edge; ids are checked by finalize(). Duplicates are merged.
  void addEdge(NodeId from, NodeId to);
  /// Validates ids and acyclicity, deduplicates and sorts adjacency lists and
  /// computes a deterministic topological order. Returns "" on success, else
  /// a one-line error (e.g. "edge 3 -> 17 names unknown node 17",
  /// "cycle through nodes 4 -> 9 -> 4"). Must be called before queries.
  std::string finalize();
  bool isFinalized() const { return finalized; }

  size_t size() const { return timeV.size(); }
  size_t numEdges() const { return edgeCount; }
  double time(NodeId v) const { return timeV[v]; }
  uint64_t bytes(NodeId v) const { return bytesV[v]; }
  const std::string &name(NodeId v) const { return nameV[v]; }
  void setTime(NodeId v, double t) { timeV[v] = t; }
  void setBytes(NodeId v, uint64_t b) { bytesV[v] = b; }
  const std::vector<NodeId> &succs(NodeId v) const { return succV[v]; }
  const std::vector<NodeId> &preds(NodeId v) const { return predV[v]; }
  /// Topological order (sources first; ties broken by smallest id).
  const std::vector<NodeId> &topoOrder() const { return topo; }
  /// Position of each node in topoOrder().
  const std::vector<uint32_t> &topoIndex() const { return topoPos; }

  double totalTime(const NodeSet &s) const;
  uint64_t totalBytes(const NodeSet &s) const;
  double totalTime() const;
  uint64_t totalBytes() const;

  /// succ(S), pred(S) as in the paper (they do not exclude S).
  NodeSet succOf(const NodeSet &s) const;
  NodeSet predOf(const NodeSet &s) const;
  /// L_v = {v} and all its ancestors.
  NodeSet ancestorsInclusive(NodeId v) const;
  NodeSet emptySet() const { return NodeSet(size()); }
  NodeSet fullSet() const { return NodeSet(size(), true); }

private:
  std::vector<double> timeV;
  std::vector<uint64_t> bytesV;
  std::vector<std::string> nameV;
  std::vector<std::pair<NodeId, NodeId>> rawEdges;
  std::vector<std::vector<NodeId>> succV, predV;
  std::vector<NodeId> topo;
  std::vector<uint32_t> topoPos;
  size_t edgeCount = 0;
  bool finalized = false;
};

} // namespace recompute

#endif // RECOMPUTE_GRAPH_GRAPH_H
