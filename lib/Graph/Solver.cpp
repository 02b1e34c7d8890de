//===- Solver.cpp - Exact DP, approximate DP and Chen's method ------------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Implementation notes (docs/GraphModel.md has the full argument):
//
// - A transition L -> L' (L strictly inside L') costs, under the model,
//   cost(L, L') = 2 (M(L') - M(L)) + out(L') on top of the cached bytes m,
//   where out(L') = M(succ(L') \ L') + M(pred(succ(L')) \ L') depends on L'
//   only. So for a budget B only pairs with M(L) >= M(L') - (B - out(L'))/2
//   can be used; sets are bucketed by M and only that window is scanned.
// - Subset tests are word-wise on bitsets stored in M order; an inverted
//   node -> sets index restricts a scan to the sets holding L's rarest
//   maximal element (L is inside L' iff all its maximal elements are).
// - A backward scalar pass computes g(L), the least budget needed to finish
//   from L with nothing cached (a minimax DP), and h(L), a lower bound on
//   the overhead still to pay, and stores the usable transitions. g({}) is
//   the exact minimum feasible budget; the forward Pareto DP never creates
//   entries with m + g(L) > B (they cannot reach V), and runs with a growing
//   limit on overhead + h(L) (iterative deepening) until it reaches V.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Solver.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>

using namespace recompute;

namespace {

constexpr uint64_t kInfBytes = ~uint64_t(0);
constexpr uint32_t kNone = ~uint32_t(0);
constexpr double kInfKey = std::numeric_limits<double>::infinity();

/// The inverted node -> sets index is built only up to this many entries.
constexpr size_t kMaxIndexEntries = size_t(1) << 25;

/// Everything the DPs need about each set of a family, in flat arrays.
struct FamilyInfo {
  const Graph &g;
  size_t numSets = 0;
  size_t words = 0;
  std::vector<uint64_t> bits;        // numSets * words
  std::vector<uint64_t> bytes;       // M(L)
  std::vector<double> time;          // T(L)
  std::vector<double> timeNonBd;     // T(L \ bd(L))
  std::vector<uint64_t> out;         // M(succ(L) \ L) + M(pred(succ(L)) \ L)
  std::vector<uint32_t> count;       // |L|
  std::vector<uint32_t> bdStart;     // CSR offsets into bdNodes
  std::vector<NodeId> bdNodes;       // bd(L)
  std::vector<uint32_t> maxStart;    // CSR offsets into maxNodes
  std::vector<NodeId> maxNodes;      // maximal elements of L
  std::vector<uint32_t> byBytes;     // set indices sorted by (M(L), index)
  std::vector<uint64_t> sortedBytes; // M of byBytes[p]
  // Copies in byBytes order, so that window scans read memory in sequence.
  std::vector<uint64_t> posBits;    // bits of byBytes[p]
  std::vector<uint32_t> posCount;   // |byBytes[p]|
  std::vector<uint64_t> posOut;     // out of byBytes[p]
  std::vector<double> posTimeNonBd; // T(L \ bd(L)) of byBytes[p]
  std::vector<uint32_t> posBdStart; // CSR offsets into posBdNodes
  std::vector<NodeId> posBdNodes;   // bd of byBytes[p]
  // Inverted index: for each node, the positions (increasing) of the sets
  // holding it. Supersets of L are found on the list of L's rarest maximal
  // element instead of the whole budget window.
  std::vector<uint32_t> nodeStart;
  std::vector<uint32_t> nodePos;

  /// Calls fn(p) for each position p in [lo, hi) whose set may contain set
  /// i (a superset of the candidates, in increasing order); fn returns false
  /// to stop.
  template <typename Fn>
  void forEachCandidate(size_t i, size_t lo, size_t hi, Fn fn) const {
    const uint32_t *best = nullptr, *bestEnd = nullptr;
    size_t bestLen = hi > lo ? hi - lo : 0;
    uint32_t kEnd = nodePos.empty() ? maxStart[i] : maxStart[i + 1];
    for (uint32_t k = maxStart[i]; k < kEnd; ++k) {
      NodeId v = maxNodes[k];
      const uint32_t *b = nodePos.data() + nodeStart[v];
      const uint32_t *e = nodePos.data() + nodeStart[v + 1];
      const uint32_t *from = std::lower_bound(b, e, uint32_t(lo));
      const uint32_t *to = std::lower_bound(from, e, uint32_t(hi));
      if (size_t(to - from) < bestLen) {
        bestLen = size_t(to - from);
        best = from;
        bestEnd = to;
      }
    }
    if (!best) {
      for (size_t p = lo; p < hi; ++p)
        if (!fn(p))
          return;
      return;
    }
    for (const uint32_t *x = best; x < bestEnd; ++x)
      if (!fn(*x))
        return;
  }

