//===- Planner.cpp - Choose a plan by simulated peak under a byte budget --===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Auto/Exact/Approx (docs/Planner.md has the full description):
//
//  1. Candidates: the DP over the chosen lower-set family at the exact
//     smallest feasible model budget and at a geometric sweep of model
//     budgets up to the no-recomputation model peak, with both selections;
//     Chen's sequence; no recomputation. Each becomes a kept set
//     (keptSet()), deduplicated, and is simulated.
//  2. Local search on kept sets, judged by the simulator: a descent on
//     (peak, overhead) from the lowest-peak plans, then, from every plan on
//     the (peak, overhead) Pareto front, a descent on the overhead that may
//     raise the peak up to (not including) the next front point's peak.
//     Moves make one node kept (only nodes the schedule recomputes matter)
//     or, in the peak descent, one kept node discarded.
//  3. Selection among every plan evaluated, by the rules of Planner.h.
//
// Nothing in steps 1 and 2 depends on the budget, so a larger budget never
// gives a larger time-centric overhead. The search is bounded by a number of
// simulations, not by wall time, so results are deterministic.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Planner.h"
#include "recompute/Graph/Solver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <tuple>
#include <unordered_map>

using namespace recompute;

const char *recompute::toString(SolverChoice s) {
  switch (s) {
  case SolverChoice::Auto:
    return "auto";
  case SolverChoice::Exact:
    return "exact";
  case SolverChoice::Approx:
    return "approx";
  case SolverChoice::Chen:
    return "chen";
  case SolverChoice::PaperApprox:
    return "paper-approx";
  case SolverChoice::PaperExact:
    return "paper-exact";
  }
  return "auto";
}

const char *recompute::toString(Objective o) {
  return o == Objective::TimeCentric ? "time-centric" : "memory-centric";
}

std::optional<SolverChoice> recompute::parseSolverChoice(const std::string &s) {
  for (SolverChoice c : {SolverChoice::Auto, SolverChoice::Exact,
                         SolverChoice::Approx, SolverChoice::Chen,
                         SolverChoice::PaperApprox, SolverChoice::PaperExact})
    if (s == toString(c))
      return c;
  return std::nullopt;
}

std::optional<Objective> recompute::parseObjective(const std::string &s) {
  if (s == "time" || s == "time-centric")
    return Objective::TimeCentric;
  if (s == "memory" || s == "memory-centric")
    return Objective::MemoryCentric;
  return std::nullopt;
}

namespace {

using Clock = std::chrono::steady_clock;

/// Simulated work (schedule steps) the local search may spend when the
/// program is large: bounds the search to about a second on any program.
constexpr double kSearchWork = 4e7;
/// Weight of a min-overhead solve's window pairs in PlanOptions::sweepWork
/// (their fronts are wider). With the default bound the paper's graphs'
/// whole sweeps fit (at most ~5.2e6); a 10,000-node DAG needs ~8e5 pairs
/// per solve at its smallest feasible budget and 5e7 at 2 M(V).
constexpr double kMinOverheadWeight = 4;
/// Largest exact family Auto uses.
constexpr size_t kAutoExactSets = 5000;
/// Peak levels of the overhead descent.
constexpr size_t kLevels = 40;
/// Perturbations of the lowest-peak plan, each followed by a descent.
constexpr size_t kMaxKicks = 40;
/// Plans (of distinct origins) the peak descent starts from.
constexpr size_t kPeakStarts = 6;

const char *selectionName(DPSelection s) {
  return s == DPSelection::MinOverhead ? "min overhead" : "max overhead";
}

/// `points` budgets from `low` to `high` (both included when points >= 2),
/// evenly spaced on a log scale, deduplicated.
std::vector<uint64_t> geometricBudgets(uint64_t low, uint64_t high,
                                       size_t points) {
  std::vector<uint64_t> budgets = {low};
  if (points < 2 || high <= low)
    return budgets;
  const double base = double(std::max<uint64_t>(low, 1));
  const double ratio = double(high) / base;
  for (size_t k = 1; k < points; ++k) {
    double b = base * std::pow(ratio, double(k) / double(points - 1));
    uint64_t budget =
        k + 1 == points
            ? high
            : std::min(high, std::max(low, static_cast<uint64_t>(b)));
    if (budget != budgets.back())
      budgets.push_back(budget);
  }
  return budgets;
}

/// A stable sort by `less` (std::stable_sort's temporary buffer triggers a
/// deprecation warning in this libstdc++ with clang): ties keep their order.
template <typename T, typename Less>
void stableSortBy(std::vector<T> &items, Less less) {
  std::vector<uint32_t> order(items.size());
  for (uint32_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (less(items[a], items[b]))
      return true;
    if (less(items[b], items[a]))
      return false;
    return a < b;
  });
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (uint32_t i : order)
    sorted.push_back(items[i]);
  items = std::move(sorted);
}

