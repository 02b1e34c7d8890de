//===- recompute-graph-bench.cpp - Timing of the graph-library solvers ----===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Measures the lower-set enumeration, the exact and approximate DPs, the
// exact minimum budget and Chen's baseline on the paper's graphs (CPU
// seconds of this single-threaded process), and the approximate DP on a
// generated deep transformer-like DAG. Usage:
//
//   recompute-graph-bench [--paper-dir DIR] [--graphs a,b,...] [--no-exact]
//                         [--sweep K] [--transformer NODES]
//                         [--front-cap N] [--plan]
//
// --plan also times the whole planner (plan(), approx) on the transformer.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/GraphIO.h"
#include "recompute/Graph/Planner.h"
#include "recompute/Graph/Solver.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sstream>
#include <string>
#include <vector>

using namespace recompute;

namespace {

double cpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

double maxRssMiB() {
  rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_maxrss) / 1024.0;
}

double gb(uint64_t b) { return double(b) * 1e-9; }

/// A deep transformer-like DAG: per layer, layer norm, Q/K/V projections,
/// scores, softmax, attention, output projection, residual add, layer norm,
/// two MLP matmuls with an activation, residual add. Matmuls cost 10.
Graph makeTransformer(size_t targetNodes) {
  Graph g;
  const uint64_t act = 8ull << 20;     // batch x seq x hidden activations
  const uint64_t scores = 32ull << 20; // batch x heads x seq x seq
  const uint64_t wide = 4 * act;       // MLP hidden
  NodeId x = g.addNode(1, act, "embed");
  size_t layer = 0;
  while (g.size() + 14 <= targetNodes) {
    std::string p = "l" + std::to_string(layer++) + ".";
    NodeId ln1 = g.addNode(1, act, p + "ln1");
    g.addEdge(x, ln1);
    NodeId q = g.addNode(10, act, p + "q");
    NodeId k = g.addNode(10, act, p + "k");
    NodeId v = g.addNode(10, act, p + "v");
    for (NodeId y : {q, k, v})
      g.addEdge(ln1, y);
    NodeId s = g.addNode(10, scores, p + "scores");
    g.addEdge(q, s);
    g.addEdge(k, s);
    NodeId sm = g.addNode(1, scores, p + "softmax");
    g.addEdge(s, sm);
    NodeId at = g.addNode(10, act, p + "attn");
    g.addEdge(sm, at);
    g.addEdge(v, at);
    NodeId o = g.addNode(10, act, p + "proj");
    g.addEdge(at, o);
    NodeId r1 = g.addNode(1, act, p + "res1");
    g.addEdge(x, r1);
    g.addEdge(o, r1);
    NodeId ln2 = g.addNode(1, act, p + "ln2");
    g.addEdge(r1, ln2);
    NodeId f1 = g.addNode(10, wide, p + "fc1");
    g.addEdge(ln2, f1);
    NodeId ge = g.addNode(1, wide, p + "gelu");
    g.addEdge(f1, ge);
    NodeId f2 = g.addNode(10, act, p + "fc2");
    g.addEdge(ge, f2);
    NodeId r2 = g.addNode(1, act, p + "res2");
    g.addEdge(r1, r2);
    g.addEdge(f2, r2);
    x = r2;
  }
  while (g.size() < targetNodes) {
    NodeId y = g.addNode(1, act, "tail");
    g.addEdge(x, y);
    x = y;
  }
  std::string err = g.finalize();
  if (!err.empty()) {
    std::fprintf(stderr, "error: %s\n", err.c_str());
    std::exit(1);
  }
  return g;
}