  explicit FamilyInfo(const Graph &g, const std::vector<NodeSet> &family);

  bool contains(size_t set, NodeId v) const {
    return (bits[set * words + (v >> 6)] >> (v & 63)) & 1;
  }
  /// a is a subset of b (a and b are lower sets).
  bool subset(size_t a, size_t b) const {
    for (uint32_t k = maxStart[a]; k < maxStart[a + 1]; ++k)
      if (!contains(b, maxNodes[k]))
        return false;
    return true;
  }

  struct Step {
    uint64_t cost; // 2 M(L' \ L) + out(L')
    uint64_t dm;   // M(bd(L') \ L)
    double dt;     // T((L' \ L) \ bd(L'))
  };
  /// The transition i -> j (i strictly inside j).
  Step step(size_t i, size_t j) const {
    Step s;
    s.cost = 2 * (bytes[j] - bytes[i]) + out[j];
    s.dm = 0;
    double kept = 0; // T(L ∩ bd(L'))
    for (uint32_t k = bdStart[j]; k < bdStart[j + 1]; ++k) {
      NodeId b = bdNodes[k];
      if (contains(i, b))
        kept += g.time(b);
      else
        s.dm += g.bytes(b);
    }
    s.dt = timeNonBd[j] - (time[i] - kept);
    if (s.dt < 0) // rounding only: the set is non-empty or empty, never < 0
      s.dt = 0;
    return s;
  }

  /// Set i is a subset of the set at position p (both lower sets). A lower
  /// set is a subset of another lower set exactly when its maximal elements
  /// are: test those when they are fewer than the words of a bitset (one
  /// for the approximate family's sets, against n / 64 words).
  bool subsetOfPos(size_t i, size_t p) const {
    const uint64_t *b = &posBits[p * words];
    const uint32_t k0 = maxStart[i], k1 = maxStart[i + 1];
    if (k1 - k0 < words) {
      for (uint32_t k = k0; k < k1; ++k) {
        NodeId v = maxNodes[k];
        if (!((b[v >> 6] >> (v & 63)) & 1))
          return false;
      }
      return true;
    }
    const uint64_t *a = &bits[i * words];
    for (size_t w = 0; w < words; ++w)
      if (a[w] & ~b[w])
        return false;
    return true;
  }

  /// The transition i -> byBytes[p], from the position-ordered copies.
  Step stepPos(size_t i, size_t p) const {
    Step s;
    s.cost = 2 * (sortedBytes[p] - bytes[i]) + posOut[p];
    s.dm = 0;
    double kept = 0;
    const uint64_t *li = &bits[i * words];
    for (uint32_t k = posBdStart[p]; k < posBdStart[p + 1]; ++k) {
      NodeId b = posBdNodes[k];
      if ((li[b >> 6] >> (b & 63)) & 1)
        kept += g.time(b);
      else
        s.dm += g.bytes(b);
    }
    s.dt = posTimeNonBd[p] - (time[i] - kept);
    if (s.dt < 0)
      s.dt = 0;
    return s;
  }

  /// First position in byBytes with M > base + span (saturating).
  size_t windowEnd(uint64_t base, uint64_t span) const {
    if (span >= kInfBytes - base - 1)
      return numSets;
    return firstWithBytes(base + span + 1);
  }