/// Where a plan comes from: a DP (or Chen) sequence.
struct Origin {
  Sequence sequence;
  ModelCost model;
  std::string description;
};

/// A simulated kept set.
struct Evaluated {
  NodeSet kept;
  uint64_t peak = 0;
  double overhead = 0;
  uint32_t origin = 0;
  uint32_t moves = 0; // local-search moves from the origin's kept set
};

class PlanPool {
public:
  PlanPool(const Program &p, size_t searchBudget)
      : p(p), sim(p), searchBudget(searchBudget) {
    const size_t n = p.graph.size();
    forced = NodeSet(n);
    for (NodeId v = 0; v < n; ++v)
      if (!p.isRecomputable(v) || p.isEscaping(v))
        forced.insert(v);
  }

  uint32_t addOrigin(Origin o) {
    origins.push_back(std::move(o));
    return static_cast<uint32_t>(origins.size() - 1);
  }
  /// Simulates `kept` unless already known; returns the plan's index.
  uint32_t evaluate(NodeSet kept, uint32_t origin, uint32_t moves) {
    kept |= forced;
    auto it = index.find(kept);
    if (it != index.end())
      return it->second;
    SimResult r = sim.run(kept);
    ++simulations;
    Evaluated e;
    e.kept = kept;
    e.peak = r.peak;
    e.overhead = r.overhead;
    e.origin = origin;
    e.moves = moves;
    uint32_t id = static_cast<uint32_t>(plans.size());
    index.emplace(std::move(kept), id);
    plans.push_back(std::move(e));
    return id;
  }
  bool searchBudgetLeft() const { return simulations < searchLimit; }

  /// Plans on the (peak, overhead) Pareto front, by increasing peak.
  std::vector<uint32_t> front() const;
  void search();

  const Program &p;
  ScheduleSimulator sim;
  std::vector<Origin> origins;
  std::vector<Evaluated> plans;

private:
  using Better = std::function<bool(const Evaluated &, const Evaluated &)>;
  uint32_t descend(uint32_t start, bool allowDiscard, const Better &better,
                   size_t limit);

  NodeSet forced;
  std::unordered_map<NodeSet, uint32_t, NodeSetHash> index;
  size_t simulations = 0;
  size_t searchBudget;
  size_t searchLimit = 0;
};

std::vector<uint32_t> PlanPool::front() const {
  std::vector<uint32_t> order(plans.size());
  for (uint32_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    if (plans[a].peak != plans[b].peak)
      return plans[a].peak < plans[b].peak;
    if (plans[a].overhead != plans[b].overhead)
      return plans[a].overhead < plans[b].overhead;
    return a < b;
  });
  std::vector<uint32_t> result;
  for (uint32_t i : order)
    if (result.empty() || plans[i].overhead < plans[result.back()].overhead)
      result.push_back(i);
  return result;
}

/// First-improvement descent from plan `start`: tries to make each
/// recomputed node kept (largest time first) and, when `allowDiscard`, each
/// kept node discarded (largest first), moving whenever `better` holds.
/// Stops at a local optimum or after `limit` new simulations.
uint32_t PlanPool::descend(uint32_t start, bool allowDiscard,
                           const Better &better, size_t limit) {
  const Graph &g = p.graph;
  const size_t stop = std::min(searchLimit, simulations + limit);
  uint32_t cur = start;
  bool improved = true;
  while (improved && simulations < stop) {
    improved = false;
    // Moves from the current plan.
    sim.run(plans[cur].kept);
    std::vector<NodeId> keep = sim.lastRecomputed();
    stableSortBy(keep,
                 [&](NodeId a, NodeId b) { return g.time(a) > g.time(b); });
    std::vector<NodeId> discard;
    if (allowDiscard) {
      for (NodeId v : plans[cur].kept.elements())
        if (!forced.contains(v))
          discard.push_back(v);
      stableSortBy(discard,
                   [&](NodeId a, NodeId b) { return g.bytes(a) > g.bytes(b); });
    }
    auto tryMove = [&](NodeId v, bool makeKept) {
      if (plans[cur].kept.contains(v) == makeKept)
        return;
      NodeSet k = plans[cur].kept;
      if (makeKept)
        k.insert(v);
      else
        k.erase(v);
      uint32_t e =
          evaluate(std::move(k), plans[cur].origin, plans[cur].moves + 1);
      if (better(plans[e], plans[cur])) {
        cur = e;
        improved = true;
      }
    };
    for (NodeId v : keep) {
      if (simulations >= stop)
        break;
      tryMove(v, true);
    }
    for (NodeId v : discard) {
      if (simulations >= stop)
        break;
      tryMove(v, false);
    }
  }
  return cur;
}

