//===- Program.h - A training step: forward graph plus backward ops -------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// The paper's graph says nothing about liveness. A Program adds what the
// simulator needs to compute the real peak of a concrete schedule: the
// backward ops in execution order, which forward values and which backward
// values each reads, the backward values each creates, views (aliases) and
// values that live to the end (returned values, parameter gradients).
//
// Both the paper-graph reader and the MLIR analysis build Programs; the
// simulator (Simulator.h) and the planner (Planner.h) consume them.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_GRAPH_PROGRAM_H
#define RECOMPUTE_GRAPH_PROGRAM_H

#include "recompute/Graph/Graph.h"

namespace recompute {

using ValueId = uint32_t;
constexpr ValueId kNoValue = ~ValueId(0);

/// A value created by a backward op (a gradient, a temporary).
struct BackwardValue {
  uint64_t bytes = 0;
  /// Never freed: returned from the step (e.g. parameter gradients).
  bool persistent = false;
  /// Shares the storage of an earlier backward value (a view or an in-place
  /// update); its own `bytes` must then be 0. kNoValue otherwise.
  ValueId aliasOf = kNoValue;
  std::string name;
};

struct BackwardOp {
  std::string name;
  /// Forward values (graph nodes) this op reads.
  std::vector<NodeId> forwardUses;
  /// Backward values this op reads (or updates in place).
  std::vector<ValueId> valueUses;
  /// Backward values this op creates.
  std::vector<ValueId> defines;
};

struct Program {
  /// The forward DAG (must be finalized). Node ids should follow program
  /// order so that the forward schedule is the original order.
  Graph graph;
  /// Per node: false when the op may not be recomputed (side effects,
  /// impure calls); such nodes are always kept. Empty = all recomputable.
  std::vector<bool> recomputable;
  /// Per node: live until the end of the step (returned). Empty = none.
  std::vector<bool> escapes;
  /// Per node: the forward node whose storage this one shares (views such as
  /// collapse_shape, in-place destination passing), or kNoNode. A node that
  /// aliases must have bytes 0; using it keeps the aliased storage alive.
  /// Empty = no aliases.
  std::vector<NodeId> aliasOf;
  std::vector<BackwardValue> values;
  /// In execution order. Backward ops run after all forward ops.
  std::vector<BackwardOp> backward;

  bool isRecomputable(NodeId v) const {
    return recomputable.empty() || recomputable[v];
  }
  bool isEscaping(NodeId v) const { return !escapes.empty() && escapes[v]; }
  NodeId aliasRoot(NodeId v) const;

  /// Checks ids, alias chains (acyclic, bytes 0 on aliases), that every value
  /// is defined once before its uses. Returns "" or a one-line error.
  std::string validate() const;
};

/// A backward program derived from the graph alone, for graphs that carry no
/// backward information: the backward op of v runs in reverse topological
/// order, reads grad(v), v's inputs and v itself, and creates grad(u) for
/// every input u (accumulating into it when another consumer created it
/// first). Gradients of sinks (the loss seed) take no bytes.
Program makeDefaultProgram(Graph g);

} // namespace recompute

#endif // RECOMPUTE_GRAPH_PROGRAM_H
