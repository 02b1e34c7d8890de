//===- Graph.cpp - Forward computation DAG with time and memory costs -----===//
//
// Part of the recompute project. Std-only C++17: no LLVM/MLIR dependency.
//
//===----------------------------------------------------------------------===//

#include "recompute/Graph/Graph.h"

#include <algorithm>
#include <functional>
#include <queue>

using namespace recompute;

//===----------------------------------------------------------------------===//
// NodeSet
//===----------------------------------------------------------------------===//

NodeSet::NodeSet(size_t universe, bool full)
    : n(universe), words((universe + 63) / 64, full ? ~uint64_t(0) : 0) {
  if (full && (n & 63))
    words.back() = (uint64_t(1) << (n & 63)) - 1;
}

size_t NodeSet::count() const {
  size_t c = 0;
  for (uint64_t w : words)
    c += static_cast<size_t>(__builtin_popcountll(w));
  return c;
}

bool NodeSet::empty() const {
  for (uint64_t w : words)
    if (w)
      return false;
  return true;
}

bool NodeSet::isSubsetOf(const NodeSet &other) const {
  size_t common = std::min(words.size(), other.words.size());
  for (size_t i = 0; i < common; ++i)
    if (words[i] & ~other.words[i])
      return false;
  for (size_t i = common; i < words.size(); ++i)
    if (words[i])
      return false;
  return true;
}

NodeSet &NodeSet::operator|=(const NodeSet &other) {
  if (other.words.size() > words.size()) {
    words.resize(other.words.size(), 0);
    n = other.n;
  }
  for (size_t i = 0; i < other.words.size(); ++i)
    words[i] |= other.words[i];
  return *this;
}

NodeSet &NodeSet::operator&=(const NodeSet &other) {
  for (size_t i = 0; i < words.size(); ++i)
    words[i] &= i < other.words.size() ? other.words[i] : 0;
  return *this;
}

NodeSet &NodeSet::subtract(const NodeSet &other) {
  size_t common = std::min(words.size(), other.words.size());
  for (size_t i = 0; i < common; ++i)
    words[i] &= ~other.words[i];
  return *this;
}

bool NodeSet::operator==(const NodeSet &other) const {
  return n == other.n && words == other.words;
}

bool NodeSet::operator<(const NodeSet &other) const {
  if (n != other.n)
    return n < other.n;
  return words < other.words;
}

std::vector<NodeId> NodeSet::elements() const {
  std::vector<NodeId> out;
  for (size_t i = 0; i < words.size(); ++i) {
    uint64_t w = words[i];
    while (w) {
      out.push_back(static_cast<NodeId>(i * 64 + __builtin_ctzll(w)));
      w &= w - 1;
    }
  }
  return out;
}

size_t NodeSet::hash() const {
  // 64-bit mix of every word (splitmix64 finaliser), seeded by the size.
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;
  for (uint64_t w : words) {
    uint64_t x = w + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    h ^= x ^ (x >> 31);
  }
  return static_cast<size_t>(h);
}

//===----------------------------------------------------------------------===//
// Graph
//===----------------------------------------------------------------------===//

NodeId Graph::addNode(double time, uint64_t bytes, std::string name) {
  NodeId id = static_cast<NodeId>(timeV.size());
  timeV.push_back(time);
  bytesV.push_back(bytes);
  nameV.push_back(std::move(name));
  finalized = false;
  return id;
}

void Graph::addEdge(NodeId from, NodeId to) {
  rawEdges.emplace_back(from, to);
  finalized = false;
}

static std::string describeNode(const Graph &g, NodeId v) {
  std::string s = std::to_string(v);
  if (!g.name(v).empty())
    s += " (" + g.name(v) + ")";
  return s;
}