void PlanPool::search() {
  searchLimit = simulations + searchBudget;
  if (plans.empty() || searchBudget == 0)
    return;
  // 1. Lower the peak: from the lowest-peak plans of distinct origins.
  Better lowerPeak = [](const Evaluated &a, const Evaluated &b) {
    return a.peak < b.peak || (a.peak == b.peak && a.overhead < b.overhead);
  };
  std::vector<uint32_t> starts;
  {
    std::vector<uint32_t> byPeak(plans.size());
    for (uint32_t i = 0; i < byPeak.size(); ++i)
      byPeak[i] = i;
    stableSortBy(byPeak, [&](uint32_t a, uint32_t b) {
      return plans[a].peak < plans[b].peak;
    });
    std::vector<uint32_t> seenOrigins;
    for (uint32_t i : byPeak) {
      if (starts.size() == kPeakStarts)
        break;
      if (std::find(seenOrigins.begin(), seenOrigins.end(), plans[i].origin) !=
          seenOrigins.end())
        continue;
      seenOrigins.push_back(plans[i].origin);
      starts.push_back(i);
    }
  }
  const size_t peakShare = searchBudget * 3 / 10;
  uint32_t best = starts.front();
  for (size_t k = 0; k < starts.size(); ++k) {
    uint32_t end = descend(starts[k], /*allowDiscard=*/true, lowerPeak,
                           peakShare / starts.size());
    if (lowerPeak(plans[end], plans[best]))
      best = end;
  }

  // 2. Lower the overhead under a ladder of peak levels, geometric from the
  // lowest peak found to the no-recomputation peak: at each level, from the
  // plan of least overhead under it. Levels do not depend on the budget.
  uint64_t low = ~uint64_t(0), high = 0;
  for (const Evaluated &e : plans) {
    low = std::min(low, e.peak);
    high = std::max(high, e.peak);
  }
  std::vector<uint64_t> levels = geometricBudgets(low, high, kLevels);
  const size_t levelsLimit =
      std::min(searchLimit, simulations + searchBudget * 5 / 10);
  for (size_t k = 0; k < levels.size(); ++k) {
    if (simulations >= levelsLimit)
      break;
    const uint64_t cap = levels[k];
    uint32_t from = ~uint32_t(0);
    for (uint32_t i = 0; i < plans.size(); ++i)
      if (plans[i].peak <= cap &&
          (from == ~uint32_t(0) || plans[i].overhead < plans[from].overhead))
        from = i;
    if (from == ~uint32_t(0))
      continue;
    Better lowerOverhead = [cap](const Evaluated &a, const Evaluated &b) {
      return a.peak <= cap && (a.overhead < b.overhead ||
                               (a.overhead == b.overhead && a.peak < b.peak));
    };
    size_t left = levelsLimit - simulations;
    size_t share = left / (levels.size() - k);
    descend(from, /*allowDiscard=*/false, lowerOverhead,
            std::max<size_t>(share, 1));
  }

  // 3. Kicks, with what is left: toggle a few of the nodes that matter in
  // the lowest-peak plan (kept or recomputed; a fixed pseudo-random
  // sequence, so runs are reproducible) and descend on the peak again.
  uint64_t state = 0x9e3779b97f4a7c15ull;
  auto nextRandom = [&]() {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>(state >> 33);
  };
  for (uint32_t i = 0; i < plans.size(); ++i)
    if (lowerPeak(plans[i], plans[best]))
      best = i;
  // Kicks may land on known plans only; stop when they keep doing so.
  for (size_t kick = 0, stale = 0;
       searchBudgetLeft() && kick < kMaxKicks && stale < 16; ++kick) {
    const size_t before = simulations;
    sim.run(plans[best].kept);
    std::vector<NodeId> relevant = sim.lastRecomputed();
    for (NodeId v : plans[best].kept.elements())
      if (!forced.contains(v))
        relevant.push_back(v);
    if (relevant.empty())
      break;
    NodeSet k = plans[best].kept;
    const uint32_t toggles = 3;
    for (uint32_t t = 0; t < toggles; ++t) {
      NodeId v = relevant[nextRandom() % relevant.size()];
      if (k.contains(v))
        k.erase(v);
      else
        k.insert(v);
    }
    uint32_t from =
        evaluate(std::move(k), plans[best].origin, plans[best].moves + toggles);
    uint32_t end = descend(from, /*allowDiscard=*/true, lowerPeak,
                           searchLimit - simulations);
    if (lowerPeak(plans[end], plans[best]))
      best = end;
    stale = simulations == before ? stale + 1 : 0;
  }
}

