//===- Simulator.cpp - Exact liveness peak of a concrete schedule ---------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// The simulator works on buffers (storage instances), not on values:
//
//   - buffer v           the forward instance of root node v;
//   - buffer n + v       the recomputed instance of root node v;
//   - buffer 2n + x      the storage of root backward value x.
//
// An alias (a node or value with aliasOf set) owns no buffer: it designates
// the buffer of what it aliases at the time it is computed, and every use of
// it is a use of that buffer. A buffer is allocated at one step and freed
// right after its last use (escaping nodes and persistent values: never), so
// the live bytes after step i's allocations are the bytes of the buffers
// with alloc <= i <= lastUse. One pass over the schedule finds every
// buffer's allocation step and last use; a difference array over the steps
// then gives the live bytes at every step. The forward phase does not depend
// on the kept set: its last uses are computed once per program.
//
// Cost per run: O(n + |E| + backward uses), plus sorting each batch of
// recomputed nodes by topological index (O(n log n) over a whole run).
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Simulator.h"

#include <algorithm>

using namespace recompute;

namespace {
constexpr uint32_t kNoBuffer = ~uint32_t(0);
} // namespace

/// The program flattened into arrays, and scratch space for runs.
struct ScheduleSimulator::Impl {
  const Program &p;
  size_t n = 0;
  std::vector<NodeId> topo;
  std::vector<uint32_t> topoIndex;
  std::vector<uint32_t> predStart; // CSR over nodes
  std::vector<NodeId> predList;
  std::vector<NodeId> aliasOf;      // per node, kNoNode when none
  std::vector<uint32_t> rootBuffer; // per node: forward buffer of its root
  std::vector<double> time;
  std::vector<uint8_t> forcedKept; // not recomputable, or escaping
  // Backward ops in CSR form.
  std::vector<uint32_t> opStart; // into opFwd
  std::vector<NodeId> opFwd;
  std::vector<uint32_t> opUseStart; // into opUse: value buffers read or
  std::vector<uint32_t> opUse;      // aliased by a definition
  std::vector<uint32_t> opDefStart; // into opDef: value buffers allocated
  std::vector<uint32_t> opDef;
  // Buffers: bytes, never freed, last use within the forward phase.
  std::vector<uint64_t> bytes;
  std::vector<uint8_t> neverFree;
  std::vector<uint32_t> forwardLast; // per forward buffer (root nodes)

  // Scratch, reused by run().
  std::vector<uint32_t> cur, lastUse, allocStep, requested;
  uint32_t epoch = 0;
  std::vector<NodeId> batch, stack, recomputed;
  std::vector<uint64_t> delta;

  explicit Impl(const Program &p);
  SimResult run(const NodeSet &kept, const SimOptions &options);
};

