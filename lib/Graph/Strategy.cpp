//===- Strategy.cpp - Lower sets, sequences and the paper's cost model ----===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Strategy.h"

#include <algorithm>
#include <numeric>

using namespace recompute;

bool recompute::isLowerSet(const Graph &g, const NodeSet &s) {
  for (NodeId v : s.elements())
    for (NodeId p : g.preds(v))
      if (!s.contains(p))
        return false;
  return true;
}

NodeSet recompute::boundary(const Graph &g, const NodeSet &l) {
  NodeSet bd(g.size());
  for (NodeId v : l.elements())
    for (NodeId w : g.succs(v))
      if (!l.contains(w)) {
        bd.insert(v);
        break;
      }
  return bd;
}

std::string recompute::validateSequence(const Graph &g, const Sequence &seq) {
  if (seq.empty())
    return "sequence is empty (it must end at V)";
  for (size_t i = 0; i < seq.size(); ++i) {
    const NodeSet &l = seq[i];
    std::string where = "set " + std::to_string(i + 1);
    if (l.universe() != g.size())
      return where + " has universe " + std::to_string(l.universe()) +
             ", graph has " + std::to_string(g.size()) + " nodes";
    for (NodeId v : l.elements())
      for (NodeId p : g.preds(v))
        if (!l.contains(p))
          return where + " is not a lower set: it holds node " +
                 std::to_string(v) + " but not its predecessor " +
                 std::to_string(p);
    if (i == 0) {
      if (l.empty())
        return where + " is empty (the empty set is implicit)";
      continue;
    }
    const NodeSet &prev = seq[i - 1];
    if (!prev.isSubsetOf(l)) {
      NodeSet missing = prev;
      missing.subtract(l);
      return where + " does not contain set " + std::to_string(i) + " (node " +
             std::to_string(missing.elements().front()) + " is dropped)";
    }
    if (prev == l)
      return where + " equals set " + std::to_string(i) +
             " (the sequence must be strictly increasing)";
  }
  NodeSet missing = g.fullSet();
  missing.subtract(seq.back());
  if (!missing.empty())
    return "last set is not V (node " +
           std::to_string(missing.elements().front()) + " is missing)";
  return "";
}

LowerSetEnumeration recompute::enumerateLowerSets(const Graph &g, size_t cap) {
  LowerSetEnumeration result;
  size_t n = g.size();
  const auto &topo = g.topoOrder();
  const auto &pos = g.topoIndex();

  // Branch on the available node (all predecessors in, itself neither in nor
  // excluded) that comes first in topological order: either it joins the set
  // or it is excluded for the rest of the subtree, which also blocks all its
  // descendants. Every branch point has two children and every leaf is a
  // distinct lower set, so the work is linear in the number of lower sets
  // (times the degree), and we stop as soon as the cap is exceeded.
  std::vector<uint32_t> missing(n);
  std::vector<uint64_t> avail((n + 63) / 64, 0);
  auto setAvail = [&](uint32_t p) { avail[p >> 6] |= uint64_t(1) << (p & 63); };
  auto clearAvail = [&](uint32_t p) {
    avail[p >> 6] &= ~(uint64_t(1) << (p & 63));
  };
  auto firstAvail = [&]() -> uint32_t {
    for (size_t i = 0; i < avail.size(); ++i)
      if (avail[i])
        return static_cast<uint32_t>(i * 64 + __builtin_ctzll(avail[i]));
    return ~uint32_t(0);
  };
  for (size_t v = 0; v < n; ++v) {
    missing[v] = static_cast<uint32_t>(g.preds(static_cast<NodeId>(v)).size());
    if (!missing[v])
      setAvail(pos[v]);
  }

  NodeSet cur(n);
  struct Frame {
    uint32_t p;
    bool excluding;
  };
  std::vector<Frame> stack;
  stack.reserve(n + 1);

  auto include = [&](NodeId v) {
    cur.insert(v);
    for (NodeId w : g.succs(v))
      if (--missing[w] == 0)
        setAvail(pos[w]);
  };
  auto undoInclude = [&](NodeId v) {
    for (NodeId w : g.succs(v))
      if (missing[w]++ == 0)
        clearAvail(pos[w]);
    cur.erase(v);
  };

  bool descend = true;
  while (true) {
    if (descend) {
      uint32_t p = firstAvail();
      if (p == ~uint32_t(0)) {
        result.sets.push_back(cur);
        if (result.sets.size() > cap) {
          result.tooMany = true;
          result.sets.clear();
          result.sets.shrink_to_fit();
          return result;
        }
        descend = false;
        continue;
      }
      stack.push_back({p, false});
      clearAvail(p);
      include(topo[p]);
      continue;
    }
    // Returning from a subtree.
    if (stack.empty())
      break;
    Frame &f = stack.back();
    if (!f.excluding) {
      undoInclude(topo[f.p]);
      f.excluding = true;
      descend = true;
      continue;
    }
    setAvail(f.p);
    stack.pop_back();
  }

  // Order by cardinality (extends inclusion), ties by the NodeSet order.
  std::vector<size_t> counts(result.sets.size());
  for (size_t i = 0; i < counts.size(); ++i)
    counts[i] = result.sets[i].count();
  std::vector<size_t> idx(result.sets.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (counts[a] != counts[b])
      return counts[a] < counts[b];
    return result.sets[a] < result.sets[b];
  });
  std::vector<NodeSet> sorted;
  sorted.reserve(idx.size());
  for (size_t i : idx)
    sorted.push_back(std::move(result.sets[i]));
  result.sets = std::move(sorted);
  return result;
}