std::string describeBudget(uint64_t b) { return std::to_string(b) + " B"; }

/// `kept` plus the nodes that are always kept.
NodeSet withForced(const Program &p, NodeSet kept) {
  for (NodeId v = 0; v < p.graph.size(); ++v)
    if (!p.isRecomputable(v) || p.isEscaping(v))
      kept.insert(v);
  return kept;
}

Candidate makeCandidate(const PlanPool &pool, uint32_t planIndex) {
  const Evaluated &e = pool.plans[planIndex];
  const Origin &o = pool.origins[e.origin];
  Candidate c;
  c.sequence = o.sequence;
  c.kept = e.kept;
  c.model = o.model;
  c.origin = o.description;
  if (e.moves) {
    c.refined = true;
    c.origin += " + " + std::to_string(e.moves) + " local-search move" +
                (e.moves == 1 ? "" : "s");
  }
  SimOptions opts;
  opts.recordSchedule = true;
  c.sim = simulate(pool.p, c.kept, opts);
  return c;
}

/// The no-recomputation plan (every node kept), simulated.
Candidate keepEverything(const Program &p) {
  const Graph &g = p.graph;
  Candidate c;
  c.kept = g.fullSet();
  c.sequence = {c.kept};
  c.model = evaluateModel(g, c.sequence);
  c.origin = "no recomputation";
  SimOptions opts;
  opts.recordSchedule = true;
  c.sim = simulate(p, c.kept, opts);
  return c;
}

/// Of a baseline's plan and keeping everything, the one with the lower
/// simulated peak (keeping everything on a tie: it costs nothing).
Candidate lowerPeakOrKeepAll(const Program &p, Candidate plan) {
  Candidate all = keepEverything(p);
  return plan.sim.peak < all.sim.peak ? std::move(plan) : std::move(all);
}

