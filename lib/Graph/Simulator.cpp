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
// it is a use of that buffer. A buffer is freed right after its last use
// (escaping nodes and persistent values: never).
//
// One pass builds the schedule and, per step, the buffers it allocates and
// uses; a second pass finds each buffer's last use; a third replays the
// schedule. Everything is linear in the schedule size plus the number of
// uses, except for sorting each batch of recomputed nodes by topological
// index (O(n log n) over the whole schedule).
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Simulator.h"

#include <algorithm>

using namespace recompute;

namespace {

constexpr uint32_t kNoBuffer = ~uint32_t(0);
constexpr size_t kNever = ~size_t(0);

/// The schedule as flat arrays: step i allocates the buffers
/// allocBuf[allocBegin[i] .. allocBegin[i + 1]) and uses the buffers
/// useBuf[useBegin[i] .. useBegin[i + 1]).
struct FlatSchedule {
  std::vector<Step> steps;
  std::vector<uint32_t> allocBegin, allocBuf;
  std::vector<uint32_t> useBegin, useBuf;

  void beginStep(StepKind kind, uint32_t id) {
    steps.push_back({kind, id});
    allocBegin.push_back(static_cast<uint32_t>(allocBuf.size()));
    useBegin.push_back(static_cast<uint32_t>(useBuf.size()));
  }
  void allocate(uint32_t buffer) { allocBuf.push_back(buffer); }
  void use(uint32_t buffer) { useBuf.push_back(buffer); }
  void finish() {
    allocBegin.push_back(static_cast<uint32_t>(allocBuf.size()));
    useBegin.push_back(static_cast<uint32_t>(useBuf.size()));
  }
};

/// Per-program facts that do not depend on the kept set.
struct BufferModel {
  size_t n = 0;
  std::vector<NodeId> nodeRoot;   // aliasRoot per node
  std::vector<ValueId> valueRoot; // alias root per backward value
  std::vector<uint64_t> bytes;    // per buffer
  std::vector<bool> neverFree;    // per buffer (value buffers only)

  explicit BufferModel(const Program &p) : n(p.graph.size()) {
    nodeRoot.resize(n);
    for (NodeId v = 0; v < n; ++v)
      nodeRoot[v] = p.aliasRoot(v);
    const size_t numValues = p.values.size();
    valueRoot.resize(numValues);
    bytes.assign(2 * n + numValues, 0);
    neverFree.assign(2 * n + numValues, false);
    for (NodeId v = 0; v < n; ++v) {
      bytes[v] = p.graph.bytes(v);
      bytes[n + v] = p.graph.bytes(v);
    }
    for (ValueId x = 0; x < numValues; ++x) {
      ValueId r = x;
      // validate() guarantees alias targets are defined earlier, so chains
      // end; the bound protects unvalidated programs.
      for (size_t guard = 0;
           p.values[r].aliasOf != kNoValue && guard <= numValues; ++guard)
        r = p.values[r].aliasOf;
      valueRoot[x] = r;
    }
    for (ValueId x = 0; x < numValues; ++x) {
      bytes[2 * n + x] =
          p.values[x].aliasOf == kNoValue ? p.values[x].bytes : 0;
      if (p.values[x].persistent)
        neverFree[2 * n + valueRoot[x]] = true;
    }
  }
  uint32_t valueBuffer(ValueId x) const {
    return static_cast<uint32_t>(2 * n + valueRoot[x]);
  }
};

} // namespace

