//===- recompute-plan.cpp - Plan recomputation for a graph file -----------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Reads a graph (the paper's cg format or our JSON format), runs the planner
// under a budget and prints a human summary and/or a JSON report. See
// docs/recompute-plan.md. Exit codes: 0 = a plan within the budget was found,
// 1 = usage or input error, 2 = the budget cannot be met.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/GraphIO.h"
#include "recompute/Graph/Planner.h"
#include "recompute/Graph/Simulator.h"
#include "recompute/Graph/Size.h"
#include "recompute/Graph/Solver.h"
#include "recompute/Graph/Strategy.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

using namespace recompute;

namespace {

constexpr int kExitOK = 0;
constexpr int kExitError = 1;
constexpr int kExitInfeasible = 2;

const char *const kUsage =
    R"(usage: recompute-plan [options] FILE

Plans which forward values to keep and which to recompute during the backward
pass of the training step described by FILE ('-' reads standard input), using
the dynamic programmes of Kusumoto et al. (NeurIPS 2019), and checks the plan
by simulating the real peak memory of its schedule.

options:
  --format=auto|cg|json   input format (auto: JSON when the first non-blank
                          character is '{', else the paper's cg format)
  --budget=SIZE           peak budget: bytes ("2GiB", "1.5 GB", "123456") or a
                          percentage of the no-recomputation simulated peak
                          ("60%"; above 100% is allowed). For paper-* solvers
                          it is a budget on the paper's model peak. Default:
                          the smallest peak the solver can reach
  --solver=NAME           auto|exact|approx|chen|paper-approx|paper-exact
                          (default auto: exact when the lower sets fit under
                          the cap, else approx)
  --strategy=NAME         time|time-centric|memory|memory-centric (default time)
  --min-budget            also report the smallest feasible model budget of
                          the approx, exact and chen solvers and the smallest
                          simulated peak the planner reaches
  --json=FILE             write a JSON report to FILE ('-' = standard output;
                          the human summary is then not printed)
  --batch-scale=K         multiply every size in the graph by K (> 0)
  --lower-set-cap=N       largest number of lower sets the exact DP may
                          enumerate (default 200000)
  --names                 list nodes by name instead of id in the JSON report
  --write-json-graph=FILE write the graph (after --batch-scale) in our JSON
                          format to FILE ('-' = standard output) and exit
  --help                  show this help

exit status: 0 plan found within the budget, 1 usage or input error,
2 the budget cannot be met (the message gives the smallest reachable peak).
)";

struct ToolOptions {
  GraphFormat format = GraphFormat::Auto;
  std::optional<std::string> budgetText;
  SolverChoice solver = SolverChoice::Auto;
  Objective objective = Objective::TimeCentric;
  bool minBudget = false;
  std::optional<std::string> jsonPath;
  double batchScale = 1.0;
  size_t lowerSetCap = 200000;
  bool names = false;
  std::optional<std::string> writeGraphPath;
  std::string file;
};

int error(const std::string &message) {
  std::fprintf(stderr, "recompute-plan: error: %s\n", message.c_str());
  return kExitError;
}

/// Quotes a command-line argument for an error message.
std::string quoteArg(const std::string &s) {
  std::string out = "'";
  for (size_t i = 0; i < s.size() && i < 60; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += char(c);
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    }
  }
  if (s.size() > 60)
    out += "...";
  return out + "'";
}

bool parseUnsigned(const std::string &s, size_t &out) {
  if (s.empty() || s.size() > 19)
    return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9')
      return false;
    v = v * 10 + uint64_t(c - '0');
  }
  out = static_cast<size_t>(v);
  return true;
}

bool parsePositiveDouble(const std::string &s, double &out) {
  if (s.empty() || s.size() > 64)
    return false;
  // Plain decimal only: digits with at most one '.'.
  bool dot = false, digit = false;
  for (char c : s) {
    if (c == '.' && !dot)
      dot = true;
    else if (c >= '0' && c <= '9')
      digit = true;
    else
      return false;
  }
  if (!digit)
    return false;
  out = std::strtod(s.c_str(), nullptr);
  return std::isfinite(out) && out > 0;
}