PlanResult planPaper(const Program &p, const PlanOptions &options) {
  const Graph &g = p.graph;
  PlanResult result;
  bool exact = options.solver == SolverChoice::PaperExact;
  std::vector<NodeSet> family;
  if (exact) {
    bool usedExact = false;
    size_t count = 0;
    family = lowerSetFamily(g, true, options.lowerSetCap, usedExact, count);
    if (usedExact) {
      result.numLowerSets = count;
    } else {
      exact = false;
      result.fallbackNote = "paper-exact: more than " +
                            std::to_string(options.lowerSetCap) +
                            " lower sets (the cap); used paper-approx";
    }
  } else {
    family = approximateLowerSets(g);
  }
  result.solverUsed = exact ? "paper-exact" : "paper-approx";
  uint64_t minBudget = minFeasibleModelBudget(g, family);
  result.minModelBudget = minBudget;
  DPSelection selection = options.objective == Objective::TimeCentric
                              ? DPSelection::MinOverhead
                              : DPSelection::MaxOverhead;
  const size_t frontCap = effectiveFrontCap(g, options);
  auto dpPlan = [&](uint64_t budget, Candidate &c) {
    DPResult r = solveDP(g, family, budget, selection, frontCap);
    ++result.candidatesConsidered;
    if (!r.feasible)
      return false;
    c.sequence = r.sequence;
    c.kept = withForced(p, keptSet(g, r.sequence));
    c.model = r.model;
    c.origin = result.solverUsed + " DP, " + selectionName(selection) +
               ", model budget " + describeBudget(budget);
    SimOptions opts;
    opts.recordSchedule = true;
    c.sim = simulate(p, c.kept, opts);
    return true;
  };

  // The DP plan at the smallest feasible model budget, or keeping
  // everything when that plan's simulated peak is not lower: the lowest
  // peak of the paper's method (the DP ignores liveness, so its plan can
  // need more memory than the unmodified step).
  Candidate lowest;
  if (!dpPlan(minBudget, lowest))
    lowest = keepEverything(p);
  else
    lowest = lowerPeakOrKeepAll(p, std::move(lowest));
  result.minAchievablePeak = lowest.sim.peak;
  if (!options.budget) {
    result.feasible = true;
    result.chosen = std::move(lowest);
    return result;
  }
  // A budget is read as the paper's model budget and the DP plan under it
  // is taken as is, unless its simulated peak exceeds the budget (as bytes)
  // and the lowest plan above fits: that one is used instead. When the DP
  // has no plan under the model budget, the lowest plan is used if it fits;
  // otherwise the budget is below the smallest peak the method reaches.
  const uint64_t budget = *options.budget;
  const bool dpFeasible = dpPlan(budget, result.chosen);
  if (dpFeasible && result.chosen.sim.peak <= budget) {
    result.feasible = true;
    return result;
  }
  if (lowest.sim.peak <= budget) {
    result.feasible = true;
    if (result.fallbackNote.empty())
      result.fallbackNote =
          result.solverUsed +
          (dpFeasible
               ? ": the DP plan under the model budget of " +
                     describeBudget(budget) + " has a simulated peak of " +
                     describeBudget(result.chosen.sim.peak)
               : ": no DP plan under the model budget of " +
                     describeBudget(budget)) +
          "; used " + lowest.origin + " (simulated peak " +
          describeBudget(lowest.sim.peak) + ")";
    result.chosen = std::move(lowest);
    return result;
  }
  result.feasible = dpFeasible;
  return result;
}

PlanResult planChen(const Program &p, const PlanOptions &options) {
  const Graph &g = p.graph;
  PlanResult result;
  result.solverUsed = "chen";
  Candidate c;
  c.sequence = chenSequence(g);
  c.kept = withForced(p, keptSet(g, c.sequence));
  c.model = evaluateModel(g, c.sequence);
  c.origin = "chen";
  SimOptions opts;
  opts.recordSchedule = true;
  c.sim = simulate(p, c.kept, opts);
  result.candidatesConsidered = 1;
  if (options.computeMinModelBudget)
    result.minModelBudget = c.model.peak;
  // Chen's plan or keeping everything: without a budget the lower peak
  // (keeping everything on a tie); with one, keeping everything when it
  // fits (no overhead), else Chen's plan when it fits.
  Candidate all = keepEverything(p);
  result.minAchievablePeak = std::min(c.sim.peak, all.sim.peak);
  if (!options.budget) {
    result.feasible = true;
    result.chosen = c.sim.peak < all.sim.peak ? std::move(c) : std::move(all);
  } else if (all.sim.peak <= *options.budget) {
    result.feasible = true;
    result.chosen = std::move(all);
  } else {
    result.feasible = c.sim.peak <= *options.budget;
    result.chosen = std::move(c);
  }
  return result;
}

} // namespace

size_t recompute::effectiveFrontCap(const Graph &g,
                                    const PlanOptions &options) {
  if (options.frontCap)
    return *options.frontCap;
  constexpr double kExactTimeLimit = 1e5;
  constexpr size_t kExactNodeLimit = 2000;
  constexpr size_t kDefaultCap = 64;
  if (g.totalTime() > kExactTimeLimit || g.size() > kExactNodeLimit)
    return kDefaultCap;
  for (size_t v = 0; v < g.size(); ++v) {
    double t = g.time(static_cast<NodeId>(v));
    if (t != std::floor(t))
      return kDefaultCap;
  }
  return 0;
}

namespace {
/// Approximate-family DP results by (budget, selection, span), shared by the
/// two planImpl runs of exact mode (both sweep the approximate family with
/// the same options, so the second run's solves are all found here).
struct DPCache {
  std::map<std::tuple<uint64_t, int, size_t>, DPResult> approx;
};
} // namespace