std::vector<NodeSet> recompute::approximateLowerSets(const Graph &g) {
  size_t n = g.size();
  std::vector<NodeSet> anc(n);
  for (NodeId v : g.topoOrder()) {
    NodeSet s(n);
    s.insert(v);
    for (NodeId p : g.preds(v))
      s |= anc[p];
    anc[v] = std::move(s);
  }
  std::vector<NodeSet> family;
  family.reserve(n + 2);
  family.push_back(g.emptySet());
  for (auto &s : anc)
    family.push_back(std::move(s));
  family.push_back(g.fullSet());

  std::vector<size_t> counts(family.size());
  for (size_t i = 0; i < family.size(); ++i)
    counts[i] = family[i].count();
  std::vector<size_t> idx(family.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) {
    if (counts[a] != counts[b])
      return counts[a] < counts[b];
    return family[a] < family[b];
  });
  std::vector<NodeSet> sorted;
  sorted.reserve(idx.size());
  for (size_t i : idx) {
    // Equal sets are adjacent after the sort (same count, equal words).
    if (!sorted.empty() && sorted.back() == family[i])
      continue;
    sorted.push_back(std::move(family[i]));
  }
  return sorted;
}

namespace {

/// Walks an increasing sequence block by block, keeping bd(L) as a list:
/// bd(L') is the part of bd(L) with a successor outside L' plus the new
/// nodes with one, so each step costs O(|L' \ L| + |bd(L)| + words)
/// instead of O(|L'|) (long sequences on large graphs were quadratic).
/// fn(cur, blockNodes, bdNodes, firstNew) gets bd(cur) with the nodes of
/// bd(cur) \ prev from index firstNew on. Returns false (without calling
/// fn further) when the sequence is not increasing.
template <typename Fn>
bool forEachBlock(const Graph &g, const Sequence &seq, Fn fn) {
  NodeSet prev = g.emptySet();
  std::vector<NodeId> bd, nextBd;
  for (const NodeSet &cur : seq) {
    if (cur.universe() != g.size() || !prev.isSubsetOf(cur))
      return false;
    NodeSet block = cur;
    block.subtract(prev);
    std::vector<NodeId> blockNodes = block.elements();
    auto leaves = [&](NodeId v) {
      for (NodeId w : g.succs(v))
        if (!cur.contains(w))
          return true;
      return false;
    };
    nextBd.clear();
    for (NodeId v : bd)
      if (leaves(v))
        nextBd.push_back(v);
    const size_t firstNew = nextBd.size();
    for (NodeId v : blockNodes)
      if (leaves(v))
        nextBd.push_back(v);
    fn(cur, blockNodes, nextBd, firstNew);
    bd.swap(nextBd);
    prev = cur;
  }
  return true;
}

/// The definition, set by set (any sequence).
ModelCost evaluateModelSlow(const Graph &g, const Sequence &seq) {
  ModelCost cost;
  NodeSet prev = g.emptySet();
  uint64_t cached = 0;
  for (const NodeSet &cur : seq) {
    NodeSet block = cur;
    block.subtract(prev);
    NodeSet bd = boundary(g, cur);
    NodeSet charged = block;
    charged.subtract(bd);
    cost.overhead += g.totalTime(charged);

    NodeSet succOut = g.succOf(cur);
    NodeSet predSucc = g.predOf(succOut);
    succOut.subtract(cur);
    predSucc.subtract(cur);
    uint64_t peak = cached + 2 * g.totalBytes(block) + g.totalBytes(succOut) +
                    g.totalBytes(predSucc);
    cost.peak = std::max(cost.peak, peak);

    NodeSet u = bd;
    u.subtract(prev);
    cached += g.totalBytes(u);
    prev = cur;
  }
  return cost;
}

} // namespace