  /// First position in byBytes with M >= lo.
  size_t firstWithBytes(uint64_t lo) const {
    return static_cast<size_t>(
        std::lower_bound(sortedBytes.begin(), sortedBytes.end(), lo) -
        sortedBytes.begin());
  }
};

FamilyInfo::FamilyInfo(const Graph &graph, const std::vector<NodeSet> &family)
    : g(graph) {
  size_t n = g.size();
  numSets = family.size();
  words = (n + 63) / 64;
  bits.assign(numSets * words, 0);
  bytes.resize(numSets);
  time.resize(numSets);
  timeNonBd.resize(numSets);
  out.resize(numSets);
  count.resize(numSets);
  bdStart.assign(numSets + 1, 0);
  maxStart.assign(numSets + 1, 0);

  // Stamps avoid clearing scratch marks between sets.
  std::vector<uint32_t> stampS(n, kNone), stampP(n, kNone);
  std::vector<NodeId> elems;
  for (size_t s = 0; s < numSets; ++s) {
    const NodeSet &l = family[s];
    const auto &w = l.rawWords();
    std::copy(w.begin(), w.end(), bits.begin() + s * words);
    elems = l.elements();
    count[s] = static_cast<uint32_t>(elems.size());
    uint64_t m = 0, outBytes = 0;
    double t = 0, tBd = 0;
    auto stamp = static_cast<uint32_t>(s);
    for (NodeId v : elems) {
      m += g.bytes(v);
      t += g.time(v);
      bool isBd = false, isMax = true;
      for (NodeId x : g.succs(v)) {
        if (contains(s, x)) {
          isMax = false;
          continue;
        }
        isBd = true;
        if (stampS[x] != stamp) { // x in succ(L) \ L
          stampS[x] = stamp;
          outBytes += g.bytes(x);
          for (NodeId p : g.preds(x))
            if (!contains(s, p) && stampP[p] != stamp) {
              stampP[p] = stamp; // p in pred(succ(L)) \ L
              outBytes += g.bytes(p);
            }
        }
      }
      if (isBd) {
        bdNodes.push_back(v);
        tBd += g.time(v);
      }
      if (isMax)
        maxNodes.push_back(v);
    }
    bytes[s] = m;
    time[s] = t;
    // Sum the non-boundary nodes directly rather than t - tBd, so that
    // integral times stay exact and sums are in id order.
    double tn = 0;
    for (NodeId v : elems) {
      bool isBd = false;
      for (NodeId x : g.succs(v))
        if (!contains(s, x)) {
          isBd = true;
          break;
        }
      if (!isBd)
        tn += g.time(v);
    }
    (void)tBd;
    timeNonBd[s] = tn;
    out[s] = outBytes;
    bdStart[s + 1] = static_cast<uint32_t>(bdNodes.size());
    maxStart[s + 1] = static_cast<uint32_t>(maxNodes.size());
  }

  byBytes.resize(numSets);
  std::iota(byBytes.begin(), byBytes.end(), 0);
  std::sort(byBytes.begin(), byBytes.end(), [&](uint32_t a, uint32_t b) {
    return bytes[a] != bytes[b] ? bytes[a] < bytes[b] : a < b;
  });
  sortedBytes.resize(numSets);
  posBits.resize(numSets * words);
  posCount.resize(numSets);
  posOut.resize(numSets);
  posTimeNonBd.resize(numSets);
  posBdStart.assign(numSets + 1, 0);
  posBdNodes.reserve(bdNodes.size());
  for (size_t p = 0; p < numSets; ++p) {
    uint32_t s = byBytes[p];
    sortedBytes[p] = bytes[s];
    posCount[p] = count[s];
    posOut[p] = out[s];
    posTimeNonBd[p] = timeNonBd[s];
    posBdNodes.insert(posBdNodes.end(), bdNodes.begin() + bdStart[s],
                      bdNodes.begin() + bdStart[s + 1]);
    posBdStart[p + 1] = static_cast<uint32_t>(posBdNodes.size());
    std::copy(bits.begin() + s * words, bits.begin() + (s + 1) * words,
              posBits.begin() + p * words);
  }
  size_t totalMembers = 0;
  for (uint32_t c : count)
    totalMembers += c;
  if (totalMembers > kMaxIndexEntries)
    return; // scans fall back to the whole budget window
  nodeStart.assign(n + 1, 0);
  for (size_t p = 0; p < numSets; ++p)
    for (size_t w = 0; w < words; ++w)
      for (uint64_t x = posBits[p * words + w]; x; x &= x - 1)
        ++nodeStart[w * 64 + __builtin_ctzll(x) + 1];
  for (size_t v = 0; v < n; ++v)
    nodeStart[v + 1] += nodeStart[v];
  nodePos.resize(nodeStart[n]);
  std::vector<uint32_t> fill(nodeStart.begin(), nodeStart.end() - 1);
  for (size_t p = 0; p < numSets; ++p)
    for (size_t w = 0; w < words; ++w)
      for (uint64_t x = posBits[p * words + w]; x; x &= x - 1)
        nodePos[fill[w * 64 + __builtin_ctzll(x)]++] = static_cast<uint32_t>(p);
}

/// End of a window starting at position `lo` holding at most `span`
/// positions (0: unlimited).
size_t spanEnd(size_t lo, size_t span) {
  return span == 0 || span > ~size_t(0) - lo ? ~size_t(0) : lo + span;
}

/// Checks the shape solveDP relies on: {} first, V last, all lower sets of
/// the graph's universe.
bool familyIsUsable(const Graph &g, const std::vector<NodeSet> &family) {
  if (family.size() < 2 || !g.isFinalized())
    return false;
  if (!family.front().empty() || family.back() != g.fullSet())
    return false;
  for (const NodeSet &s : family)
    if (s.universe() != g.size())
      return false;
  return true;
}

/// The usable transitions out of each set (i -> j with cost(i, j) <= B and
/// dm(i, j) + g(j) <= B), in CSR form, when there are not too many of them.
struct PairLists {
  bool valid = false;
  std::vector<uint32_t> start;   // per set, offset into targets (size N + 1)
  std::vector<uint32_t> targets; // byBytes positions, increasing
};

/// Above this many usable transitions the forward passes rescan the budget
/// window instead of keeping lists (4 bytes per transition).
constexpr size_t kMaxStoredPairs = size_t(1) << 28;

/// Calls fn(j, step) for every usable transition out of set i (j strictly
/// contains i, cost(i, j) <= B and dm(i, j) + g(j) <= B) that `pre(j)`
/// accepts, for a source whose least cached bytes are `mMin`. Successors
/// come in increasing M(j), so the scan stops once 2 (M(j) - M(i)) + mMin
/// exceeds the budget. `pre` is a cheap test run before the step is priced.
template <typename Pre, typename Fn>
void forEachSuccessor(const FamilyInfo &f, size_t i, uint64_t budget,
                      uint64_t mMin, const std::vector<uint64_t> &gNeed,
                      const PairLists *pairs, size_t span, Pre pre, Fn fn) {
  uint64_t mi = f.bytes[i];
  if (mMin > budget)
    return;
  uint64_t room = budget - mMin;
  if (pairs && pairs->valid) {
    for (uint32_t k = pairs->start[i]; k < pairs->start[i + 1]; ++k) {
      uint32_t p = pairs->targets[k];
      if (2 * (f.sortedBytes[p] - mi) > room)
        break;
      uint32_t j = f.byBytes[p];
      if (pre(j))
        fn(j, f.stepPos(i, p));
    }
    return;
  }
  size_t lo = f.firstWithBytes(mi);
  size_t hi = std::min(f.windowEnd(mi, room / 2), spanEnd(lo, span));
  f.forEachCandidate(i, lo, hi, [&](size_t p) {
    if (f.posCount[p] <= f.count[i] || !f.subsetOfPos(i, p))
      return true;
    uint32_t j = f.byBytes[p];
    if (gNeed[j] == kInfBytes || !pre(j))
      return true;
    FamilyInfo::Step st = f.stepPos(i, p);
    if (st.cost > budget || st.dm + gNeed[j] > budget)
      return true;
    fn(j, st);
    return true;
  });
}

/// Backward scalar pass. g[i]: least budget needed to go from family[i] to V
/// with nothing cached (kInfBytes when above `budget`): a minimax DP, since
/// g(L) = min over L' of max(cost(L, L'), dm(L, L') + g(L')). h[i] (when
/// wanted): least sum of signed overhead keys over continuations that
/// respect the budget with nothing cached, a lower bound for any real
/// continuation. With `pairs`, also records the usable transitions.
void backwardPass(const FamilyInfo &f, uint64_t budget, size_t span, bool wantH,
                  double sign, std::vector<uint64_t> &gOut,
                  std::vector<double> &hOut, PairLists *pairs) {
  size_t numSets = f.numSets;
  gOut.assign(numSets, kInfBytes);
  hOut.assign(wantH ? numSets : 0, kInfKey);
  size_t last = numSets - 1;
  gOut[last] = 0;
  if (wantH)
    hOut[last] = 0;
  // Lists are filled from the last set down; reversed into CSR at the end.
  std::vector<uint32_t> revCount;
  if (pairs) {
    pairs->valid = true;
    pairs->targets.clear();
    revCount.reserve(numSets);
  }
  // g by byBytes position, for sequential reads in the window scans.
  std::vector<uint64_t> gPos(numSets, kInfBytes);
  std::vector<uint32_t> posOf(numSets);
  for (size_t p = 0; p < numSets; ++p)
    posOf[f.byBytes[p]] = static_cast<uint32_t>(p);
  gPos[posOf[last]] = 0;
  std::vector<double> hPos(wantH ? numSets : 0, kInfKey);
  if (wantH)
    hPos[posOf[last]] = 0;
  for (size_t i = last; i-- > 0;) {
    uint64_t bestG = kInfBytes;
    double bestH = kInfKey;
    uint64_t mi = f.bytes[i];
    uint32_t ci = f.count[i];
    size_t before = pairs ? pairs->targets.size() : 0;
    size_t lo = f.firstWithBytes(mi);
    size_t hi = std::min(f.windowEnd(mi, budget / 2), spanEnd(lo, span));
    f.forEachCandidate(i, lo, hi, [&](size_t p) {
      uint64_t dM = f.sortedBytes[p] - mi;
      // Only g wanted: no later set can beat the best found so far.
      if (!wantH && 2 * dM >= bestG)
        return false;
      if (f.posCount[p] <= ci || gPos[p] == kInfBytes ||
          2 * dM + f.posOut[p] > budget || !f.subsetOfPos(i, p))
        return true;
      FamilyInfo::Step st = f.stepPos(i, p);
      if (st.cost > budget)
        return true;
      uint64_t val = std::max(st.cost, st.dm + gPos[p]);
      if (val > budget)
        return true;
      bestG = std::min(bestG, val);
      if (wantH)
        bestH = std::min(bestH, sign * st.dt + hPos[p]);
      if (pairs && pairs->valid) {
        if (pairs->targets.size() >= kMaxStoredPairs) {
          pairs->valid = false;
          pairs->targets.clear();
          pairs->targets.shrink_to_fit();
        } else {
          pairs->targets.push_back(static_cast<uint32_t>(p));
        }
      }
      return true;
    });
    gOut[i] = bestG;
    gPos[posOf[i]] = bestG;
    if (wantH) {
      hOut[i] = bestH;
      hPos[posOf[i]] = bestH;
    }
    if (pairs && pairs->valid)
      revCount.push_back(static_cast<uint32_t>(pairs->targets.size() - before));
  }
  if (!pairs || !pairs->valid)
    return;
  // revCount[k] belongs to set last-1-k; its targets are the k-th chunk.
  std::vector<uint32_t> targets(pairs->targets.size());
  pairs->start.assign(numSets + 1, 0);
  for (size_t k = 0; k < revCount.size(); ++k)
    pairs->start[last - 1 - k + 1] = revCount[k];
  for (size_t i = 0; i < numSets; ++i)
    pairs->start[i + 1] += pairs->start[i];
  size_t from = 0;
  for (size_t k = 0; k < revCount.size(); ++k) {
    size_t i = last - 1 - k;
    std::copy(pairs->targets.begin() + from,
              pairs->targets.begin() + from + revCount[k],
              targets.begin() + pairs->start[i]);
    from += revCount[k];
  }
  pairs->targets = std::move(targets);
}

struct Entry {
  double key;         // signed overhead: t (MinOverhead) or -t (MaxOverhead)
  uint64_t m;         // cached bytes
  uint32_t prevSet;   // back-pointer: predecessor set
  uint32_t prevEntry; // back-pointer: index in the predecessor's front
};

/// A Pareto front under construction: sorted by m ascending, key strictly
/// descending; no entry dominates another.
struct Front {
  std::vector<Entry> items;