static PlanResult planImpl(const Program &p, const PlanOptions &options,
                           DPCache *cache) {
  const Clock::time_point start = Clock::now();
  const Graph &g = p.graph;
  const size_t n = g.size();
  PlanResult result;
  auto finish = [&](PlanResult r) {
    r.vanillaPeak = simulateVanilla(p).peak;
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return r;
  };

  if (options.solver == SolverChoice::PaperApprox ||
      options.solver == SolverChoice::PaperExact)
    return finish(planPaper(p, options));
  if (options.solver == SolverChoice::Chen)
    return finish(planChen(p, options));
  if (n == 0) {
    result.feasible = true;
    result.solverUsed =
        options.solver == SolverChoice::Approx ? "approx" : "exact";
    result.chosen.kept = NodeSet(0);
    result.chosen.origin = "empty program";
    SimOptions opts;
    opts.recordSchedule = true;
    result.chosen.sim = simulate(p, result.chosen.kept, opts);
    result.minAchievablePeak = result.chosen.sim.peak;
    result.feasible =
        !options.budget || result.chosen.sim.peak <= *options.budget;
    return finish(std::move(result));
  }

  // The lower-set family.
  std::vector<NodeSet> family;
  const char *solver = "approx";
  if (options.solver == SolverChoice::Approx) {
    family = approximateLowerSets(g);
  } else {
    // Auto also bounds the family by kAutoExactSets: the exact DP's time
    // grows with the square of the family (minutes on GoogLeNet's 27358).
    const bool isAuto = options.solver == SolverChoice::Auto;
    const size_t cap = isAuto ? std::min(options.lowerSetCap, kAutoExactSets)
                              : options.lowerSetCap;
    bool usedExact = false;
    size_t count = 0;
    family = lowerSetFamily(g, true, cap, usedExact, count);
    if (usedExact) {
      solver = "exact";
      result.numLowerSets = count;
    } else {
      result.fallbackNote =
          std::string(isAuto ? "auto" : "exact") + ": more than " +
          std::to_string(cap) + " lower sets (" +
          (isAuto && cap < options.lowerSetCap ? "the auto limit" : "the cap") +
          "); used approx";
    }
  }

  // Thin a large approximate family (one set per node): the per-family
  // data and the solves at the smallest feasible budget, which the sweep's
  // work bound does not cover, are quadratic in it (docs/Planner.md,
  // "Scale"). Any subsequence of the family is a valid family.
  const size_t maxApproxSets = std::max<size_t>(options.maxApproxSets, 2);
  auto thinApprox = [&](std::vector<NodeSet> &f) {
    if (f.size() <= maxApproxSets)
      return;
    if (!result.fallbackNote.empty())
      result.fallbackNote += "; ";
    result.fallbackNote += "approx: " + std::to_string(f.size()) +
                           " lower sets thinned to " +
                           std::to_string(maxApproxSets) + " spread evenly";
    f = thinFamily(std::move(f), maxApproxSets);
  };
  if (std::string(solver) == "approx")
    thinApprox(family);

  // Schedule steps per simulation bound the search on large programs.
  size_t steps = 2 * n + p.backward.size() + 1;
  size_t searchBudget = std::min<size_t>(
      options.searchEvaluations,
      static_cast<size_t>(kSearchWork / static_cast<double>(steps)));
  PlanPool pool(p, searchBudget);

  // 1. Candidates.
  const NodeSet all = g.fullSet();
  const Sequence whole = {all};
  pool.evaluate(
      all, pool.addOrigin({whole, evaluateModel(g, whole), "no recomputation"}),
      0);
  auto dp = std::make_unique<DPFamily>(g, family);
  uint64_t minBudget = dp->minFeasibleBudget();
  uint64_t maxBudget = std::max(evaluateModel(g, whole).peak, minBudget);
  const size_t frontCap = effectiveFrontCap(g, options);
  if (options.computeMinModelBudget)
    result.minModelBudget = minBudget;
  auto addDP = [&](uint64_t budget, DPSelection selection,
                   size_t span = 0) -> DPResult {
    DPResult r;
    const bool cacheable = cache && std::string(solver) == "approx";
    const auto key = std::make_tuple(budget, static_cast<int>(selection), span);
    const DPResult *known = nullptr;
    if (cacheable) {
      auto hit = cache->approx.find(key);
      if (hit != cache->approx.end())
        known = &hit->second;
    }
    if (known) {
      r = *known;
    } else {
      r = dp->solve(budget, selection, frontCap, span);
      if (cacheable)
        cache->approx.emplace(key, r);
    }
    if (!r.feasible)
      return r;
    NodeSet kept = keptSet(g, r.sequence);
    std::string spanNote =
        span ? " (blocks of at most " + std::to_string(span) + " sets)" : "";
    uint32_t origin =
        pool.addOrigin({r.sequence, r.model,
                        std::string(solver) + " DP" + spanNote + ", " +
                            selectionName(selection) + ", model budget " +
                            describeBudget(budget)});
    pool.evaluate(std::move(kept), origin, 0);
    return r;
  };
  // Min-overhead plans stop changing once the budget exceeds the model peak
  // of the unconstrained optimum: sweep up to there only.
  // On large exact families (GoogLeNet: 27358 lower sets) one DP solve takes
  // seconds; sweep fewer budgets there. The approximate family's sweep is
  // bounded by its work instead (PlanOptions::sweepWork).
  constexpr size_t kLargeFamily = 5000;
  auto sweep = [&](uint64_t low, bool bounded) {
    const size_t sweeps = !bounded && family.size() > kLargeFamily
                              ? std::min<size_t>(options.sweepBudgets, 2)
                              : options.sweepBudgets;
    const uint64_t top = std::max(maxBudget, low);
    auto pairs = [&](uint64_t b) { return double(dp->windowPairs(b)); };
    // Work of the whole sweep (the min-overhead sweep counted up to `top`,
    // an upper bound).
    double work = kMinOverheadWeight * pairs(top);
    for (uint64_t b : geometricBudgets(low, top, sweeps))
      work += kMinOverheadWeight * pairs(b);
    for (uint64_t b : geometricBudgets(low, top, 2 * sweeps))
      work += pairs(b);
    if (!bounded || work <= options.sweepWork) {
      DPResult probe = addDP(top, DPSelection::MinOverhead);
      uint64_t minOverheadTop =
          probe.feasible ? std::max(probe.model.peak, low) : top;
      for (uint64_t budget : geometricBudgets(low, minOverheadTop, sweeps))
        addDP(budget, DPSelection::MinOverhead);
      for (uint64_t budget : geometricBudgets(low, top, 2 * sweeps))
        addDP(budget, DPSelection::MaxOverhead);
      return;
    }
    // Over the bound. Both selections still run at the smallest feasible
    // budget on the whole problem; half the work left goes to the
    // other min-overhead solves (the probe at `top` and sweeps - 1 budgets),
    // each considering only blocks of at most `span` sets (a power of two,
    // the largest that fits its share): its plans use small blocks anyway,
    // since long ones recompute more. The other half goes to max-overhead
    // solves, whose plans (coarse blocks) only help near the smallest
    // budget: 2 * sweeps budgets from it up (fewer if even the closest do
    // not fit), as far up as fits.
    const double left = std::max(
        0.0, options.sweepWork - (kMinOverheadWeight + 1.0) * pairs(low));
    const double minShare = left / 2 / double(sweeps);
    auto spanFor = [&](uint64_t budget) {
      size_t span = 1;
      while (span * 2 < family.size() &&
             kMinOverheadWeight * double(dp->windowPairs(budget, span * 2)) <=
                 minShare)
        span *= 2;
      return span;
    };
    DPResult probe = addDP(top, DPSelection::MinOverhead, spanFor(top));
    uint64_t minOverheadTop =
        probe.feasible ? std::max(probe.model.peak, low) : top;
    for (uint64_t budget : geometricBudgets(low, minOverheadTop, sweeps))
      addDP(budget, DPSelection::MinOverhead,
            budget == low ? 0 : spanFor(budget));
    const double maxShare = left / 2;
    auto maxWork = [&](uint64_t hi, size_t points) {
      double w = 0;
      for (uint64_t b : geometricBudgets(low, hi, points))
        if (b != low)
          w += pairs(b);
      return w;
    };
    size_t points = 2 * sweeps;
    while (points > 2 && maxWork(low + points, points) > maxShare)
      points /= 2;
    uint64_t lo = low, hi = top;
    while (hi - lo > std::max<uint64_t>(1, lo / 1000)) {
      uint64_t mid = lo + (hi - lo) / 2;
      if (maxWork(mid, points) <= maxShare)
        lo = mid;
      else
        hi = mid;
    }
    for (uint64_t budget : geometricBudgets(low, lo, points))
      addDP(budget, DPSelection::MaxOverhead);
  };
  const bool exactFamily = std::string(solver) == "exact";
  sweep(minBudget, /*bounded=*/!exactFamily);
  if (exactFamily) {
    // The approximate family's plans differ from the exact ones and are
    // cheap: sweep them too, so that the exact solver's candidate pool
    // contains the approximate one's (they are labelled approx).
    dp.reset();
    family = approximateLowerSets(g);
    thinApprox(family);
    dp = std::make_unique<DPFamily>(g, family);
    solver = "approx";
    sweep(dp->minFeasibleBudget(), /*bounded=*/true);
    solver = "exact";
  }
  {
    Sequence chen = chenSequence(g);
    ModelCost model = evaluateModel(g, chen);
    NodeSet kept = keptSet(g, chen);
    pool.evaluate(std::move(kept),
                  pool.addOrigin({std::move(chen), model, "chen"}), 0);
  }

  // 2. Local search.
  pool.search();

  // 3. Selection.
  const std::vector<Evaluated> &plans = pool.plans;
  result.candidatesConsidered = plans.size();
  uint32_t best = ~uint32_t(0);
  uint64_t minPeak = ~uint64_t(0);
  for (uint32_t i = 0; i < plans.size(); ++i)
    minPeak = std::min(minPeak, plans[i].peak);
  result.minAchievablePeak = minPeak;
  auto lowerPeakFirst = [&](uint32_t a, uint32_t b) {
    if (plans[a].peak != plans[b].peak)
      return plans[a].peak < plans[b].peak;
    return plans[a].overhead < plans[b].overhead;
  };
  auto lowerOverheadFirst = [&](uint32_t a, uint32_t b) {
    if (plans[a].overhead != plans[b].overhead)
      return plans[a].overhead < plans[b].overhead;
    return plans[a].peak < plans[b].peak;
  };
  const bool timeCentric =
      options.objective == Objective::TimeCentric && options.budget;
  for (uint32_t i = 0; i < plans.size(); ++i) {
    if (options.budget && plans[i].peak > *options.budget)
      continue;
    if (best == ~uint32_t(0) ||
        (timeCentric ? lowerOverheadFirst(i, best) : lowerPeakFirst(i, best)))
      best = i;
  }
  if (best == ~uint32_t(0)) {
    result.solverUsed = solver;
    return finish(std::move(result));
  }
  result.feasible = true;
  result.chosen = makeCandidate(pool, best);
  result.solverUsed = solver;
  return finish(std::move(result));
}

