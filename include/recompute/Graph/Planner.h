//===- Planner.h - Choose a plan by simulated peak under a byte budget ----===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// The planner runs the DPs (Solver.h) to produce candidate sequences, turns
// each into a kept set, simulates it (Simulator.h), refines the kept sets by
// a local search judged by the simulator (docs/Planner.md) and chooses by
// the simulated peak:
//   - time-centric: among candidates whose simulated peak is <= budget, the
//     least overhead (ties: lower peak). A larger budget never gives a larger
//     overhead, because the candidate pool does not depend on the budget.
//   - memory-centric: the lowest simulated peak (<= budget), then the least
//     overhead among plans reaching it.
//   - no budget: the lowest simulated peak the planner can find, then the
//     least overhead among plans reaching it.
// `SolverChoice::Paper*` reproduce the paper's method as published: the DP
// is run at the smallest feasible *model* budget (or at the given budget read
// as a model budget) and its plan is taken as is, without selection by the
// simulated peak. They exist as baselines.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_GRAPH_PLANNER_H
#define RECOMPUTE_GRAPH_PLANNER_H

#include "recompute/Graph/Program.h"
#include "recompute/Graph/Simulator.h"
#include "recompute/Graph/Strategy.h"

#include <optional>

namespace recompute {

enum class SolverChoice {
  Auto,  // exact when the lower sets fit under min(cap, 5000), else approx
  Exact, // exact; falls back to approximate over the cap (reported)
  Approx,
  Chen,
  PaperApprox, // the paper's approximate DP, plan chosen by model budget
  PaperExact,  // the paper's exact DP (corrected order), by model budget
};

enum class Objective { TimeCentric, MemoryCentric };

const char *toString(SolverChoice s);
const char *toString(Objective o);
/// Parses auto|exact|approx|chen|paper-approx|paper-exact.
std::optional<SolverChoice> parseSolverChoice(const std::string &s);
/// Parses time|time-centric|memory|memory-centric.
std::optional<Objective> parseObjective(const std::string &s);

struct PlanOptions {
  SolverChoice solver = SolverChoice::Auto;
  Objective objective = Objective::TimeCentric;
  /// Budget on the simulated peak in bytes (for Paper*: on the model peak).
  /// Unset: the smallest achievable peak.
  std::optional<uint64_t> budget;
  /// Largest number of lower sets the exact DP may enumerate.
  size_t lowerSetCap = 200000;
  /// Also compute the smallest feasible model budget of the solver used.
  bool computeMinModelBudget = false;
  /// Auto/Exact/Approx: model budgets at which the min-overhead DP is run,
  /// geometric from the smallest feasible one to the model peak of the
  /// unconstrained optimum; the max-overhead DP runs at twice as many, up to
  /// the no-recomputation model peak.
  size_t sweepBudgets = 8;
  /// Auto/Exact/Approx: simulations the local search may run after the DP
  /// candidates (0 disables it). The search does not depend on the budget.
  size_t searchEvaluations = 40000;
  /// Auto/Exact/Approx: work the approximate family's sweep may do, in DP
  /// window pairs (DPFamily::windowPairs) summed over its solves, the
  /// min-overhead ones counted 4 times. Over it, the solves above the
  /// smallest feasible budget are restricted (docs/Planner.md, "Scale").
  /// The paper's graphs need at most about 5e6.
  double sweepWork = 1.5e7;
  /// Auto/Exact/Approx: an approximate family of more sets is thinned to
  /// this many, spread evenly (thinFamily; docs/Planner.md, "Scale"), and
  /// fallbackNote says so. The paper's graphs have at most 1056.
  size_t maxApproxSets = 6000;
  /// Largest Pareto front the DPs keep per lower set (see solveDP); 0 keeps
  /// them exact. Unset: exact when every T_v is an integer, T(V) <= 1e5 and
  /// the graph has at most 2000 nodes (fronts are then bounded by T(V), as
  /// with the paper's costs, and the DP by the family's size), else 64 (FLOP
  /// costs, or large graphs: fronts would otherwise grow without bound).
  std::optional<size_t> frontCap;
};

/// The front cap plan() uses for `g` under `options` (see frontCap).
size_t effectiveFrontCap(const Graph &g, const PlanOptions &options);

struct Candidate {
  Sequence sequence;
  NodeSet kept;
  ModelCost model;
  SimResult sim; // schedule recorded
  /// How the plan was found, e.g. "approx DP, min overhead, model budget
  /// 1234 B" (plus "+ N local-search moves").
  std::string origin;
  /// Changed by the local search: `kept` then differs from
  /// keptSet(sequence), and `sequence`/`model` describe the DP plan the
  /// search started from. The kept set (and its simulation) is the plan.
  /// Unrefined, `kept` is keptSet(sequence) plus the nodes that are always
  /// kept (not recomputable, escaping).
  bool refined = false;
};

struct PlanResult {
  bool feasible = false;
  /// The solver that produced the chosen plan ("exact", "approx", "chen",
  /// "paper-exact", "paper-approx").
  std::string solverUsed;
  /// Why the requested solver was not used (e.g. "exact: 27358 lower sets
  /// exceed the cap of 1000; used approx"). Empty otherwise.
  std::string fallbackNote;
  /// Exact number of lower sets, when enumerated within the cap.
  std::optional<size_t> numLowerSets;
  Candidate chosen;         // valid when feasible
  uint64_t vanillaPeak = 0; // simulated, no recomputation
  /// Smallest simulated peak among all candidates considered.
  uint64_t minAchievablePeak = 0;
  /// Smallest feasible model budget (when asked, or for Paper*).
  std::optional<uint64_t> minModelBudget;
  size_t candidatesConsidered = 0;
  double seconds = 0;
};

PlanResult plan(const Program &p, const PlanOptions &options);

} // namespace recompute

#endif // RECOMPUTE_GRAPH_PLANNER_H
