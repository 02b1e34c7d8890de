//===- Rematerialize.cpp - Plan and rewrite a training step ---------------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//

#include "recompute/Transforms/Rematerialize.h"
#include "recompute/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Mutex.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;

namespace recompute {

FailureOr<ResolvedOptions> resolveOptions(func::FuncOp func,
                                          const StepOptions &options) {
  ResolvedOptions resolved;
  if (!options.budget.empty()) {
    std::string error;
    resolved.budget = parseBudget(options.budget, error);
    if (!resolved.budget)
      return mlir::emitError(func.getLoc())
             << "invalid budget '" << options.budget << "': " << error;
  }
  std::optional<SolverChoice> solver = parseSolverChoice(options.solver);
  if (!solver)
    return mlir::emitError(func.getLoc())
           << "unknown solver '" << options.solver
           << "' (expected auto, exact, approx, chen, "
              "paper-approx or paper-exact)";
  std::optional<Objective> objective = parseObjective(options.strategy);
  if (!objective)
    return mlir::emitError(func.getLoc())
           << "unknown strategy '" << options.strategy
           << "' (expected time-centric or memory-centric)";
  std::optional<CostModelKind> costModel = parseCostModel(options.costModel);
  if (!costModel)
    return mlir::emitError(func.getLoc())
           << "unknown cost model '" << options.costModel
           << "' (expected flops, unit or paper)";
  if (options.lowerSetCap == 0)
    return mlir::emitError(func.getLoc()) << "lower-set-cap must be positive";
  resolved.plan.solver = *solver;
  resolved.plan.objective = *objective;
  resolved.plan.lowerSetCap = options.lowerSetCap;
  resolved.graph.costModel = *costModel;
  resolved.graph.lossResult = options.lossResult;
  resolved.solverName = toString(*solver);
  resolved.strategyName = toString(*objective);
  return resolved;
}

std::vector<NodeId> recomputedNodes(const TrainingGraph &graph,
                                    const NodeSet &kept) {
  const Program &prog = graph.program();
  const Graph &g = prog.graph;
  auto discarded = [&](NodeId v) {
    return !kept.contains(v) && prog.isRecomputable(v);
  };
  NodeSet chosen(g.size());
  std::vector<NodeId> stack;
  for (NodeId v : graph.activations())
    if (discarded(v))
      stack.push_back(v);
  while (!stack.empty()) {
    NodeId v = stack.back();
    stack.pop_back();
    if (chosen.contains(v))
      continue;
    chosen.insert(v);
    for (NodeId u : g.preds(v))
      if (discarded(u) && !chosen.contains(u))
        stack.push_back(u);
  }
  std::vector<NodeId> order = chosen.elements();
  llvm::sort(order, [&](NodeId a, NodeId b) {
    return g.topoIndex()[a] < g.topoIndex()[b];
  });
  return order;
}

namespace {

/// Values an op reads, including inside its regions.
llvm::SetVector<Value> usedValues(Operation *op) {
  llvm::SetVector<Value> used;
  for (Value v : op->getOperands())
    used.insert(v);
  if (op->getNumRegions() != 0)
    getUsedValuesDefinedAbove(op->getRegions(), used);
  return used;
}

class Rewriter {
public:
  Rewriter(const TrainingGraph &graph, const NodeSet &kept)
      : graph(graph), prog(graph.program()), kept(kept),
        cloned(prog.graph.size()) {}

  unsigned run() {
    func::FuncOp func = graph.getFunc();
    Operation *terminator = func.getBody().front().getTerminator();
    if (graph.isInterleaved())
      for (Operation *op : graph.backwardOps())
        op->moveBefore(terminator);

    for (Operation *op : graph.backwardOps()) {
      // Every discarded node this op reads, plus the discarded inputs they
      // need, in topological order.
      std::vector<NodeId> todo;
      for (Value v : usedValues(op))
        if (auto n = graph.nodeOf(v);
            n && discarded(*n) && !cloned.contains(*n))
          collect(*n, todo);
      llvm::sort(todo, [&](NodeId a, NodeId b) {
        return prog.graph.topoIndex()[a] < prog.graph.topoIndex()[b];
      });
      todo.erase(std::unique(todo.begin(), todo.end()), todo.end());
      OpBuilder builder(op);
      for (NodeId n : todo)
        cloneNode(builder, n);
      op->walk([&](Operation *inner) {
        for (OpOperand &use : inner->getOpOperands())
          if (Value clone = mapping.lookupOrNull(use.get()))
            use.set(clone);
      });
    }
    return numCloned;
  }

private:
  bool discarded(NodeId v) const {
    return !kept.contains(v) && prog.isRecomputable(v);
  }

  void collect(NodeId v, std::vector<NodeId> &todo) {
    if (llvm::is_contained(todo, v))
      return;
    todo.push_back(v);
    for (NodeId u : prog.graph.preds(v))
      if (discarded(u) && !cloned.contains(u))
        collect(u, todo);
  }