PlanResult recompute::plan(const Program &p, const PlanOptions &options) {
  DPCache cache;
  PlanResult result = planImpl(p, options, &cache);
  if (result.solverUsed != "exact")
    return result;
  // The local search is path dependent, so the exact family's pool can miss
  // a plan the approximate one finds. Consult the approximate planner too and
  // keep the better result, so that exact is never worse than approx.
  PlanOptions approxOptions = options;
  approxOptions.solver = SolverChoice::Approx;
  PlanResult approx = planImpl(p, approxOptions, &cache);
  auto better = [&](const PlanResult &a, const PlanResult &b) {
    if (a.feasible != b.feasible)
      return a.feasible;
    if (!a.feasible)
      return false;
    const SimResult &x = a.chosen.sim, &y = b.chosen.sim;
    bool timeCentric =
        options.objective == Objective::TimeCentric && options.budget;
    if (timeCentric && x.overhead != y.overhead)
      return x.overhead < y.overhead;
    if (x.peak != y.peak)
      return x.peak < y.peak;
    return x.overhead < y.overhead;
  };
  result.minAchievablePeak =
      std::min(result.minAchievablePeak, approx.minAchievablePeak);
  result.candidatesConsidered += approx.candidatesConsidered;
  double seconds = result.seconds + approx.seconds;
  if (better(approx, result)) {
    approx.chosen.origin = "approx planner: " + approx.chosen.origin;
    approx.solverUsed = "exact";
    approx.numLowerSets = result.numLowerSets;
    approx.fallbackNote = result.fallbackNote;
    approx.minModelBudget = result.minModelBudget;
    approx.minAchievablePeak = result.minAchievablePeak;
    approx.candidatesConsidered = result.candidatesConsidered;
    result = std::move(approx);
  }
  result.seconds = seconds;
  return result;
}