  /// Some entry has m' <= m and key' <= key.
  bool dominated(double key, uint64_t m) const {
    auto pos =
        std::upper_bound(items.begin(), items.end(), m,
                         [](uint64_t c, const Entry &x) { return c < x.m; });
    return pos != items.begin() && (pos - 1)->key <= key;
  }

  /// Adds `c` unless dominated (ties keep the earlier entry), removing the
  /// entries it dominates.
  void insert(const Entry &c) {
    auto pos =
        std::upper_bound(items.begin(), items.end(), c.m,
                         [](uint64_t v, const Entry &x) { return v < x.m; });
    if (pos != items.begin() && (pos - 1)->key <= c.key)
      return;
    auto first = pos;
    if (first != items.begin() && (first - 1)->m == c.m)
      --first; // same m, larger key: dominated by c
    auto last = pos;
    while (last != items.end() && last->key >= c.key)
      ++last;
    if (first == last) {
      items.insert(first, c);
      return;
    }
    *first = c;
    items.erase(first + 1, last);
  }

  /// Same result as inserting every entry of [from, hi) (a front, offset
  /// by dkey and dm; back-pointers to set `src`, indices from `base`) in
  /// turn, in one linear merge: the non-dominated entries of both, an
  /// existing entry winning over an equal new one.
  void merge(const Entry *from, const Entry *hi, const Entry *base, double dkey,
             uint64_t dm, uint32_t src, std::vector<Entry> &scratch) {
    scratch.clear();
    scratch.reserve(items.size() + static_cast<size_t>(hi - from));
    size_t a = 0;
    const size_t len = items.size();
    const Entry *x = from;
    double lastKey = kInfKey;
    while (a < len || x < hi) {
      Entry c;
      if (x == hi) {
        c = items[a++];
      } else {
        Entry n = {x->key + dkey, x->m + dm, src,
                   static_cast<uint32_t>(x - base)};
        if (a < len && (items[a].m < n.m ||
                        (items[a].m == n.m && items[a].key <= n.key))) {
          c = items[a++];
        } else {
          c = n;
          ++x;
        }
      }
      if (c.key < lastKey) {
        scratch.push_back(c);
        lastKey = c.key;
      }
    }
    items.swap(scratch);
  }