/// Parses argv; returns -1 to continue, else an exit code.
int parseArgs(int argc, char **argv, ToolOptions &opts) {
  bool haveFile = false, endOfOptions = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (endOfOptions || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      if (haveFile)
        return error("more than one input file (" + quoteArg(opts.file) +
                     " and " + quoteArg(arg) + ")");
      opts.file = arg;
      haveFile = true;
      continue;
    }
    if (arg == "--") {
      endOfOptions = true;
      continue;
    }
    if (arg == "--help" || arg == "-help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return kExitOK;
    }
    std::string key = arg, value;
    bool hasValue = false;
    size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      key = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      hasValue = true;
    }
    if (key.size() > 2 && key[0] == '-' && key[1] != '-')
      key = "-" + key; // accept -budget=... as LLVM tools do
    auto flag = [&](const char *name) {
      if (key != name)
        return false;
      return true;
    };
    auto needValue = [&]() -> bool {
      if (hasValue)
        return true;
      if (i + 1 >= argc)
        return false;
      value = argv[++i];
      hasValue = true;
      return true;
    };
    if (flag("--min-budget") || flag("--names")) {
      if (hasValue)
        return error("option '" + key + "' takes no value");
      (key == "--names" ? opts.names : opts.minBudget) = true;
      continue;
    }
    static const char *const kValued[] = {
        "--format", "--budget",      "--solver",        "--strategy",
        "--json",   "--batch-scale", "--lower-set-cap", "--write-json-graph"};
    bool known = false;
    for (const char *k : kValued)
      known |= key == k;
    if (!known)
      return error("unknown option " + quoteArg(arg) + " (see --help)");
    if (!needValue())
      return error("option '" + key + "' requires a value");
    if (key == "--format") {
      if (value == "auto")
        opts.format = GraphFormat::Auto;
      else if (value == "cg")
        opts.format = GraphFormat::CG;
      else if (value == "json")
        opts.format = GraphFormat::JSON;
      else
        return error("invalid --format " + quoteArg(value) +
                     " (expected auto, cg or json)");
    } else if (key == "--budget") {
      opts.budgetText = value;
    } else if (key == "--solver") {
      std::optional<SolverChoice> s = parseSolverChoice(value);
      if (!s)
        return error("invalid --solver " + quoteArg(value) +
                     " (expected auto, exact, approx, chen, paper-approx or "
                     "paper-exact)");
      opts.solver = *s;
    } else if (key == "--strategy") {
      std::optional<Objective> o = parseObjective(value);
      if (!o)
        return error("invalid --strategy " + quoteArg(value) +
                     " (expected time, time-centric, memory or "
                     "memory-centric)");
      opts.objective = *o;
    } else if (key == "--json") {
      if (value.empty())
        return error("option '--json' requires a file name or '-'");
      opts.jsonPath = value;
    } else if (key == "--write-json-graph") {
      if (value.empty())
        return error("option '--write-json-graph' requires a file name or '-'");
      opts.writeGraphPath = value;
    } else if (key == "--batch-scale") {
      if (!parsePositiveDouble(value, opts.batchScale))
        return error("invalid --batch-scale " + quoteArg(value) +
                     " (expected a positive decimal number)");
    } else if (key == "--lower-set-cap") {
      if (!parseUnsigned(value, opts.lowerSetCap))
        return error("invalid --lower-set-cap " + quoteArg(value) +
                     " (expected a non-negative integer)");
    }
  }
  if (!haveFile)
    return error("no input file (see --help)");
  return -1;
}

//===----------------------------------------------------------------------===//
// JSON report
//===----------------------------------------------------------------------===//

class JSONWriter {
public:
  std::string out;

  void key(const char *k) {
    out += first ? "\n  \"" : ",\n  \"";
    first = false;
    out += k;
    out += "\": ";
  }
  void str(const std::string &s) {
    out += '"';
    for (char ch : s) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (c == '"' || c == '\\') {
        out += '\\';
        out += ch;
      } else if (c < 0x20 || c == 0x7f) {
        char buf[8];
        std::snprintf(buf, sizeof(buf), "\\u%04x", c);
        out += buf;
      } else {
        out += ch;
      }
    }
    out += '"';
  }
  void num(uint64_t v) { out += std::to_string(v); }
  void num(double v) {
    if (!std::isfinite(v)) {
      out += "null";
      return;
    }
    char buf[40];
    std::snprintf(buf, sizeof(buf), "%.15g", v);
    out += buf;
  }
  void boolean(bool b) { out += b ? "true" : "false"; }
  void null() { out += "null"; }
  void optNum(const std::optional<uint64_t> &v) {
    if (v)
      num(*v);
    else
      null();
  }
  void begin() { out += '{'; }
  void end() { out += "\n}\n"; }

