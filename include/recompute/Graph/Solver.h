//===- Solver.h - Exact DP, approximate DP and Chen's method --------------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// The dynamic programme of Kusumoto et al. over a family of lower sets,
// under the paper's model budget (section 4 of docs/GraphModel.md), and
// Chen et al.'s heuristic as adapted by the paper (section 7). These return
// sequences judged by the *model*; recompute::plan() (Planner.h) chooses
// among them by the simulated peak.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_GRAPH_SOLVER_H
#define RECOMPUTE_GRAPH_SOLVER_H

#include "recompute/Graph/Strategy.h"

#include <memory>

namespace recompute {

enum class DPSelection {
  /// At V, the feasible entry with the smallest overhead (time-centric).
  MinOverhead,
  /// At V, the feasible entry with the largest overhead (the paper's
  /// memory-centric choice: coarse blocks).
  MaxOverhead,
};

struct DPResult {
  bool feasible = false;
  Sequence sequence;       // valid when feasible
  ModelCost model;         // evaluateModel(sequence)
  size_t frontEntries = 0; // total Pareto entries kept (a size measure)
};

/// Runs the DP over `family` (must contain {} and V and be ordered so that
/// every set comes after its subsets) under model budget `budget` bytes.
/// Time costs are real-valued; Pareto fronts are kept over (t, m) exactly
/// when `frontCap` is 0. With frontCap > 0 every front is thinned to at most
/// that many entries spread evenly along it (the least-m entry always
/// survives, so a feasible budget still reaches V): the result is then a
/// feasible sequence but not necessarily the optimum. This bounds the DP on
/// graphs whose real-valued costs (FLOP counts) make fronts grow without
/// limit.
DPResult solveDP(const Graph &g, const std::vector<NodeSet> &family,
                 uint64_t budget, DPSelection selection, size_t frontCap = 0);

/// The smallest model budget B for which solveDP over `family` is feasible,
/// computed exactly (a minimax DP; no bisection).
uint64_t minFeasibleModelBudget(const Graph &g,
                                const std::vector<NodeSet> &family);

/// A lower-set family prepared once for several DP solves: solveDP() and
/// minFeasibleModelBudget() rebuild the per-set data (bitsets, boundaries,
/// bytes) on every call, which dominates a solve at small budgets on large
/// graphs (a third of a second on a 10,000-node DAG). `g` and `family` must
/// outlive the object. Results are those of the free functions.
class DPFamily {
public:
  DPFamily(const Graph &g, const std::vector<NodeSet> &family);
  ~DPFamily();
  DPFamily(const DPFamily &) = delete;
  DPFamily &operator=(const DPFamily &) = delete;

  /// Same as solveDP(g, family, budget, selection, frontCap) when
  /// `maxSpan` is 0. Otherwise a transition L -> L' is considered only when
  /// L' is among the `maxSpan` sets following M(L) in M order (short
  /// blocks; the solve's window pairs are then at most |family| * maxSpan):
  /// a restriction of the DP, so the result is feasible but not
  /// necessarily optimal (infeasible when V cannot be reached that way).
  DPResult solve(uint64_t budget, DPSelection selection, size_t frontCap = 0,
                 size_t maxSpan = 0) const;
  /// Same as minFeasibleModelBudget(g, family) (computed once).
  uint64_t minFeasibleBudget() const;
  /// Pairs of sets (L, L') with M(L) <= M(L') <= M(L) + budget / 2: the
  /// transitions a solve at `budget` examines. Its work is about this many
  /// subset tests, plus one front merge per usable transition, so this
  /// grows with the budget (quadratic in the family at 2 M(V)).
  /// With maxSpan > 0, each set's window holds at most maxSpan sets.
  uint64_t windowPairs(uint64_t budget, size_t maxSpan = 0) const;
  size_t size() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

/// At most `maxSets` members of `family` (ordered so that every set comes
/// after its subsets, {} first and V last), spread evenly over its order:
/// the first and the last are always kept and order is preserved, so the
/// result is again a usable family (any subsequence is). Returned unchanged
/// when it has at most `maxSets` members (maxSets < 2 counts as 2).
std::vector<NodeSet> thinFamily(std::vector<NodeSet> family, size_t maxSets);

/// All lower sets of the family sorted by cardinality plus convenience:
/// picks the exact family when it has at most `cap` members, else returns
/// the approximate one and sets `usedExact` = false.
std::vector<NodeSet> lowerSetFamily(const Graph &g, bool exact, size_t cap,
                                    bool &usedExact, size_t &exactCount);

/// Chen et al.'s sqrt(n) heuristic on a general graph, as adapted by the
/// paper: candidates are lower sets whose boundary is a single node (plus {}
/// and V), sorted by M(L); one is taken each time the cumulative M(L)
/// crosses the next multiple of M(V)/c, c = max(floor(sqrt(#candidates)),1).
Sequence chenSequence(const Graph &g);

} // namespace recompute

#endif // RECOMPUTE_GRAPH_SOLVER_H