ScheduleSimulator::Impl::Impl(const Program &prog) : p(prog) {
  const Graph &g = p.graph;
  n = g.size();
  topo = g.topoOrder();
  topoIndex = g.topoIndex();
  predStart.assign(n + 1, 0);
  for (NodeId v = 0; v < n; ++v)
    predStart[v + 1] = predStart[v] + static_cast<uint32_t>(g.preds(v).size());
  predList.reserve(predStart[n]);
  for (NodeId v = 0; v < n; ++v)
    predList.insert(predList.end(), g.preds(v).begin(), g.preds(v).end());
  aliasOf.assign(n, kNoNode);
  if (!p.aliasOf.empty())
    aliasOf = p.aliasOf;
  rootBuffer.resize(n);
  time.resize(n);
  forcedKept.resize(n);
  for (NodeId v = 0; v < n; ++v) {
    rootBuffer[v] = p.aliasRoot(v);
    time[v] = g.time(v);
    forcedKept[v] = !p.isRecomputable(v) || p.isEscaping(v);
  }

  const size_t numValues = p.values.size();
  const size_t numBuffers = 2 * n + numValues;
  bytes.assign(numBuffers, 0);
  neverFree.assign(numBuffers, 0);
  for (NodeId v = 0; v < n; ++v) {
    bytes[v] = bytes[n + v] = g.bytes(v);
    if (p.isEscaping(v))
      neverFree[rootBuffer[v]] = 1;
  }
  std::vector<ValueId> valueRoot(numValues);
  for (ValueId x = 0; x < numValues; ++x) {
    ValueId r = x;
    // validate() guarantees alias targets are defined earlier, so chains
    // end; the bound protects unvalidated programs.
    for (size_t guard = 0;
         p.values[r].aliasOf != kNoValue && guard <= numValues; ++guard)
      r = p.values[r].aliasOf;
    valueRoot[x] = r;
  }
  auto valueBuffer = [&](ValueId x) {
    return static_cast<uint32_t>(2 * n + valueRoot[x]);
  };
  for (ValueId x = 0; x < numValues; ++x) {
    if (p.values[x].aliasOf == kNoValue)
      bytes[2 * n + x] = p.values[x].bytes;
    if (p.values[x].persistent)
      neverFree[valueBuffer(x)] = 1;
  }

  opStart.push_back(0);
  opUseStart.push_back(0);
  opDefStart.push_back(0);
  for (const BackwardOp &op : p.backward) {
    opFwd.insert(opFwd.end(), op.forwardUses.begin(), op.forwardUses.end());
    for (ValueId x : op.valueUses)
      opUse.push_back(valueBuffer(x));
    for (ValueId x : op.defines) {
      if (p.values[x].aliasOf == kNoValue)
        opDef.push_back(valueBuffer(x));
      else
        opUse.push_back(valueBuffer(x));
    }
    opStart.push_back(static_cast<uint32_t>(opFwd.size()));
    opUseStart.push_back(static_cast<uint32_t>(opUse.size()));
    opDefStart.push_back(static_cast<uint32_t>(opDef.size()));
  }

  // The forward phase: node topo[i] is step i; its buffer and its inputs'
  // buffers are used there.
  forwardLast.assign(n, 0);
  for (NodeId v = 0; v < n; ++v) {
    uint32_t step = topoIndex[v];
    uint32_t &own = forwardLast[rootBuffer[v]];
    own = std::max(own, step);
    for (uint32_t k = predStart[v]; k < predStart[v + 1]; ++k) {
      uint32_t &in = forwardLast[rootBuffer[predList[k]]];
      in = std::max(in, step);
    }
  }

  cur.assign(n, kNoBuffer);
  requested.assign(n, 0);
  lastUse.assign(numBuffers, 0);
  allocStep.assign(numBuffers, 0);
}