void benchPaperGraph(const std::string &dir, const std::string &name,
                     bool exact, int sweep) {
  std::string path = dir + "/cg_" + name + ".txt";
  ReadResult r = readProgramFile(path, {});
  if (!r.program) {
    std::fprintf(stderr, "error: %s\n", r.error.c_str());
    std::exit(1);
  }
  const Graph &g = r.program->graph;
  uint64_t mv = g.totalBytes();
  std::printf("== %s: |V| %zu |E| %zu T(V) %.0f M(V) %.3f GB\n", name.c_str(),
              g.size(), g.numEdges(), g.totalTime(), gb(mv));

  double t0 = cpuSeconds();
  std::vector<NodeSet> approx = approximateLowerSets(g);
  uint64_t approxMin = minFeasibleModelBudget(g, approx);
  double t1 = cpuSeconds();
  DPResult aMin = solveDP(g, approx, approxMin, DPSelection::MinOverhead);
  double t2 = cpuSeconds();
  std::printf("  approx: %zu sets, B_min %.3f GB (%.3f s); at B_min T %.0f "
              "peak %.3f GB (%.3f s)\n",
              approx.size(), gb(approxMin), t1 - t0, aMin.model.overhead,
              gb(aMin.model.peak), t2 - t1);
  // Sweep budgets from B_min to 2 M(V), both selections.
  double worst = 0;
  uint64_t worstB = 0;
  for (int k = 0; k <= sweep; ++k) {
    uint64_t b =
        approxMin + (2 * mv - approxMin) * uint64_t(k) / uint64_t(sweep);
    for (DPSelection sel :
         {DPSelection::MinOverhead, DPSelection::MaxOverhead}) {
      double s0 = cpuSeconds();
      DPResult res = solveDP(g, approx, b, sel);
      double s1 = cpuSeconds();
      if (!res.feasible || res.model.peak > b) {
        std::printf("  ERROR approx infeasible or over budget at %.3f GB\n",
                    gb(b));
      }
      if (s1 - s0 > worst) {
        worst = s1 - s0;
        worstB = b;
      }
    }
  }
  std::printf("  approx sweep (%d budgets x 2 selections up to 2 M(V)): "
              "slowest %.3f s at %.3f GB\n",
              sweep + 1, worst, gb(worstB));

  Sequence chen = chenSequence(g);
  ModelCost chenCost = evaluateModel(g, chen);
  std::printf("  chen: %zu sets, model peak %.3f GB, T %.0f\n", chen.size(),
              gb(chenCost.peak), chenCost.overhead);

  if (!exact)
    return;
  double e0 = cpuSeconds();
  LowerSetEnumeration all = enumerateLowerSets(g, 10000000);
  double e1 = cpuSeconds();
  std::printf("  exact: %zu lower sets (enumerated in %.3f s)\n",
              all.sets.size(), e1 - e0);
  uint64_t exactMin = minFeasibleModelBudget(g, all.sets);
  double e2 = cpuSeconds();
  std::printf("  exact B_min %.3f GB (%.3f s)\n", gb(exactMin), e2 - e1);
  std::vector<std::pair<const char *, uint64_t>> budgets = {
      {"B_min", exactMin},
      {"1.25 B_min", exactMin + exactMin / 4},
      {"30% of 2M(V)", 2 * mv * 3 / 10},
      {"2 M(V)", 2 * mv}};
  for (auto &[label, b] : budgets) {
    for (DPSelection sel :
         {DPSelection::MinOverhead, DPSelection::MaxOverhead}) {
      double s0 = cpuSeconds();
      DPResult res = solveDP(g, all.sets, b, sel);
      double s1 = cpuSeconds();
      std::printf("  exact %-4s at %-12s (%.3f GB): %s T %.0f peak %.3f GB, "
                  "%zu entries, %.3f s\n",
                  sel == DPSelection::MinOverhead ? "min" : "max", label, gb(b),
                  res.feasible ? "ok" : "infeasible", res.model.overhead,
                  gb(res.model.peak), res.frontEntries, s1 - s0);
    }
  }
  std::printf("  max RSS so far %.0f MiB\n", maxRssMiB());
}

} // namespace