std::string Graph::finalize() {
  finalized = false;
  size_t n = size();
  for (const auto &[from, to] : rawEdges) {
    if (from >= n)
      return "edge " + std::to_string(from) + " -> " + std::to_string(to) +
             " names unknown node " + std::to_string(from);
    if (to >= n)
      return "edge " + std::to_string(from) + " -> " + std::to_string(to) +
             " names unknown node " + std::to_string(to);
  }
  std::sort(rawEdges.begin(), rawEdges.end());
  rawEdges.erase(std::unique(rawEdges.begin(), rawEdges.end()), rawEdges.end());
  edgeCount = rawEdges.size();

  succV.assign(n, {});
  predV.assign(n, {});
  for (const auto &[from, to] : rawEdges) {
    succV[from].push_back(to);
    predV[to].push_back(from);
  }
  // rawEdges is sorted by (from, to), so successor lists are sorted; sort
  // predecessor lists explicitly.
  for (auto &p : predV)
    std::sort(p.begin(), p.end());

  // Kahn's algorithm, always taking the smallest ready id.
  std::vector<uint32_t> indeg(n);
  for (size_t v = 0; v < n; ++v)
    indeg[v] = static_cast<uint32_t>(predV[v].size());
  std::priority_queue<NodeId, std::vector<NodeId>, std::greater<NodeId>> ready;
  for (size_t v = 0; v < n; ++v)
    if (!indeg[v])
      ready.push(static_cast<NodeId>(v));
  topo.clear();
  topo.reserve(n);
  while (!ready.empty()) {
    NodeId v = ready.top();
    ready.pop();
    topo.push_back(v);
    for (NodeId w : succV[v])
      if (--indeg[w] == 0)
        ready.push(w);
  }

  if (topo.size() != n) {
    // Every node left over has a predecessor that is also left over, so
    // walking predecessors from the smallest leftover node must revisit a
    // node: that closes a cycle.
    NodeId start = kNoNode;
    for (size_t v = 0; v < n && start == kNoNode; ++v)
      if (indeg[v])
        start = static_cast<NodeId>(v);
    std::vector<uint32_t> seenAt(n, ~uint32_t(0));
    std::vector<NodeId> walk;
    NodeId v = start;
    while (seenAt[v] == ~uint32_t(0)) {
      seenAt[v] = static_cast<uint32_t>(walk.size());
      walk.push_back(v);
      NodeId next = kNoNode;
      for (NodeId p : predV[v])
        if (indeg[p]) {
          next = p;
          break;
        }
      v = next;
    }
    // walk[seenAt[v]..] is the cycle, in predecessor direction.
    std::vector<NodeId> cycle(walk.begin() + seenAt[v], walk.end());
    std::reverse(cycle.begin(), cycle.end());
    // Start the report at the smallest id for a canonical message.
    auto minIt = std::min_element(cycle.begin(), cycle.end());
    std::rotate(cycle.begin(), minIt, cycle.end());
    std::string msg = "cycle through nodes ";
    for (NodeId c : cycle)
      msg += describeNode(*this, c) + " -> ";
    msg += describeNode(*this, cycle.front());
    topo.clear();
    return msg;
  }

  topoPos.assign(n, 0);
  for (size_t i = 0; i < n; ++i)
    topoPos[topo[i]] = static_cast<uint32_t>(i);
  finalized = true;
  return "";
}

double Graph::totalTime(const NodeSet &s) const {
  double t = 0;
  const auto &w = s.rawWords();
  for (size_t i = 0; i < w.size(); ++i)
    for (uint64_t x = w[i]; x; x &= x - 1)
      t += timeV[i * 64 + __builtin_ctzll(x)];
  return t;
}

uint64_t Graph::totalBytes(const NodeSet &s) const {
  uint64_t b = 0;
  const auto &w = s.rawWords();
  for (size_t i = 0; i < w.size(); ++i)
    for (uint64_t x = w[i]; x; x &= x - 1)
      b += bytesV[i * 64 + __builtin_ctzll(x)];
  return b;
}

double Graph::totalTime() const {
  double t = 0;
  for (double x : timeV)
    t += x;
  return t;
}

uint64_t Graph::totalBytes() const {
  uint64_t b = 0;
  for (uint64_t x : bytesV)
    b += x;
  return b;
}

NodeSet Graph::succOf(const NodeSet &s) const {
  NodeSet out(size());
  for (NodeId v : s.elements())
    for (NodeId w : succV[v])
      out.insert(w);
  return out;
}

NodeSet Graph::predOf(const NodeSet &s) const {
  NodeSet out(size());
  for (NodeId v : s.elements())
    for (NodeId p : predV[v])
      out.insert(p);
  return out;
}

NodeSet Graph::ancestorsInclusive(NodeId v) const {
  NodeSet out(size());
  std::vector<NodeId> stack{v};
  out.insert(v);
  while (!stack.empty()) {
    NodeId x = stack.back();
    stack.pop_back();
    for (NodeId p : predV[x])
      if (!out.contains(p)) {
        out.insert(p);
        stack.push_back(p);
      }
  }
  return out;
}
