//===- Simulator.h - Exact liveness peak of a concrete schedule -----------===//
//
// Part of the recompute project. Std-only C++17.
//
//===----------------------------------------------------------------------===//
//
// Given a Program and the set of forward nodes to keep, build the concrete
// schedule and replay it with every buffer freed right after its last use:
//
//   1. forward: every node in topological order; a node that is not kept is
//      freed after its last forward use;
//   2. backward: the backward ops in order; right before the first backward
//      op that needs a discarded node, recompute it (and, recursively, its
//      discarded inputs) in topological order. Each discarded node is
//      recomputed at most once and its recomputed instance serves every
//      later use.
//
// Peak = the largest sum of live bytes right after any step allocates
// (before that step's frees). Overhead = the summed time of recompute steps.
// This is the number a user sees; the paper's model M is only an upper bound.
//
//===----------------------------------------------------------------------===//

#ifndef RECOMPUTE_GRAPH_SIMULATOR_H
#define RECOMPUTE_GRAPH_SIMULATOR_H

#include "recompute/Graph/Program.h"

#include <memory>

namespace recompute {

enum class StepKind : uint8_t { Forward, Recompute, Backward };

struct Step {
  StepKind kind;
  /// Node id for Forward/Recompute, backward op index for Backward.
  uint32_t id;
};

struct SimOptions {
  /// Record the schedule and the live bytes after every step.
  bool recordSchedule = false;
};

struct SimResult {
  uint64_t peak = 0;
  /// Index in `schedule` where the peak is first reached (when recorded).
  size_t peakStep = 0;
  /// Sum of T_v over recompute steps.
  double overhead = 0;
  /// Number of recompute steps.
  size_t recomputeCount = 0;
  /// Bytes live at the end (escaping and persistent values).
  uint64_t finalLive = 0;
  std::vector<Step> schedule; // when recorded
  std::vector<uint64_t>
      liveAfter; // when recorded: live bytes at each step's peak point
};

/// `kept` has one bit per node; nodes that are not recomputable are treated
/// as kept whatever `kept` says.
SimResult simulate(const Program &p, const NodeSet &kept,
                   const SimOptions &options = {});

/// Simulates many kept sets of one program: the program is flattened once
/// and scratch space is reused, so each run() costs a few passes over the
/// schedule. Results are identical to simulate(). `p` must outlive this
/// object and stay unchanged.
class ScheduleSimulator {
public:
  explicit ScheduleSimulator(const Program &p);
  ~ScheduleSimulator();
  ScheduleSimulator(const ScheduleSimulator &) = delete;
  ScheduleSimulator &operator=(const ScheduleSimulator &) = delete;

  SimResult run(const NodeSet &kept, const SimOptions &options = {});
  /// The nodes recomputed by the last run(), in schedule order.
  const std::vector<NodeId> &lastRecomputed() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

/// The no-recomputation schedule (every node kept).
inline SimResult simulateVanilla(const Program &p) {
  return simulate(p, NodeSet(p.graph.size(), true));
}

/// A lower bound on the peak of any schedule of `p` that keeps the backward
/// order: for every backward op, the bytes it must hold at once (the forward
/// values and backward values it reads, what it defines) plus persistent
/// values created before it, backward values live across it and escaping
/// forward values; for every forward node, its bytes plus its inputs'. The
/// largest over all of these.
uint64_t peakLowerBound(const Program &p);

} // namespace recompute

#endif // RECOMPUTE_GRAPH_SIMULATOR_H
