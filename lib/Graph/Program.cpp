//===- Program.cpp - A training step: forward graph plus backward ops -----===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Program.h"

using namespace recompute;

NodeId Program::aliasRoot(NodeId v) const {
  if (aliasOf.empty())
    return v;
  // validate() guarantees that alias chains go back in topological order,
  // so they end; the bound only protects unvalidated programs.
  for (size_t steps = 0; steps <= aliasOf.size(); ++steps) {
    NodeId next = aliasOf[v];
    if (next == kNoNode || next >= aliasOf.size())
      return v;
    v = next;
  }
  return v;
}

std::string Program::validate() const {
  if (!graph.isFinalized())
    return "the graph is not finalized";
  const size_t n = graph.size();
  auto sizeError = [&](const char *what, size_t size) -> std::string {
    return std::string(what) + " has " + std::to_string(size) +
           " entries for " + std::to_string(n) + " nodes";
  };
  if (!recomputable.empty() && recomputable.size() != n)
    return sizeError("recomputable", recomputable.size());
  if (!escapes.empty() && escapes.size() != n)
    return sizeError("escapes", escapes.size());
  if (!aliasOf.empty() && aliasOf.size() != n)
    return sizeError("aliasOf", aliasOf.size());

  const std::vector<uint32_t> &topoIndex = graph.topoIndex();
  for (NodeId v = 0; v < aliasOf.size(); ++v) {
    NodeId a = aliasOf[v];
    if (a == kNoNode)
      continue;
    std::string node = "node " + std::to_string(v);
    if (a >= n)
      return node + " aliases unknown node " + std::to_string(a);
    if (a == v)
      return node + " aliases itself";
    if (graph.bytes(v) != 0)
      return node + " aliases node " + std::to_string(a) + " but has " +
             std::to_string(graph.bytes(v)) + " bytes (an alias must have 0)";
    // Storage must exist before its views: this also makes chains acyclic.
    if (topoIndex[a] >= topoIndex[v])
      return node + " aliases node " + std::to_string(a) +
             ", which does not come before it in topological order";
  }

  const size_t numValues = values.size();
  for (ValueId x = 0; x < numValues; ++x) {
    const BackwardValue &value = values[x];
    if (value.aliasOf == kNoValue)
      continue;
    std::string name = "value " + std::to_string(x);
    if (value.aliasOf >= numValues)
      return name + " aliases unknown value " + std::to_string(value.aliasOf);
    if (value.aliasOf == x)
      return name + " aliases itself";
    if (value.bytes != 0)
      return name + " aliases value " + std::to_string(value.aliasOf) +
             " but has " + std::to_string(value.bytes) +
             " bytes (an alias must have 0)";
  }

  // definedBy[x] = index of the defining op; defining positions are checked
  // in execution order so that uses, repeated definitions and alias targets
  // are all checked against what exists at that point.
  constexpr size_t kUndefined = ~size_t(0);
  std::vector<size_t> definedBy(numValues, kUndefined);
  for (size_t i = 0; i < backward.size(); ++i) {
    const BackwardOp &op = backward[i];
    std::string where = "backward op " + std::to_string(i);
    if (!op.name.empty())
      where += " ('" + op.name + "')";
    for (NodeId v : op.forwardUses)
      if (v >= n)
        return where + " reads unknown node " + std::to_string(v);
    for (ValueId x : op.valueUses) {
      if (x >= numValues)
        return where + " reads unknown value " + std::to_string(x);
      if (definedBy[x] == kUndefined)
        return where + " reads value " + std::to_string(x) +
               " before it is defined";
    }
    for (ValueId x : op.defines) {
      if (x >= numValues)
        return where + " defines unknown value " + std::to_string(x);
      if (definedBy[x] != kUndefined)
        return where + " defines value " + std::to_string(x) +
               ", already defined by backward op " +
               std::to_string(definedBy[x]);
      ValueId target = values[x].aliasOf;
      if (target != kNoValue && definedBy[target] == kUndefined)
        return where + " defines value " + std::to_string(x) +
               " as an alias of value " + std::to_string(target) +
               ", which is not defined yet";
      definedBy[x] = i;
    }
  }
  for (ValueId x = 0; x < numValues; ++x)
    if (definedBy[x] == kUndefined)
      return "value " + std::to_string(x) +
             (values[x].name.empty() ? "" : " ('" + values[x].name + "')") +
             " is never defined";
  return "";
}

Program recompute::makeDefaultProgram(Graph g) {
  Program p;
  p.graph = std::move(g);
  if (!p.graph.isFinalized() && !p.graph.finalize().empty())
    return p; // validate() reports the unfinalized graph
  const Graph &graph = p.graph;
  std::vector<ValueId> gradient(graph.size(), kNoValue);
  const std::vector<NodeId> &topo = graph.topoOrder();
  for (auto it = topo.rbegin(); it != topo.rend(); ++it) {
    NodeId v = *it;
    BackwardOp op;
    std::string name =
        graph.name(v).empty() ? "node " + std::to_string(v) : graph.name(v);
    op.name = "backward " + name;
    // A sink's gradient is the loss seed: no value, no bytes.
    if (gradient[v] != kNoValue)
      op.valueUses.push_back(gradient[v]);
    op.forwardUses = graph.preds(v);
    op.forwardUses.push_back(v);
    for (NodeId u : graph.preds(v)) {
      if (gradient[u] == kNoValue) {
        BackwardValue value;
        value.bytes = graph.bytes(u);
        value.name =
            "grad " + (graph.name(u).empty() ? "node " + std::to_string(u)
                                             : graph.name(u));
        gradient[u] = static_cast<ValueId>(p.values.size());
        p.values.push_back(std::move(value));
        op.defines.push_back(gradient[u]);
      } else {
        op.valueUses.push_back(gradient[u]);
      }
    }
    p.backward.push_back(std::move(op));
  }
  return p;
}