  /// Keeps `keep` (>= 2) entries spread evenly along the front, the first
  /// (least m) and the last (least key) included.
  void thin(size_t keep) {
    size_t len = items.size();
    if (len <= keep)
      return;
    std::vector<Entry> kept;
    kept.reserve(keep);
    for (size_t k = 0; k < keep; ++k)
      kept.push_back(items[k * (len - 1) / (keep - 1)]);
    items.swap(kept);
  }
};

/// The forward Pareto DP. Sets are taken in family order (which extends
/// inclusion), so when set i comes up every subset has already pushed into
/// its front, which is then final; i then pushes into every superset it can
/// reach. Fronts are stored in `entries`, set i's at [frontStart[i],
/// frontStart[i+1]), sorted by m ascending, key descending. Entries that
/// cannot reach V within the budget (m + g(L) > B) or whose key plus the
/// lower bound h(L) exceeds `keyLimit` are never created. With beam > 0,
/// each front keeps at most `beam` entries (a heuristic giving a feasible
/// solution fast; the entry with the least m always survives, so V is
/// reached whenever the budget is feasible).
void forwardPass(const FamilyInfo &f, uint64_t budget, size_t span, double sign,
                 const std::vector<uint64_t> &gNeed,
                 const std::vector<double> &h, const PairLists *pairs,
                 double keyLimit, size_t beam, std::vector<Entry> &entries,
                 std::vector<uint32_t> &frontStart) {
  size_t numSets = f.numSets;
  entries.clear();
  frontStart.assign(numSets + 1, 0);
  std::vector<Front> building(numSets);
  building[0].items.push_back({0.0, 0, kNone, kNone});
  std::vector<Entry> scratch;
  for (size_t i = 0; i < numSets; ++i) {
    std::vector<Entry> &items = building[i].items;
    size_t begin = entries.size();
    size_t len = items.size();
    if (beam && len > beam) {
      // Keep `beam` entries spread evenly, the first (least m) and the last
      // (least key) included.
      for (size_t k = 0; k < beam; ++k)
        entries.push_back(items[k * (len - 1) / (beam - 1)]);
    } else {
      entries.insert(entries.end(), items.begin(), items.end());
    }
    std::vector<Entry>().swap(items);
    frontStart[i + 1] = static_cast<uint32_t>(entries.size());
    if (begin == entries.size() || i + 1 == numSets)
      continue;
    const Entry *srcBegin = entries.data() + frontStart[i];
    const Entry *srcEnd = entries.data() + frontStart[i + 1];
    uint64_t mMin = srcBegin->m;
    double keyMin = (srcEnd - 1)->key;
    double ti = f.time[i];
    // Cheap filter before pricing a step: the cost needs no step, and the
    // key grows by at least 0 (MinOverhead) or -T(L' \ L) (MaxOverhead).
    auto pre = [&](uint32_t j) {
      uint64_t cost = 2 * (f.bytes[j] - f.bytes[i]) + f.out[j];
      if (cost + mMin > budget)
        return false;
      double least = sign > 0 ? 0.0 : -(f.time[j] - ti);
      return keyMin + least + h[j] <= keyLimit;
    };
    forEachSuccessor(
        f, i, budget, mMin, gNeed, pairs, span, pre,
        [&](uint32_t j, const FamilyInfo::Step &st) {
          uint64_t capM = std::min(budget - st.cost, budget - st.dm - gNeed[j]);
          double dkey = sign * st.dt;
          double keyCap = keyLimit - h[j] - dkey;
          const Entry *b = entries.data() + frontStart[i];
          const Entry *e = entries.data() + frontStart[i + 1];
          // Quick rejects: the least m is too large, or the least key is.
          if (b->m > capM || (e - 1)->key > keyCap)
            return;
          // Prefix with m <= capM, suffix with key <= keyCap (keys decrease).
          const Entry *hi = std::upper_bound(
              b, e, capM, [](uint64_t c, const Entry &x) { return c < x.m; });
          const Entry *from =
              std::lower_bound(b, hi, keyCap, [](const Entry &x, double c) {
                return x.key > c;
              });
          if (from == hi)
            return;
          Front &target = building[j];
          // If even the ideal point (least key, least m) of this source is
          // dominated, so is every entry it offers.
          if (target.dominated((hi - 1)->key + dkey, from->m + st.dm))
            return;
          const size_t offered = static_cast<size_t>(hi - from);
          if (offered * 8 < target.items.size()) {
            for (const Entry *x = hi; x-- > from;)
              target.insert({x->key + dkey, x->m + st.dm,
                             static_cast<uint32_t>(i),
                             static_cast<uint32_t>(x - b)});
          } else {
            target.merge(from, hi, b, dkey, st.dm, static_cast<uint32_t>(i),
                         scratch);
          }
          // With a beam, fronts under construction are thinned too, so an
          // insertion never moves more than a few beams of entries.
          if (beam && target.items.size() > 4 * beam)
            target.thin(2 * beam);
        });
  }
}

} // namespace