int main(int argc, char **argv) {
  std::string dir = RECOMPUTE_DEFAULT_PAPER_DIR;
  std::string graphs =
      "vgg19,unet,resnet50,resnet152,densenet,googlenet,pspnet";
  bool exact = true;
  int sweep = 20;
  size_t transformer = 0;
  size_t frontCap = 0;
  bool planTransformer = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "error: %s needs a value\n", a.c_str());
        std::exit(1);
      }
      return argv[++i];
    };
    if (a == "--paper-dir")
      dir = value();
    else if (a == "--graphs")
      graphs = value();
    else if (a == "--no-exact")
      exact = false;
    else if (a == "--sweep")
      sweep = std::max(1, std::atoi(value().c_str()));
    else if (a == "--transformer")
      transformer = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--front-cap")
      frontCap = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--plan")
      planTransformer = true;
    else {
      std::fprintf(stderr, "error: unknown option '%s'\n", a.c_str());
      return 1;
    }
  }

  setvbuf(stdout, nullptr, _IOLBF, 0);
  double start = cpuSeconds();
  if (!graphs.empty() && graphs != "none") {
    std::stringstream ss(graphs);
    std::string name;
    while (std::getline(ss, name, ','))
      benchPaperGraph(dir, name, exact, sweep);
    std::printf("total paper-graph CPU %.2f s, max RSS %.0f MiB\n",
                cpuSeconds() - start, maxRssMiB());
  }

  if (transformer) {
    double t0 = cpuSeconds();
    Graph g = makeTransformer(transformer);
    double t1 = cpuSeconds();
    std::vector<NodeSet> family = approximateLowerSets(g);
    double t2 = cpuSeconds();
    DPFamily dp(g, family);
    uint64_t bmin = dp.minFeasibleBudget();
    double t3 = cpuSeconds();
    std::printf("== transformer: |V| %zu |E| %zu M(V) %.3f GB (built in %.3f "
                "s)\n  approx family %zu sets (%.3f s), B_min %.3f GB (%.3f "
                "s, per-set data included)\n",
                g.size(), g.numEdges(), gb(g.totalBytes()), t1 - t0,
                family.size(), t2 - t1, gb(bmin), t3 - t2);
    for (double f : {1.0, 1.5, 3.0}) {
      uint64_t b = uint64_t(double(bmin) * f);
      for (DPSelection sel :
           {DPSelection::MinOverhead, DPSelection::MaxOverhead}) {
        double s0 = cpuSeconds();
        DPResult res = dp.solve(b, sel, frontCap);
        double s1 = cpuSeconds();
        std::printf("  %s at %.1f B_min (%.3f GB): %s T %.0f peak %.3f GB, "
                    "%zu entries, %llu window pairs, %.3f s\n",
                    sel == DPSelection::MinOverhead ? "min" : "max", f, gb(b),
                    res.feasible ? "ok" : "infeasible", res.model.overhead,
                    gb(res.model.peak), res.frontEntries,
                    static_cast<unsigned long long>(dp.windowPairs(b)),
                    s1 - s0);
      }
    }
    if (planTransformer) {
      // The whole planner (approximate family, default front cap, local
      // search) on the graph with its default backward program.
      Program p = makeDefaultProgram(g);
      for (double pct : {0.0, 50.0}) {
        PlanOptions opts;
        opts.solver = SolverChoice::Approx;
        uint64_t vanilla = simulateVanilla(p).peak;
        if (pct > 0)
          opts.budget = uint64_t(double(vanilla) * pct / 100.0);
        double s0 = cpuSeconds();
        PlanResult r = plan(p, opts);
        double s1 = cpuSeconds();
        std::printf("  plan (approx, %s): %s, peak %.3f GB of vanilla %.3f GB, "
                    "overhead %.0f, front cap %zu, %.3f s\n",
                    pct > 0 ? "budget 50%" : "no budget",
                    r.feasible ? "feasible" : "infeasible",
                    gb(r.feasible ? r.chosen.sim.peak : 0), gb(vanilla),
                    r.feasible ? r.chosen.sim.overhead : 0.0,
                    effectiveFrontCap(g, opts), s1 - s0);
      }
    }
    std::printf("  max RSS %.0f MiB\n", maxRssMiB());
  }
  return 0;
}