  void cloneNode(OpBuilder &builder, NodeId v) {
    cloned.insert(v);
    MLIRContext *ctx = builder.getContext();
    auto tag = IntegerAttr::get(IntegerType::get(ctx, 64), v);
    for (Operation *op : graph.nodeOps(v)) {
      Operation *clone;
      if (auto empty = dyn_cast<tensor::EmptyOp>(op)) {
        // A fresh buffer: alloc_tensor has an allocation effect, so CSE
        // cannot fold it into the original tensor.empty.
        clone = bufferization::AllocTensorOp::create(
            builder, op->getLoc(), empty.getType(), empty.getDynamicSizes());
        mapping.map(op->getResult(0), clone->getResult(0));
      } else {
        clone = builder.clone(*op, mapping);
        clone->removeAttr(kPhaseAttrName);
      }
      clone->setAttr(kRematAttrName, tag);
      ++numCloned;
    }
  }

  const TrainingGraph &graph;
  const Program &prog;
  const NodeSet &kept;
  NodeSet cloned;
  IRMapping mapping;
  unsigned numCloned = 0;
};

} // namespace

unsigned rematerialize(const TrainingGraph &graph, const NodeSet &kept) {
  return Rewriter(graph, kept).run();
}

void describeGraph(const TrainingGraph &graph, const ResolvedOptions &options,
                   StepReport &report) {
  report.function = graph.getFunc().getSymName().str();
  report.solver = options.solverName;
  report.strategy = options.strategyName;
  report.costModel = toString(options.graph.costModel);
  report.forwardOps = graph.forwardOps().size();
  report.backwardOps = graph.backwardOps().size();
  report.forwardFlops = graph.forwardFlops();
  report.backwardFlops = graph.backwardFlops();
  report.argumentBytes = graph.argumentBytes();
  report.activationBytes = graph.activationBytes();
  report.graphNodes = graph.program().graph.size();
  report.graphEdges = graph.program().graph.numEdges();
  report.activations.clear();
  const Program &prog = graph.program();
  for (NodeId v : graph.activations()) {
    StepReport::Activation act;
    act.name = prog.graph.name(v);
    act.op = graph.nodeOpName(v).str();
    act.bytes = prog.graph.bytes(graph.storageRoot(v));
    report.activations.push_back(act);
  }
  report.kept = report.activations.size();
}

void describePlan(const TrainingGraph &graph, const PlanResult &plan,
                  StepReport &report) {
  const Program &prog = graph.program();
  report.solverUsed = plan.solverUsed;
  report.fallbackNote = plan.fallbackNote;
  report.minAchievablePeak = plan.minAchievablePeak;
  report.candidates = plan.candidatesConsidered;
  report.predictedPeak = plan.chosen.sim.peak;
  report.recomputeCost = plan.chosen.sim.overhead;
  report.peakAfter = plan.chosen.sim.peak;
  std::vector<NodeId> recomputed = recomputedNodes(graph, plan.chosen.kept);
  report.recomputed = recomputed.size();
  report.recomputeFlops = 0;
  report.recomputedOps = 0;
  for (NodeId v : recomputed) {
    report.recomputeFlops += graph.nodeFlops(v);
    report.recomputedOps += graph.nodeOps(v).size();
  }
  report.kept = 0;
  ArrayRef<NodeId> acts = graph.activations();
  for (size_t i = 0; i < acts.size(); ++i) {
    bool kept =
        plan.chosen.kept.contains(acts[i]) || !prog.isRecomputable(acts[i]);
    report.activations[i].kept = kept;
    report.kept += kept;
  }
}

static std::string formatRatio(double ratio) {
  return llvm::formatv("{0:F2}%", ratio * 100).str();
}

void StepReport::printJSON(llvm::raw_ostream &os) const {
  llvm::json::OStream j(os, 2);
  j.object([&] {
    j.attribute("function", function);
    j.attribute("status", status);
    if (!reason.empty())
      j.attribute("reason", reason);
    j.attribute("solver", solver);
    j.attribute("solver_used", solverUsed);
    if (!fallbackNote.empty())
      j.attribute("fallback_note", fallbackNote);
    j.attribute("strategy", strategy);
    j.attribute("cost_model", costModel);
    if (budgetBytes)
      j.attribute("budget_bytes", static_cast<int64_t>(*budgetBytes));
    else
      j.attribute("budget_bytes", nullptr);
    j.attribute("peak_bytes_before", static_cast<int64_t>(peakBefore));
    j.attribute("peak_bytes_after", static_cast<int64_t>(peakAfter));
    j.attribute("predicted_peak_bytes", static_cast<int64_t>(predictedPeak));
    if (minAchievablePeak)
      j.attribute("min_achievable_peak_bytes",
                  static_cast<int64_t>(*minAchievablePeak));
    else
      j.attribute("min_achievable_peak_bytes", nullptr);
    j.attribute("argument_bytes", static_cast<int64_t>(argumentBytes));
    j.attribute("forward_flops", forwardFlops);
    j.attribute("backward_flops", backwardFlops);
    j.attribute("recompute_flops", recomputeFlops);
    j.attribute("overhead", overhead());
    j.attribute("recompute_cost", recomputeCost);
    j.attribute("forward_ops", static_cast<int64_t>(forwardOps));
    j.attribute("backward_ops", static_cast<int64_t>(backwardOps));
    j.attribute("activations", static_cast<int64_t>(activations.size()));
    j.attribute("activation_bytes", static_cast<int64_t>(activationBytes));
    j.attribute("kept", static_cast<int64_t>(kept));
    j.attribute("recomputed", static_cast<int64_t>(recomputed));
    j.attribute("recomputed_ops", static_cast<int64_t>(recomputedOps));
    j.attribute("candidates", static_cast<int64_t>(candidates));
    j.attribute("graph_nodes", static_cast<int64_t>(graphNodes));
    j.attribute("graph_edges", static_cast<int64_t>(graphEdges));
    j.attributeArray("values", [&] {
      for (const Activation &act : activations)
        j.object([&] {
          j.attribute("name", act.name);
          j.attribute("op", act.op);
          j.attribute("bytes", static_cast<int64_t>(act.bytes));
          j.attribute("kept", act.kept);
        });
    });
    j.attribute("seconds", seconds);
  });
  os << "\n";
}

void StepReport::printText(llvm::raw_ostream &os) const {
  os << "function @" << function << ": " << status;
  if (!reason.empty())
    os << " (" << reason << ")";
  os << "\n";
  os << "  phase split: " << forwardOps << " forward ops, " << backwardOps
     << " backward ops, " << activations.size() << " activations crossing ("
     << formatBytesLong(activationBytes) << ")\n";
  os << "  graph: " << graphNodes << " nodes, " << graphEdges << " edges\n";
  os << "  arguments: " << formatBytesLong(argumentBytes) << "\n";
  os << "  budget: "
     << (budgetBytes ? formatBytesLong(*budgetBytes) : "none (smallest peak)")
     << "\n";
  os << "  solver: " << solver;
  if (!solverUsed.empty() && solverUsed != solver)
    os << " (used " << solverUsed << ")";
  os << ", strategy: " << strategy << ", cost model: " << costModel << "\n";
  if (!fallbackNote.empty())
    os << "  note: " << fallbackNote << "\n";
  os << "  peak before: " << formatBytesLong(peakBefore) << "\n";
  os << "  peak after: " << formatBytesLong(peakAfter) << "\n";
  if (minAchievablePeak)
    os << "  smallest achievable peak: " << formatBytesLong(*minAchievablePeak)
       << "\n";
  os << "  activations kept: " << kept << " of " << activations.size()
     << "; values recomputed: " << recomputed << " (" << recomputedOps
     << " ops, " << llvm::formatv("{0:F0}", recomputeFlops)
     << " FLOPs, overhead " << formatRatio(overhead()) << ")\n";
  for (const Activation &act : activations)
    os << "    " << (act.kept ? "keep     " : "recompute") << " " << act.name
       << " " << act.op << " " << formatBytes(act.bytes) << "\n";
}

LogicalResult writeReport(func::FuncOp func, const StepReport &report,
                          StringRef path, bool json) {
  std::string text;
  llvm::raw_string_ostream os(text);
  if (json)
    report.printJSON(os);
  else
    report.printText(os);
  // Function passes run in parallel: one writer at a time.
  static llvm::sys::SmartMutex<true> outputMutex;
  llvm::sys::SmartScopedLock<true> lock(outputMutex);
  if (path == "-") {
    llvm::outs() << text;
    llvm::outs().flush();
    return success();
  }
  // Several functions may report to one file (a training step next to its
  // helpers and a main): a function with nothing to plan never replaces the
  // report of one that had something.
  static llvm::StringSet<> substantial;
  bool trivial = report.activations.empty();
  if (trivial && substantial.contains(path))
    return success();
  if (!trivial)
    substantial.insert(path);
  std::error_code ec;
  llvm::raw_fd_ostream file(path, ec, llvm::sys::fs::OF_Text);
  if (ec)
    return mlir::emitError(func.getLoc())
           << "cannot write report to '" << path << "': " << ec.message();
  file << text;
  return success();
}

} // namespace recompute

recompute::ScopedDecomposition::ScopedDecomposition(func::FuncOp func)
    : func(func) {
  if (!func.walk([](linalg::AggregatedOpInterface) {
             return WalkResult::interrupt();
           })
           .wasInterrupted())
    return;
  original = func.clone();
  FailureOr<bool> changed = decomposeAggregatedOps(func);
  ok = mlir::succeeded(changed);
  decomposed = ok && *changed;
}

recompute::ScopedDecomposition::~ScopedDecomposition() {
  if (!original)
    return;
  if (decomposed && !kept)
    func.getBody().takeBody(original.getBody());
  original.erase();
}