namespace {

DPResult solveWith(const FamilyInfo &f, const std::vector<NodeSet> &family,
                   uint64_t budget, DPSelection selection, size_t frontCap,
                   size_t span) {
  const Graph &g = f.g;
  DPResult result;
  size_t last = f.numSets - 1;
  double sign = selection == DPSelection::MinOverhead ? 1.0 : -1.0;
  std::vector<uint64_t> gNeed;
  std::vector<double> h;
  PairLists pairs;
  backwardPass(f, budget, span, /*wantH=*/true, sign, gNeed, h, &pairs);
  if (gNeed[0] == kInfBytes)
    return result;

  std::vector<Entry> entries;
  std::vector<uint32_t> frontStart;
  // Iterative deepening on the key limit, from the lower bound h({}) up: a
  // pass with limit K keeps every partial solution that can still end at a
  // key <= K, so the first pass that reaches V is exact (and some pass does:
  // g({}) <= B). Small limits keep most fronts empty, so failed passes are
  // cheap; limits grow geometrically, so the total is a small multiple of
  // the last pass.
  double minStep = kInfKey;
  for (size_t v = 0; v < g.size(); ++v)
    if (g.time(static_cast<NodeId>(v)) > 0)
      minStep = std::min(minStep, g.time(static_cast<NodeId>(v)));
  if (minStep == kInfKey)
    minStep = 1;
  double step = std::max(minStep, g.totalTime() / 1024);
  double slack = 1e-9 * std::max({1.0, g.totalTime(), std::fabs(h[0])});
  for (int pass = 0;; ++pass) {
    // After enough doublings the limit exceeds any possible key: the pass
    // is the plain DP and must succeed.
    // With a front cap the result is a heuristic anyway: one unbounded pass
    // (bounded by the cap) is cheaper than deepening.
    bool unbounded = pass >= 64 || frontCap > 0;
    double limit = unbounded ? kInfKey : h[0] + step + slack;
    forwardPass(f, budget, span, sign, gNeed, h, &pairs, limit,
                frontCap ? std::max<size_t>(frontCap, 2) : 0, entries,
                frontStart);
    if (unbounded || frontStart[last] != frontStart[last + 1])
      break;
    step *= 1.5;
  }

  result.frontEntries = entries.size();
  if (frontStart[last] == frontStart[last + 1])
    return result;
  // Smallest key at V: the last entry of its front.
  uint32_t set = static_cast<uint32_t>(last);
  uint32_t idx = frontStart[last + 1] - frontStart[last] - 1;
  std::vector<uint32_t> path;
  while (set != 0) {
    path.push_back(set);
    const Entry &e = entries[frontStart[set] + idx];
    set = e.prevSet;
    idx = e.prevEntry;
  }
  std::reverse(path.begin(), path.end());
  for (uint32_t s : path)
    result.sequence.push_back(family[s]);
  result.feasible = true;
  result.model = evaluateModel(g, result.sequence);
  return result;
}

uint64_t minBudgetWith(const FamilyInfo &f) {
  // One block {} -> V always works and costs 2 M(V) (out(V) = 0), so no
  // transition above that bound can matter.
  uint64_t budget = 2 * f.bytes.back();
  std::vector<uint64_t> gNeed;
  std::vector<double> unused;
  backwardPass(f, budget, /*span=*/0, /*wantH=*/false, 1.0, gNeed, unused,
               nullptr);
  return gNeed[0];
}

} // namespace

