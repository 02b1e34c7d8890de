//===- recompute-bench-bound.cpp - physical peak bound of a training step -===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// recompute-bench-bound STEP.mlir [--func=train_step] [--loss-result=N]
//   [--top=K] [-o OUT.json]
//
// Builds the training graph of the step exactly as recompute-memory-budget
// does (TrainingGraph, flops cost model) and writes, as JSON:
//
//   peak_lower_bound_bytes  recompute::peakLowerBound(): no plan that keeps
//                           the backward order goes below it;
//   vanilla_peak_bytes      the simulated peak of the unmodified step;
//   at_bound                which op attains the bound and what it is made
//                           of: the distinct forward buffers the backward op
//                           reads, the backward values live across it
//                           (split into returned gradients and the others),
//                           the forward values returned from the step, and
//                           the largest forward buffers it reads (top K);
//   persistent_bytes        all returned backward values (parameter
//                           gradients).
//
// The breakdown is recomputed here term by term; `breakdown_matches` says
// whether its maximum equals peakLowerBound() (it must).
//
//===----------------------------------------------------------------------===//

#include "recompute/Analysis/TrainingGraph.h"
#include "recompute/Graph/Simulator.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

using namespace mlir;
using namespace recompute;

namespace {

llvm::cl::opt<std::string> inputFile(llvm::cl::Positional,
                                     llvm::cl::desc("<step.mlir>"),
                                     llvm::cl::Required);
llvm::cl::opt<std::string> outputFile("o", llvm::cl::desc("output JSON file"),
                                      llvm::cl::init("-"));
llvm::cl::opt<std::string> funcName("func",
                                    llvm::cl::desc("training-step function"),
                                    llvm::cl::init("train_step"));
llvm::cl::opt<unsigned> lossResult("loss-result",
                                   llvm::cl::desc("index of the loss result"),
                                   llvm::cl::init(0));
llvm::cl::opt<unsigned> topK("top",
                             llvm::cl::desc("forward buffers listed at the "
                                            "op attaining the bound"),
                             llvm::cl::init(8));

/// The terms of the bound at one backward op (or one forward node).
struct Term {
  bool backward = false;
  size_t index = 0; // backward op index or forward node id
  uint64_t reads = 0;
  uint64_t persistentLive = 0;
  uint64_t otherLive = 0;
  uint64_t escaping = 0;
  uint64_t total() const {
    return reads + persistentLive + otherLive + escaping;
  }
};

/// Storage root of a node (views and in-place results share it).
NodeId nodeRoot(const Program &p, NodeId v) { return p.aliasRoot(v); }

ValueId valueRoot(const Program &p, ValueId x) {
  size_t guard = 0;
  while (p.values[x].aliasOf != kNoValue && guard++ <= p.values.size())
    x = p.values[x].aliasOf;
  return x;
}

/// Largest term over the forward nodes and the backward ops; the same terms
/// as peakLowerBound(), kept apart so the report can say what they are.
Term largestTerm(const Program &p) {
  const Graph &g = p.graph;
  const size_t n = g.size();
  const size_t numOps = p.backward.size();
  const size_t numValues = p.values.size();

  std::vector<uint8_t> escapingRoot(n, 0);
  uint64_t escaping = 0;
  for (NodeId v = 0; v < n; ++v) {
    NodeId r = nodeRoot(p, v);
    if (p.isEscaping(v) && !escapingRoot[r]) {
      escapingRoot[r] = 1;
      escaping += g.bytes(r);
    }
  }

  Term best;
  std::vector<size_t> seen(n, SIZE_MAX);
  for (NodeId v = 0; v < n; ++v) {
    Term t;
    t.index = v;
    auto add = [&](NodeId u) {
      NodeId r = nodeRoot(p, u);
      if (seen[r] != v) {
        seen[r] = v;
        t.reads += g.bytes(r);
      }
    };
    add(v);
    for (NodeId u : g.preds(v))
      add(u);
    if (t.total() > best.total())
      best = t;
  }

  // Backward values by root: live from their first touch to their last use,
  // persistent ones to the end.
  std::vector<ValueId> root(numValues);
  std::vector<uint8_t> persistent(numValues, 0);
  for (ValueId x = 0; x < numValues; ++x)
    root[x] = valueRoot(p, x);
  for (ValueId x = 0; x < numValues; ++x)
    if (p.values[x].persistent)
      persistent[root[x]] = 1;
  constexpr size_t kNone = SIZE_MAX;
  std::vector<size_t> first(numValues, kNone), last(numValues, 0);
  for (size_t i = 0; i < numOps; ++i) {
    auto touch = [&](ValueId x) {
      ValueId r = root[x];
      if (first[r] == kNone)
        first[r] = i;
      last[r] = std::max(last[r], i);
    };
    for (ValueId x : p.backward[i].defines)
      touch(x);
    for (ValueId x : p.backward[i].valueUses)
      touch(x);
  }
  std::vector<int64_t> deltaPersistent(numOps + 1, 0),
      deltaOther(numOps + 1, 0);
  for (ValueId r = 0; r < numValues; ++r) {
    if (first[r] == kNone || root[r] != r)
      continue;
    auto b = static_cast<int64_t>(p.values[r].bytes);
    if (persistent[r]) {
      deltaPersistent[first[r]] += b;
      deltaPersistent[numOps] -= b;
    } else {
      deltaOther[first[r]] += b;
      deltaOther[last[r] + 1] -= b;
    }
  }
  int64_t livePersistent = 0, liveOther = 0;
  for (size_t i = 0; i < numOps; ++i) {
    livePersistent += deltaPersistent[i];
    liveOther += deltaOther[i];
    Term t;
    t.backward = true;
    t.index = i;
    t.persistentLive = static_cast<uint64_t>(livePersistent);
    t.otherLive = static_cast<uint64_t>(liveOther);
    t.escaping = escaping;
    std::vector<NodeId> counted;
    for (NodeId v : p.backward[i].forwardUses) {
      NodeId r = nodeRoot(p, v);
      if (escapingRoot[r] || llvm::is_contained(counted, r))
        continue;
      counted.push_back(r);
      t.reads += g.bytes(r);
    }
    if (t.total() > best.total())
      best = t;
  }
  return best;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  llvm::cl::ParseCommandLineOptions(
      argc, argv,
      "recompute-bench-bound: peak lower bound of a training step\n");

  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler handler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module =
      parseSourceFile<ModuleOp>(inputFile, sourceMgr, ParserConfig(&context));
  if (!module)
    return 1;
  auto func = module->lookupSymbol<func::FuncOp>(funcName);
  if (!func || func.isExternal()) {
    llvm::errs() << "recompute-bench-bound: error: no function @" << funcName
                 << " with a body in " << inputFile << "\n";
    return 1;
  }
  TrainingGraphOptions options;
  options.lossResult = lossResult;
  FailureOr<TrainingGraph> graph = TrainingGraph::build(func, options);
  if (failed(graph))
    return 1;
  const Program &p = graph->program();
  const Graph &g = p.graph;

  uint64_t bound = peakLowerBound(p);
  uint64_t vanilla = simulateVanilla(p).peak;
  uint64_t persistentBytes = 0;
  for (ValueId x = 0; x < p.values.size(); ++x)
    if (p.values[x].persistent && p.values[x].aliasOf == kNoValue)
      persistentBytes += p.values[x].bytes;
  Term t = largestTerm(p);

  llvm::json::Object at{
      {"phase", t.backward ? "backward" : "forward"},
      {"index", static_cast<int64_t>(t.index)},
      {"op", t.backward ? p.backward[t.index].name
                        : graph->nodeOpName(t.index).str()},
      {"forward_read_bytes", static_cast<int64_t>(t.reads)},
      {"gradients_live_bytes", static_cast<int64_t>(t.persistentLive)},
      {"other_backward_live_bytes", static_cast<int64_t>(t.otherLive)},
      {"escaping_forward_bytes", static_cast<int64_t>(t.escaping)},
      {"total_bytes", static_cast<int64_t>(t.total())},
  };
  llvm::json::Array reads;
  if (t.backward) {
    std::vector<NodeId> roots;
    for (NodeId v : p.backward[t.index].forwardUses) {
      NodeId r = nodeRoot(p, v);
      if (!llvm::is_contained(roots, r))
        roots.push_back(r);
    }
    llvm::stable_sort(
        roots, [&](NodeId a, NodeId b) { return g.bytes(a) > g.bytes(b); });
    for (size_t i = 0; i < roots.size() && i < topK; ++i)
      reads.push_back(llvm::json::Object{
          {"node", g.name(roots[i])},
          {"op", graph->nodeOpName(roots[i]).str()},
          {"bytes", static_cast<int64_t>(g.bytes(roots[i]))}});
  }
  at["largest_forward_reads"] = std::move(reads);

  llvm::json::Value json = llvm::json::Object{
      {"function", funcName.getValue()},
      {"graph_nodes", static_cast<int64_t>(g.size())},
      {"backward_ops", static_cast<int64_t>(p.backward.size())},
      {"vanilla_peak_bytes", static_cast<int64_t>(vanilla)},
      {"peak_lower_bound_bytes", static_cast<int64_t>(bound)},
      {"persistent_bytes", static_cast<int64_t>(persistentBytes)},
      {"argument_bytes", static_cast<int64_t>(graph->argumentBytes())},
      {"activation_bytes", static_cast<int64_t>(graph->activationBytes())},
      {"breakdown_matches", t.total() == bound},
      {"at_bound", std::move(at)},
  };

  std::error_code ec;
  llvm::raw_fd_ostream os(outputFile, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    llvm::errs() << "recompute-bench-bound: error: cannot write '" << outputFile
                 << "': " << ec.message() << "\n";
    return 1;
  }
  os << llvm::formatv("{0:2}", json) << "\n";
  return 0;
}