SimResult ScheduleSimulator::Impl::run(const NodeSet &kept,
                                       const SimOptions &options) {
  SimResult result;
  if (++epoch == 0) {
    std::fill(requested.begin(), requested.end(), 0);
    epoch = 1;
  }
  const bool record = options.recordSchedule;
  if (record) {
    result.schedule.reserve(2 * n + p.backward.size());
    for (NodeId v : topo)
      result.schedule.push_back({StepKind::Forward, v});
  }

  // Forward buffers: allocated at their node's step, last used in the
  // forward phase unless a later step uses them.
  for (NodeId v = 0; v < n; ++v) {
    lastUse[v] = forwardLast[v];
    allocStep[v] = topoIndex[v];
    bool isKept = (v < kept.universe() && kept.contains(v)) || forcedKept[v];
    cur[v] = isKept ? rootBuffer[v] : kNoBuffer;
  }

  recomputed.clear();
  uint32_t step = static_cast<uint32_t>(n);
  const size_t numOps = p.backward.size();
  for (size_t i = 0; i < numOps; ++i) {
    // Recompute what this op needs, with its missing inputs, in topological
    // order.
    batch.clear();
    auto request = [&](NodeId u) {
      if (cur[u] == kNoBuffer && requested[u] != epoch) {
        requested[u] = epoch;
        stack.push_back(u);
      }
    };
    for (uint32_t k = opStart[i]; k < opStart[i + 1]; ++k)
      request(opFwd[k]);
    while (!stack.empty()) {
      NodeId v = stack.back();
      stack.pop_back();
      batch.push_back(v);
      for (uint32_t k = predStart[v]; k < predStart[v + 1]; ++k)
        request(predList[k]);
      if (aliasOf[v] != kNoNode)
        request(aliasOf[v]);
    }
    if (batch.size() > 1)
      std::sort(batch.begin(), batch.end(), [&](NodeId a, NodeId b) {
        return topoIndex[a] < topoIndex[b];
      });
    for (NodeId v : batch) {
      uint32_t buffer;
      if (aliasOf[v] == kNoNode) {
        buffer = static_cast<uint32_t>(n + v);
        allocStep[buffer] = step;
      } else {
        buffer = cur[aliasOf[v]];
      }
      lastUse[buffer] = step;
      for (uint32_t k = predStart[v]; k < predStart[v + 1]; ++k)
        lastUse[cur[predList[k]]] = step;
      cur[v] = buffer;
      result.overhead += time[v];
      recomputed.push_back(v);
      if (record)
        result.schedule.push_back({StepKind::Recompute, v});
      ++step;
    }
    for (uint32_t k = opStart[i]; k < opStart[i + 1]; ++k)
      lastUse[cur[opFwd[k]]] = step;
    for (uint32_t k = opUseStart[i]; k < opUseStart[i + 1]; ++k)
      lastUse[opUse[k]] = step;
    for (uint32_t k = opDefStart[i]; k < opDefStart[i + 1]; ++k) {
      allocStep[opDef[k]] = step;
      lastUse[opDef[k]] = step;
    }
    if (record)
      result.schedule.push_back({StepKind::Backward, static_cast<uint32_t>(i)});
    ++step;
  }
  result.recomputeCount = recomputed.size();

  // Live bytes: +bytes at allocation, -bytes after the last use.
  const uint32_t numSteps = step;
  delta.assign(numSteps + 1, 0);
  auto account = [&](uint32_t b) {
    delta[allocStep[b]] += bytes[b];
    if (!neverFree[b])
      delta[lastUse[b] + 1] -= bytes[b];
  };
  for (NodeId v = 0; v < n; ++v)
    if (aliasOf[v] == kNoNode)
      account(v);
  for (NodeId v : recomputed)
    if (aliasOf[v] == kNoNode)
      account(static_cast<uint32_t>(n + v));
  for (uint32_t b : opDef)
    account(b);

  // Unsigned arithmetic wraps consistently; the true values fit.
  uint64_t live = 0;
  if (record)
    result.liveAfter.reserve(numSteps);
  for (uint32_t i = 0; i < numSteps; ++i) {
    live += delta[i];
    if (live > result.peak) {
      result.peak = live;
      result.peakStep = i;
    }
    if (record)
      result.liveAfter.push_back(live);
  }
  result.finalLive = live + delta[numSteps];
  return result;
}

ScheduleSimulator::ScheduleSimulator(const Program &p)
    : impl(std::make_unique<Impl>(p)) {}

ScheduleSimulator::~ScheduleSimulator() = default;

SimResult ScheduleSimulator::run(const NodeSet &kept,
                                 const SimOptions &options) {
  return impl->run(kept, options);
}

const std::vector<NodeId> &ScheduleSimulator::lastRecomputed() const {
  return impl->recomputed;
}

SimResult recompute::simulate(const Program &p, const NodeSet &kept,
                              const SimOptions &options) {
  ScheduleSimulator sim(p);
  return sim.run(kept, options);
}