DPResult recompute::solveDP(const Graph &g, const std::vector<NodeSet> &family,
                            uint64_t budget, DPSelection selection,
                            size_t frontCap) {
  if (!familyIsUsable(g, family))
    return DPResult();
  FamilyInfo f(g, family);
  return solveWith(f, family, budget, selection, frontCap, /*span=*/0);
}

uint64_t recompute::minFeasibleModelBudget(const Graph &g,
                                           const std::vector<NodeSet> &family) {
  if (!familyIsUsable(g, family))
    return kInfBytes;
  FamilyInfo f(g, family);
  return minBudgetWith(f);
}

struct DPFamily::Impl {
  const std::vector<NodeSet> &family;
  std::optional<FamilyInfo> info;
  mutable std::optional<uint64_t> minBudget;
  Impl(const Graph &g, const std::vector<NodeSet> &family) : family(family) {
    if (familyIsUsable(g, family))
      info.emplace(g, family);
  }
};

DPFamily::DPFamily(const Graph &g, const std::vector<NodeSet> &family)
    : impl(std::make_unique<Impl>(g, family)) {}

DPFamily::~DPFamily() = default;

DPResult DPFamily::solve(uint64_t budget, DPSelection selection,
                         size_t frontCap, size_t maxSpan) const {
  if (!impl->info)
    return DPResult();
  return solveWith(*impl->info, impl->family, budget, selection, frontCap,
                   maxSpan);
}