ModelCost recompute::evaluateModel(const Graph &g, const Sequence &seq) {
  ModelCost cost;
  uint64_t cached = 0;
  const size_t n = g.size();
  std::vector<uint32_t> stampS(n, 0), stampP(n, 0);
  uint32_t epoch = 0;
  std::vector<NodeId> out;
  bool ok = forEachBlock(
      g, seq,
      [&](const NodeSet &cur, const std::vector<NodeId> &blockNodes,
          const std::vector<NodeId> &bd, size_t firstNew) {
        // Same summation order as totalTime(block \ bd): increasing ids.
        double t = 0;
        uint64_t blockBytes = 0;
        size_t k = firstNew;
        for (NodeId v : blockNodes) {
          blockBytes += g.bytes(v);
          if (k < bd.size() && bd[k] == v)
            ++k;
          else
            t += g.time(v);
        }
        cost.overhead += t;
        // succ(L) \ L are the successors of bd(L) outside L.
        ++epoch;
        out.clear();
        uint64_t outBytes = 0;
        for (NodeId v : bd)
          for (NodeId w : g.succs(v))
            if (!cur.contains(w) && stampS[w] != epoch) {
              stampS[w] = epoch;
              out.push_back(w);
              outBytes += g.bytes(w);
            }
        for (NodeId w : out)
          for (NodeId p : g.preds(w))
            if (!cur.contains(p) && stampP[p] != epoch) {
              stampP[p] = epoch;
              outBytes += g.bytes(p);
            }
        cost.peak = std::max(cost.peak, cached + 2 * blockBytes + outBytes);
        for (size_t i = firstNew; i < bd.size(); ++i)
          cached += g.bytes(bd[i]);
      });
  return ok ? cost : evaluateModelSlow(g, seq);
}

NodeSet recompute::keptSet(const Graph &g, const Sequence &seq) {
  NodeSet kept = g.emptySet();
  size_t index = 0;
  bool ok =
      forEachBlock(g, seq,
                   [&](const NodeSet &, const std::vector<NodeId> &blockNodes,
                       const std::vector<NodeId> &bd, size_t firstNew) {
                     if (++index == seq.size()) {
                       for (NodeId v : blockNodes)
                         kept.insert(v);
                       return;
                     }
                     for (size_t i = firstNew; i < bd.size(); ++i)
                       kept.insert(bd[i]);
                   });
  if (ok)
    return kept;
  // Not an increasing sequence: the definition, set by set.
  kept = g.emptySet();
  NodeSet prev = g.emptySet();
  for (size_t i = 0; i < seq.size(); ++i) {
    const NodeSet &cur = seq[i];
    NodeSet u = cur;
    if (i + 1 != seq.size())
      u = boundary(g, cur);
    u.subtract(prev);
    kept |= u;
    prev = cur;
  }
  return kept;
}