private:
  bool first = true;
};

std::string formatOptBytes(const std::optional<uint64_t> &v) {
  return v ? formatBytesLong(*v) : std::string("n/a");
}

double secondsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
      .count();
}

struct MinBudgets {
  std::optional<uint64_t> approx, exact, chen;
  std::string exactNote;
  double seconds = 0;
};

MinBudgets computeMinBudgets(const Graph &g, size_t cap) {
  auto t0 = std::chrono::steady_clock::now();
  MinBudgets mb;
  mb.approx = minFeasibleModelBudget(g, approximateLowerSets(g));
  bool usedExact = false;
  size_t exactCount = 0;
  std::vector<NodeSet> family =
      lowerSetFamily(g, true, cap, usedExact, exactCount);
  if (usedExact)
    mb.exact = minFeasibleModelBudget(g, family);
  else
    mb.exactNote = "lower sets exceed the cap of " + std::to_string(cap);
  mb.chen = evaluateModel(g, chenSequence(g)).peak;
  mb.seconds = secondsSince(t0);
  return mb;
}

/// Writes `text` to `path` ('-' = standard output).
bool writeFile(const std::string &path, const std::string &text) {
  if (path == "-") {
    bool ok = std::fwrite(text.data(), 1, text.size(), stdout) == text.size();
    return std::fflush(stdout) == 0 && ok;
  }
  std::FILE *f = std::fopen(path.c_str(), "wb");
  if (!f)
    return false;
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok &= std::fclose(f) == 0;
  return ok;
}

std::string readStdin() {
  std::string text;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), stdin)) > 0)
    text.append(buf, n);
  return text;
}

const char *formatName(GraphFormat f) {
  switch (f) {
  case GraphFormat::CG:
    return "cg";
  case GraphFormat::JSON:
    return "json";
  case GraphFormat::Auto:
    break;
  }
  return "auto";
}

} // namespace