SimResult recompute::simulate(const Program &p, const NodeSet &kept,
                              const SimOptions &options) {
  const Graph &g = p.graph;
  const size_t n = g.size();
  BufferModel model(p);
  const std::vector<NodeId> &topo = g.topoOrder();
  const std::vector<uint32_t> &topoIndex = g.topoIndex();

  auto isKept = [&](NodeId v) {
    return (kept.universe() > v && kept.contains(v)) || !p.isRecomputable(v) ||
           p.isEscaping(v);
  };
  auto hasAlias = [&](NodeId v) {
    return !p.aliasOf.empty() && p.aliasOf[v] != kNoNode;
  };

  FlatSchedule s;
  s.steps.reserve(2 * n + p.backward.size());
  // cur[v]: the buffer holding v's current instance, or kNoBuffer when v is
  // not available (discarded after the forward pass, not yet recomputed).
  std::vector<uint32_t> cur(n, kNoBuffer);
  SimResult result;

  // 1. Forward.
  for (NodeId v : topo) {
    uint32_t buffer = hasAlias(v) ? cur[p.aliasOf[v]] : v;
    s.beginStep(StepKind::Forward, v);
    if (!hasAlias(v))
      s.allocate(buffer);
    for (NodeId u : g.preds(v))
      s.use(cur[u]);
    s.use(buffer);
    cur[v] = buffer;
  }
  for (NodeId v = 0; v < n; ++v)
    if (!isKept(v))
      cur[v] = kNoBuffer;

  // 2. Backward, recomputing discarded nodes just in time.
  std::vector<NodeId> batch, stack;
  std::vector<bool> queued(n, false);
  auto request = [&](NodeId u) {
    if (cur[u] == kNoBuffer && !queued[u]) {
      queued[u] = true;
      stack.push_back(u);
    }
  };
  for (size_t i = 0; i < p.backward.size(); ++i) {
    const BackwardOp &op = p.backward[i];
    batch.clear();
    for (NodeId v : op.forwardUses)
      request(v);
    while (!stack.empty()) {
      NodeId v = stack.back();
      stack.pop_back();
      batch.push_back(v);
      for (NodeId u : g.preds(v))
        request(u);
      if (hasAlias(v))
        request(p.aliasOf[v]);
    }
    if (!batch.empty()) {
      std::sort(batch.begin(), batch.end(), [&](NodeId a, NodeId b) {
        return topoIndex[a] < topoIndex[b];
      });
      for (NodeId v : batch) {
        uint32_t buffer =
            hasAlias(v) ? cur[p.aliasOf[v]] : static_cast<uint32_t>(n + v);
        s.beginStep(StepKind::Recompute, v);
        if (!hasAlias(v))
          s.allocate(buffer);
        for (NodeId u : g.preds(v))
          s.use(cur[u]);
        s.use(buffer);
        cur[v] = buffer;
        queued[v] = false;
        result.overhead += g.time(v);
        ++result.recomputeCount;
      }
    }
    s.beginStep(StepKind::Backward, static_cast<uint32_t>(i));
    for (NodeId v : op.forwardUses)
      s.use(cur[v]);
    for (ValueId x : op.valueUses)
      s.use(model.valueBuffer(x));
    for (ValueId x : op.defines) {
      if (p.values[x].aliasOf == kNoValue)
        s.allocate(model.valueBuffer(x));
      else
        s.use(model.valueBuffer(x));
    }
  }
  s.finish();
  const size_t numBuffers = model.bytes.size();
  const size_t numSteps = s.steps.size();

  // 3. Last uses. Escaping nodes keep their buffer to the end.
  std::vector<size_t> lastUse(numBuffers, kNever);
  for (size_t i = 0; i < numSteps; ++i) {
    for (uint32_t k = s.allocBegin[i]; k < s.allocBegin[i + 1]; ++k)
      lastUse[s.allocBuf[k]] = i;
    for (uint32_t k = s.useBegin[i]; k < s.useBegin[i + 1]; ++k)
      lastUse[s.useBuf[k]] = i;
  }
  std::vector<bool> neverFree = model.neverFree;
  for (NodeId v = 0; v < n; ++v)
    if (p.isEscaping(v))
      neverFree[model.nodeRoot[v]] = true;

  // 4. Replay.
  uint64_t live = 0;
  std::vector<bool> freed(numBuffers, false);
  if (options.recordSchedule) {
    result.schedule = s.steps;
    result.liveAfter.reserve(numSteps);
  }
  for (size_t i = 0; i < numSteps; ++i) {
    for (uint32_t k = s.allocBegin[i]; k < s.allocBegin[i + 1]; ++k)
      live += model.bytes[s.allocBuf[k]];
    if (live > result.peak) {
      result.peak = live;
      result.peakStep = i;
    }
    if (options.recordSchedule)
      result.liveAfter.push_back(live);
    auto release = [&](uint32_t b) {
      if (lastUse[b] == i && !neverFree[b] && !freed[b]) {
        freed[b] = true;
        live -= model.bytes[b];
      }
    };
    for (uint32_t k = s.allocBegin[i]; k < s.allocBegin[i + 1]; ++k)
      release(s.allocBuf[k]);
    for (uint32_t k = s.useBegin[i]; k < s.useBegin[i + 1]; ++k)
      release(s.useBuf[k]);
  }
  result.finalLive = live;
  return result;
}

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
  std::vector<int64_t> delta(numOps + 1, 0);
  for (ValueId r = 0; r < numValues; ++r) {
    if (first[r] == kNone || model.valueRoot[r] != r)
      continue;
    size_t end = model.neverFree[model.valueBuffer(r)] ? numOps : last[r] + 1;
    uint64_t b = p.values[r].bytes;
    delta[first[r]] += static_cast<int64_t>(b);
    delta[end] -= static_cast<int64_t>(b);
  }
  int64_t valuesLive = 0;
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
    bound =
        std::max(bound, escaping + reads + static_cast<uint64_t>(valuesLive));
  }
  return bound;
}
