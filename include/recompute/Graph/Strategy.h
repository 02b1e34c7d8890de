//===- Strategy.h - Lower sets, sequences and the paper's cost model ------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// A strategy is an increasing sequence of lower sets {} < L_1 < ... < L_k = V
// (L_0 = {} is implicit and not stored). This header holds the lower-set
// families the DPs run over and the paper's conservative cost model
// (overhead T, model peak M), exactly as in docs/GraphModel.md.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_GRAPH_STRATEGY_H
#define RECOMPUTE_GRAPH_STRATEGY_H

#include "recompute/Graph/Graph.h"

#include <optional>

namespace recompute {

/// L_1 .. L_k; L_k must be V.
using Sequence = std::vector<NodeSet>;

bool isLowerSet(const Graph &g, const NodeSet &s);
/// bd(L): nodes of L with a successor outside L.
NodeSet boundary(const Graph &g, const NodeSet &l);

/// Checks that `seq` is strictly increasing, made of lower sets and ends at V.
/// Returns "" when valid, else a one-line reason.
std::string validateSequence(const Graph &g, const Sequence &seq);

/// Result of enumerating all lower sets.
struct LowerSetEnumeration {
  /// True when the family has more than `cap` members; `sets` is then empty.
  bool tooMany = false;
  /// All lower sets, {} and V included, ordered by cardinality then by a
  /// deterministic tie-break (an order that extends set inclusion).
  std::vector<NodeSet> sets;
};
LowerSetEnumeration enumerateLowerSets(const Graph &g, size_t cap);

/// The approximate family: {}, V and L_v = {v} + ancestors(v) for every v,
/// deduplicated, ordered by cardinality (extends inclusion).
std::vector<NodeSet> approximateLowerSets(const Graph &g);

/// The paper's model cost of a sequence.
struct ModelCost {
  /// T(L_1..L_k) = sum_i T(V_i \ bd(L_i)) (the last block is charged too).
  double overhead = 0;
  /// M(L_1..L_k), the conservative peak of section 3 of the spec.
  uint64_t peak = 0;
};
ModelCost evaluateModel(const Graph &g, const Sequence &seq);

/// The nodes the canonical strategy keeps from the forward pass to the
/// backward pass: every U_i = bd(L_i) \ L_{i-1}, plus all of the last block
/// V_k (it is still live when the backward starts, so it is not recomputed).
NodeSet keptSet(const Graph &g, const Sequence &seq);

} // namespace recompute

#endif // RECOMPUTE_GRAPH_STRATEGY_H