int main(int argc, char **argv) {
  auto start = std::chrono::steady_clock::now();
  ToolOptions opts;
  int rc = parseArgs(argc, argv, opts);
  if (rc >= 0)
    return rc;

  // Validate the budget before reading a possibly large file.
  std::optional<BudgetSpec> budgetSpec;
  if (opts.budgetText) {
    std::string why;
    budgetSpec = parseBudget(*opts.budgetText, why);
    if (!budgetSpec)
      return error("invalid --budget: " + why);
  }

  ReadOptions readOpts;
  readOpts.format = opts.format;
  readOpts.bytesScale = opts.batchScale;
  ReadResult read = opts.file == "-"
                        ? readProgram("<stdin>", readStdin(), readOpts)
                        : readProgramFile(opts.file, readOpts);
  if (!read.program)
    return error(read.error.empty() ? opts.file + ": could not read the graph"
                                    : read.error);
  const Program &prog = *read.program;
  const Graph &g = prog.graph;
  const std::string file = opts.file == "-" ? "<stdin>" : opts.file;

  if (opts.writeGraphPath) {
    std::string text = writeProgramJSON(prog);
    if (!writeFile(*opts.writeGraphPath, text))
      return error(*opts.writeGraphPath + ": cannot write file");
    return kExitOK;
  }

  uint64_t vanillaPeak = simulateVanilla(prog).peak;
  uint64_t lowerBound = peakLowerBound(prog);

  PlanOptions planOpts;
  planOpts.solver = opts.solver;
  planOpts.objective = opts.objective;
  planOpts.lowerSetCap = opts.lowerSetCap;
  planOpts.computeMinModelBudget = opts.minBudget;
  if (budgetSpec)
    planOpts.budget = budgetSpec->resolve(vanillaPeak);
  PlanResult result = plan(prog, planOpts);

  std::optional<size_t> lowerSets = result.numLowerSets;
  if (!lowerSets) {
    LowerSetEnumeration e = enumerateLowerSets(g, opts.lowerSetCap);
    if (!e.tooMany)
      lowerSets = e.sets.size();
  }
  std::optional<MinBudgets> minBudgets;
  if (opts.minBudget)
    minBudgets = computeMinBudgets(g, opts.lowerSetCap);

  const bool paper = opts.solver == SolverChoice::PaperApprox ||
                     opts.solver == SolverChoice::PaperExact;
  const Candidate &c = result.chosen;
  auto idOrName = [&](NodeId v, JSONWriter &w) {
    if (opts.names && !g.name(v).empty())
      w.str(g.name(v));
    else
      w.num(uint64_t(v));
  };

  if (opts.jsonPath) {
    JSONWriter w;
    w.begin();
    w.key("file");
    w.str(file);
    w.key("format");
    w.str(formatName(read.format));
    w.key("nodes");
    w.num(uint64_t(g.size()));
    w.key("edges");
    w.num(uint64_t(g.numEdges()));
    w.key("lower_sets");
    if (lowerSets)
      w.num(uint64_t(*lowerSets));
    else
      w.null();
    w.key("lower_set_cap");
    w.num(uint64_t(opts.lowerSetCap));
    w.key("total_time");
    w.num(g.totalTime());
    w.key("total_bytes");
    w.num(g.totalBytes());
    w.key("persistent_gradient_bytes");
    w.num(read.persistentGradientBytes);
    w.key("solver_requested");
    w.str(toString(opts.solver));
    w.key("solver");
    w.str(result.solverUsed);
    w.key("fallback_note");
    w.str(result.fallbackNote);
    w.key("strategy");
    w.str(toString(opts.objective));
    w.key("feasible");
    w.boolean(result.feasible);
    w.key("vanilla_peak_bytes");
    w.num(vanillaPeak);
    w.key("peak_lower_bound_bytes");
    w.num(lowerBound);
    w.key("min_achievable_peak_bytes");
    w.num(result.minAchievablePeak);
    w.key("model_peak_bytes");
    if (result.feasible)
      w.num(c.model.peak);
    else
      w.null();
    w.key("simulated_peak_bytes");
    if (result.feasible)
      w.num(c.sim.peak);
    else
      w.null();
    w.key("overhead");
    if (result.feasible)
      w.num(c.sim.overhead);
    else
      w.null();
    w.key("overhead_model");
    if (result.feasible)
      w.num(c.model.overhead);
    else
      w.null();
    w.key("recompute_count");
    if (result.feasible)
      w.num(uint64_t(c.sim.recomputeCount));
    else
      w.null();
    // The budget comes after the peaks so that a FileCheck test can capture
    // the peak first and then check it against the budget.
    w.key("budget_kind");
    w.str(planOpts.budget ? (paper ? "model" : "simulated") : "none");
    w.key("budget_bytes");
    w.optNum(planOpts.budget);
    w.key("min_model_budget_bytes");
    w.optNum(result.minModelBudget);
    if (minBudgets) {
      w.key("min_budget_bytes");
      w.out += "{\"approx\": ";
      w.optNum(minBudgets->approx);
      w.out += ", \"exact\": ";
      w.optNum(minBudgets->exact);
      w.out += ", \"chen\": ";
      w.optNum(minBudgets->chen);
      w.out += "}";
      w.key("min_budget_note");
      w.str(minBudgets->exactNote);
      w.key("min_budget_seconds");
      w.num(minBudgets->seconds);
      w.key("min_simulated_peak_bytes");
      w.num(result.minAchievablePeak);
    }
    w.key("candidates");
    w.num(uint64_t(result.candidatesConsidered));
    w.key("seconds");
    w.num(result.seconds);
    w.key("sequence");
    if (result.feasible) {
      w.out += '[';
      for (size_t i = 0; i < c.sequence.size(); ++i) {
        w.out += i ? ",\n    [" : "\n    [";
        std::vector<NodeId> elems = c.sequence[i].elements();
        for (size_t k = 0; k < elems.size(); ++k) {
          if (k)
            w.out += ", ";
          idOrName(elems[k], w);
        }
        w.out += ']';
      }
      w.out += c.sequence.empty() ? "]" : "\n  ]";
    } else {
      w.null();
    }
    w.key("kept");
    if (result.feasible) {
      w.out += '[';
      std::vector<NodeId> elems = c.kept.elements();
      for (size_t k = 0; k < elems.size(); ++k) {
        if (k)
          w.out += ", ";
        idOrName(elems[k], w);
      }
      w.out += ']';
    } else {
      w.null();
    }
    w.key("total_seconds");
    w.num(secondsSince(start));
    w.end();

    if (!writeFile(*opts.jsonPath, w.out))
      return error(*opts.jsonPath + ": cannot write file");
  }

  if (!opts.jsonPath || *opts.jsonPath != "-") {
    std::printf("%s (%s): %zu nodes, %zu edges, ", file.c_str(),
                formatName(read.format), g.size(), g.numEdges());
    if (lowerSets)
      std::printf("%zu lower sets\n", *lowerSets);
    else
      std::printf("more than %zu lower sets\n", opts.lowerSetCap);
    std::printf("solver:            %s (%s)%s%s\n", result.solverUsed.c_str(),
                toString(opts.objective),
                result.fallbackNote.empty() ? "" : "; ",
                result.fallbackNote.c_str());
    std::printf("budget:            %s%s\n",
                planOpts.budget ? formatBytesLong(*planOpts.budget).c_str()
                                : "none (smallest reachable peak)",
                planOpts.budget && paper ? " on the model peak" : "");
    std::printf("vanilla peak:      %s\n",
                formatBytesLong(vanillaPeak).c_str());
    std::printf("peak lower bound:  %s\n", formatBytesLong(lowerBound).c_str());
    if (result.feasible) {
      double total = g.totalTime();
      std::printf("simulated peak:    %s (%.1f%% of vanilla)\n",
                  formatBytesLong(c.sim.peak).c_str(),
                  vanillaPeak ? 100.0 * double(c.sim.peak) / double(vanillaPeak)
                              : 0.0);
      std::printf("model peak:        %s\n",
                  formatBytesLong(c.model.peak).c_str());
      std::printf("overhead:          %g (%.1f%% of T(V) = %g; model %g), %zu "
                  "recomputations\n",
                  c.sim.overhead,
                  total > 0 ? 100.0 * c.sim.overhead / total : 0, total,
                  c.model.overhead, c.sim.recomputeCount);
      std::printf("plan:              %zu lower sets, %zu of %zu nodes kept\n",
                  c.sequence.size(), c.kept.count(), g.size());
    } else {
      std::printf("plan:              infeasible\n");
    }
    if (minBudgets) {
      std::printf("min model budget:  approx %s, exact %s, chen %s\n",
                  formatOptBytes(minBudgets->approx).c_str(),
                  minBudgets->exact
                      ? formatBytesLong(*minBudgets->exact).c_str()
                      : ("n/a (" + minBudgets->exactNote + ")").c_str(),
                  formatOptBytes(minBudgets->chen).c_str());
      std::printf("min simulated peak: %s\n",
                  formatBytesLong(result.minAchievablePeak).c_str());
    }
    std::printf("solve time:        %.3f s\n", result.seconds);
  }

  if (!result.feasible) {
    std::string msg = file + ": ";
    if (paper && result.minModelBudget)
      msg += "model budget " + formatBytesLong(planOpts.budget.value_or(0)) +
             " is below the smallest feasible model budget of " +
             result.solverUsed + ", " + formatBytesLong(*result.minModelBudget);
    else if (planOpts.budget)
      msg += "budget " + formatBytesLong(*planOpts.budget) +
             " cannot be met: the smallest peak solver " +
             (result.solverUsed.empty() ? std::string(toString(opts.solver))
                                        : result.solverUsed) +
             " reaches is " + formatBytesLong(result.minAchievablePeak) +
             " (peak lower bound " + formatBytesLong(lowerBound) + ")";
    else
      msg += "no feasible plan found";
    std::fprintf(stderr, "recompute-plan: error: %s\n", msg.c_str());
    return kExitInfeasible;
  }
  return kExitOK;
}