namespace {

/// Alias roots of nodes and values, for the lower bound.
struct BufferModel {
  std::vector<NodeId> nodeRoot;
  std::vector<ValueId> valueRoot;
  std::vector<uint8_t> persistentRoot;

  explicit BufferModel(const Program &p) {
    const size_t n = p.graph.size();
    nodeRoot.resize(n);
    for (NodeId v = 0; v < n; ++v)
      nodeRoot[v] = p.aliasRoot(v);
    const size_t numValues = p.values.size();
    valueRoot.resize(numValues);
    persistentRoot.assign(numValues, 0);
    for (ValueId x = 0; x < numValues; ++x) {
      ValueId r = x;
      for (size_t guard = 0;
           p.values[r].aliasOf != kNoValue && guard <= numValues; ++guard)
        r = p.values[r].aliasOf;
      valueRoot[x] = r;
    }
    for (ValueId x = 0; x < numValues; ++x)
      if (p.values[x].persistent)
        persistentRoot[valueRoot[x]] = 1;
  }
};

} // namespace

uint64_t recompute::peakLowerBound(const Program &p) {
  const Graph &g = p.graph;
  const size_t n = g.size();
  BufferModel model(p);
  const size_t numOps = p.backward.size();
  const size_t numValues = p.values.size();

  // Escaping nodes are live from their computation to the end: during the
  // whole backward pass.
  std::vector<uint32_t> stamp(n, 0);
  uint32_t epoch = 1;
  uint64_t escaping = 0;
  for (NodeId v = 0; v < n; ++v) {
    NodeId r = model.nodeRoot[v];
    if (p.isEscaping(v) && stamp[r] != epoch) {
      stamp[r] = epoch;
      escaping += g.bytes(r);
    }
  }
  const uint32_t escapingEpoch = epoch;

  uint64_t bound = 0;
  // Forward steps: every node is computed at least once, with its inputs.
  std::vector<uint32_t> seen(n, kNoNode);
  for (NodeId v = 0; v < n; ++v) {
    uint64_t need = 0;
    auto add = [&](NodeId u) {
      NodeId r = model.nodeRoot[u];
      if (seen[r] != v) {
        seen[r] = v;
        need += g.bytes(r);
      }
    };
    add(v);
    for (NodeId u : g.preds(v))
      add(u);
    bound = std::max(bound, need);
  }

  // Backward values: live from their definition to their last use (the end
  // for persistent ones), by root storage.
  constexpr size_t kNone = ~size_t(0);
  std::vector<size_t> first(numValues, kNone), last(numValues, 0);
  for (size_t i = 0; i < numOps; ++i) {
    auto touch = [&](ValueId x) {
      ValueId r = model.valueRoot[x];
      if (first[r] == kNone)
        first[r] = i;
      last[r] = std::max(last[r], i);
    };
    for (ValueId x : p.backward[i].defines)
      touch(x);
    for (ValueId x : p.backward[i].valueUses)
      touch(x);
  }
  // Unsigned arithmetic wraps consistently; the true values fit.
  std::vector<uint64_t> delta(numOps + 1, 0);
  for (ValueId r = 0; r < numValues; ++r) {
    if (first[r] == kNone || model.valueRoot[r] != r)
      continue;
    size_t end = model.persistentRoot[r] ? numOps : last[r] + 1;
    uint64_t b = p.values[r].bytes;
    delta[first[r]] += b;
    delta[end] -= b;
  }
  uint64_t valuesLive = 0;
  for (size_t i = 0; i < numOps; ++i) {
    valuesLive += delta[i];
    ++epoch;
    uint64_t reads = 0;
    for (NodeId v : p.backward[i].forwardUses) {
      NodeId r = model.nodeRoot[v];
      if (stamp[r] != epoch && stamp[r] != escapingEpoch) {
        stamp[r] = epoch;
        reads += g.bytes(r);
      }
    }
    bound = std::max(bound, escaping + reads + valuesLive);
  }
  return bound;
}