uint64_t DPFamily::minFeasibleBudget() const {
  if (!impl->info)
    return kInfBytes;
  if (!impl->minBudget)
    impl->minBudget = minBudgetWith(*impl->info);
  return *impl->minBudget;
}

uint64_t DPFamily::windowPairs(uint64_t budget, size_t maxSpan) const {
  if (!impl->info)
    return 0;
  const std::vector<uint64_t> &m = impl->info->sortedBytes;
  const uint64_t half = budget / 2;
  uint64_t pairs = 0;
  size_t q = 0;
  for (size_t p = 0; p < m.size(); ++p) {
    q = std::max(q, p + 1);
    while (q < m.size() && m[q] - m[p] <= half)
      ++q;
    pairs += std::min<uint64_t>(q - p - 1, maxSpan ? maxSpan : ~uint64_t(0));
  }
  return pairs;
}

size_t DPFamily::size() const { return impl->family.size(); }

std::vector<NodeSet> recompute::thinFamily(std::vector<NodeSet> family,
                                           size_t maxSets) {
  maxSets = std::max<size_t>(maxSets, 2);
  const size_t total = family.size();
  if (total <= maxSets)
    return family;
  std::vector<NodeSet> thinned;
  thinned.reserve(maxSets);
  // Member k of the result is family[round(k (total - 1) / (maxSets - 1))]:
  // strictly increasing indices (total > maxSets), 0 first, total - 1 last.
  for (size_t k = 0; k < maxSets; ++k) {
    size_t idx = static_cast<size_t>(
        (uint64_t(k) * (total - 1) + (maxSets - 1) / 2) / (maxSets - 1));
    thinned.push_back(std::move(family[idx]));
  }
  return thinned;
}

std::vector<NodeSet> recompute::lowerSetFamily(const Graph &g, bool exact,
                                               size_t cap, bool &usedExact,
                                               size_t &exactCount) {
  usedExact = false;
  exactCount = 0;
  if (exact) {
    LowerSetEnumeration e = enumerateLowerSets(g, cap);
    if (!e.tooMany) {
      usedExact = true;
      exactCount = e.sets.size();
      return std::move(e.sets);
    }
  }
  return approximateLowerSets(g);
}

namespace {
/// |bd(l)| == 1, stopping at the second boundary node (computing bd(l) in
/// full made Chen's candidates quadratic on 100,000-node graphs).
bool boundaryIsOneNode(const Graph &g, const NodeSet &l) {
  const std::vector<uint64_t> &words = l.rawWords();
  size_t found = 0;
  for (size_t w = 0; w < words.size(); ++w)
    for (uint64_t x = words[w]; x; x &= x - 1) {
      NodeId v = static_cast<NodeId>(w * 64 + __builtin_ctzll(x));
      for (NodeId s : g.succs(v))
        if (!l.contains(s)) {
          if (++found == 2)
            return false;
          break;
        }
    }
  return found == 1;
}
} // namespace

Sequence recompute::chenSequence(const Graph &g) {
  // Candidates: L_v with bd(L_v) = {v}, plus {} and V, sorted by M(L).
  std::vector<NodeSet> family = approximateLowerSets(g);
  struct Cand {
    uint64_t bytes;
    size_t index;
  };
  std::vector<Cand> cands;
  for (size_t i = 0; i < family.size(); ++i) {
    const NodeSet &l = family[i];
    bool keep = l.empty() || i + 1 == family.size();
    if (!keep)
      keep = boundaryIsOneNode(g, l);
    if (keep)
      cands.push_back({g.totalBytes(l), i});
  }
  std::sort(cands.begin(), cands.end(), [](const Cand &a, const Cand &b) {
    return a.bytes != b.bytes ? a.bytes < b.bytes : a.index < b.index;
  });
  uint64_t total = g.totalBytes();
  size_t c = std::max<size_t>(
      static_cast<size_t>(std::floor(std::sqrt(double(cands.size())))), 1);
  double stepBytes = double(total) / double(c);
  double next = stepBytes;
  Sequence seq;
  NodeSet prev = g.emptySet();
  NodeSet full = g.fullSet();
  for (const Cand &cand : cands) {
    const NodeSet &l = family[cand.index];
    if (l.empty() || l == full)
      continue;
    if (double(cand.bytes) < next)
      continue;
    // Keep the sequence increasing: skip a candidate that does not contain
    // the previous pick (possible when the graph has parallel components).
    if (!prev.isSubsetOf(l) || prev == l)
      continue;
    seq.push_back(l);
    prev = l;
    // stepBytes is 0 when every node is 0 bytes (zero-size tensors).
    while (stepBytes > 0 && next <= double(cand.bytes))
      next += stepBytes;
  }
  seq.push_back(full);
  return seq;
}
