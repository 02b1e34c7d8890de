//===- StaticPeak.cpp - peak of live heap buffers of bufferized code ------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// recompute-static-peak: simulates bufferized functions in program order and
// reports the largest number of bytes their own heap buffers hold at once.
// See the pass description in Passes.td.
//
//===----------------------------------------------------------------------===//

#include "recompute/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace recompute {
#define GEN_PASS_DEF_RECOMPUTESTATICPEAKPASS
#include "recompute/Transforms/Passes.h.inc"
} // namespace recompute

using namespace mlir;

#define DEBUG_TYPE "recompute-static-peak"

namespace {

/// The memory-over-time profile of one function (the `profile` option):
/// points of its top-level block only; nested regions are summarised.
struct Profile {
  /// [op ordinal, live bytes] after every allocation and free.
  std::vector<std::pair<uint64_t, uint64_t>> curve;
  /// [op ordinal, peak inside] of ops with regions that allocate.
  std::vector<std::pair<uint64_t, uint64_t>> regionPeaks;
  /// Ordinal of the op at which the peak is first reached.
  uint64_t peakOp = 0;
  /// The allocations live then, with their bytes.
  std::vector<std::pair<Value, uint64_t>> liveAtPeak;
  /// Ordinal of each allocation.
  llvm::DenseMap<Value, uint64_t> allocOrdinal;
};

/// Live allocations (root value -> bytes) and the counters of one simulation.
/// A MapVector keeps the iteration order deterministic.
struct PeakState {
  llvm::MapVector<Value, uint64_t> live;
  /// Where to record the profile; null when not asked for and inside
  /// regions (simulated as alternatives, summarised by their op).
  Profile *profile = nullptr;
  uint64_t liveBytes = 0;
  uint64_t peakBytes = 0;
  uint64_t liveAllocsAtPeak = 0;
  uint64_t numAllocs = 0;
  uint64_t numFrees = 0;

  void allocate(Value root, uint64_t bytes) {
    if (!live.insert({root, bytes}).second)
      return; // Already live: a loop body simulated once allocates once.
    liveBytes += bytes;
    ++numAllocs;
    if (liveBytes > peakBytes) {
      peakBytes = liveBytes;
      liveAllocsAtPeak = live.size();
    }
  }

  void free(Value root) {
    auto it = live.find(root);
    if (it == live.end())
      return; // Not ours (an argument, a global) or already freed.
    liveBytes -= it->second;
    live.erase(it);
    ++numFrees;
  }
};

class StaticPeakSimulator {
public:
  StaticPeakSimulator(bool roundToAlignment)
      : roundToAlignment(roundToAlignment) {}

  LogicalResult simulate(Block &block, PeakState &state) {
    for (Operation &op : block)
      if (failed(simulate(op, state)))
        return failure();
    return success();
  }

  /// Number of ops walked so far (the profile's time axis).
  uint64_t numOps() const { return ordinal; }

private:
  bool roundToAlignment;
  uint64_t ordinal = 0;

  /// Records a profile point (and the live set at a new peak).
  void record(PeakState &state, uint64_t opOrdinal, uint64_t oldPeak) {
    Profile *profile = state.profile;
    if (!profile)
      return;
    profile->curve.push_back({opOrdinal, state.liveBytes});
    if (state.peakBytes > oldPeak) {
      profile->peakOp = opOrdinal;
      profile->liveAtPeak.assign(state.live.begin(), state.live.end());
    }
  }

  void allocate(PeakState &state, Value root, uint64_t bytes,
                uint64_t opOrdinal) {
    uint64_t oldPeak = state.peakBytes;
    state.allocate(root, bytes);
    if (state.profile)
      state.profile->allocOrdinal.try_emplace(root, opOrdinal);
    record(state, opOrdinal, oldPeak);
  }

  void free(PeakState &state, Value root, uint64_t opOrdinal) {
    uint64_t oldLive = state.liveBytes;
    state.free(root);
    if (state.liveBytes != oldLive)
      record(state, opOrdinal, state.peakBytes);
  }

  /// Follows view-like ops and casts back to the buffer they view.
  static Value rootOf(Value v) {
    while (Operation *def = v.getDefiningOp()) {
      if (auto view = dyn_cast<ViewLikeOpInterface>(def)) {
        v = view.getViewSource();
        continue;
      }
      break;
    }
    return v;
  }

  FailureOr<uint64_t> allocationBytes(Operation *op, MemRefType type,
                                      std::optional<uint64_t> alignment) {
    if (!type.hasStaticShape())
      return op->emitError("cannot size an allocation of dynamic shape ")
             << type;
    DataLayout layout = DataLayout::closest(op);
    uint64_t elemBytes =
        layout.getTypeSize(type.getElementType()).getFixedValue();
    uint64_t bytes = elemBytes * static_cast<uint64_t>(type.getNumElements());
    if (!roundToAlignment)
      return bytes;
    // As finalize-memref-to-llvm{use-aligned-alloc=1}: the alignment
    // attribute, else the element size rounded up to a power of two and at
    // least 16; the size is rounded up to a multiple of the alignment.
    uint64_t align =
        alignment ? *alignment
                  : std::max<uint64_t>(16, llvm::PowerOf2Ceil(elemBytes));
    if (align == 0)
      return bytes;
    return llvm::alignTo(bytes, align);
  }

  LogicalResult simulate(Operation &op, PeakState &state) {
    const uint64_t here = ordinal++;
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      FailureOr<uint64_t> bytes =
          allocationBytes(alloc, alloc.getType(), alloc.getAlignment());
      if (failed(bytes))
        return failure();
      allocate(state, alloc.getResult(), *bytes, here);
      return success();
    }
    if (auto clone = dyn_cast<bufferization::CloneOp>(op)) {
      auto type = dyn_cast<MemRefType>(clone.getType());
      if (!type)
        return clone.emitError("cannot size a clone of unranked type ")
               << clone.getType();
      FailureOr<uint64_t> bytes = allocationBytes(clone, type, std::nullopt);
      if (failed(bytes))
        return failure();
      allocate(state, clone.getResult(), *bytes, here);
      return success();
    }
    if (auto realloc = dyn_cast<memref::ReallocOp>(op)) {
      FailureOr<uint64_t> bytes =
          allocationBytes(realloc, realloc.getType(), realloc.getAlignment());
      if (failed(bytes))
        return failure();
      // The new buffer exists before the old one is released.
      allocate(state, realloc.getResult(), *bytes, here);
      free(state, rootOf(realloc.getSource()), here);
      return success();
    }
    if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
      free(state, rootOf(dealloc.getMemref()), here);
      return success();
    }
    if (auto dealloc = dyn_cast<bufferization::DeallocOp>(op)) {
      // Conditions are unknown statically; buffers this function allocated
      // are owned by it, so count them as freed.
      for (Value memref : dealloc.getMemrefs())
        free(state, rootOf(memref), here);
      return success();
    }
    if (op.getNumRegions() == 0)
      return success();

    // The regions are treated as alternatives (as for scf.if; a loop body
    // is simulated once): each starts from the state before the op, the op's
    // peak is the largest region peak, and the state after the op is the
    // final state of the region that ends with the most bytes live.
    PeakState before = state;
    before.profile = nullptr;
    std::optional<PeakState> after;
    uint64_t peak = before.peakBytes, liveAtPeak = before.liveAllocsAtPeak;
    uint64_t regionPeak = 0;
    for (Region &region : op.getRegions()) {
      PeakState inRegion = before;
      // The peak reached inside this region alone.
      inRegion.peakBytes = inRegion.liveBytes;
      for (Block &block : region)
        if (failed(simulate(block, inRegion)))
          return failure();
      regionPeak = std::max(regionPeak, inRegion.peakBytes);
      if (inRegion.peakBytes > peak) {
        peak = inRegion.peakBytes;
        liveAtPeak = inRegion.liveAllocsAtPeak;
      }
      if (!after || inRegion.liveBytes > after->liveBytes)
        after = std::move(inRegion);
    }
    if (!after)
      return success();
    after->peakBytes = peak;
    after->liveAllocsAtPeak = liveAtPeak;
    Profile *profile = state.profile;
    uint64_t oldPeak = state.peakBytes, oldLive = state.liveBytes;
    after->profile = profile;
    state = std::move(*after);
    // Regions that allocate nothing (linalg bodies) leave no trace.
    if (profile && (regionPeak > oldLive || state.liveBytes != oldLive)) {
      profile->regionPeaks.push_back({here, regionPeak});
      record(state, here, oldPeak);
      if (state.peakBytes > oldPeak)
        profile->peakOp = here; // live set: after the op, not inside it
    }
    return success();
  }
};

/// The first op that uses the buffer `root` (through views), in program
/// order within the block of its first user: the op the buffer was made for.
std::string firstUserName(Value root) {
  Value v = root;
  for (unsigned depth = 0; depth < 8; ++depth) {
    Operation *first = nullptr;
    for (Operation *user : v.getUsers()) {
      if (!first || (user->getBlock() == first->getBlock() &&
                     user->isBeforeInBlock(first)))
        first = user;
    }
    if (!first)
      return "";
    auto view = dyn_cast<ViewLikeOpInterface>(first);
    if (!view || first->getNumResults() != 1)
      return first->getName().getStringRef().str();
    v = first->getResult(0);
  }
  return "";
}

/// Writes `json` to `path` ('-' = stdout); false (with an error) on failure.
bool writeJSON(ModuleOp module, StringRef what, const std::string &path,
               llvm::json::Value json) {
  if (path == "-") {
    llvm::outs() << llvm::formatv("{0:2}", json) << "\n";
    return true;
  }
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_Text);
  if (ec) {
    module.emitError("cannot write the static peak ")
        << what << " to '" << path << "': " << ec.message();
    return false;
  }
  os << llvm::formatv("{0:2}", json) << "\n";
  return true;
}

llvm::json::Object profileToJSON(func::FuncOp func, const Profile &profile,
                                 uint64_t numOps, uint64_t peakBytes,
                                 unsigned top) {
  llvm::json::Array curve, regionPeaks, liveAtPeak;
  for (auto [op, bytes] : profile.curve)
    curve.push_back(llvm::json::Array{static_cast<int64_t>(op),
                                      static_cast<int64_t>(bytes)});
  for (auto [op, bytes] : profile.regionPeaks)
    regionPeaks.push_back(llvm::json::Array{static_cast<int64_t>(op),
                                            static_cast<int64_t>(bytes)});
  // Largest first; ties in allocation order (the order of liveAtPeak).
  std::vector<size_t> order(profile.liveAtPeak.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    uint64_t ba = profile.liveAtPeak[a].second;
    uint64_t bb = profile.liveAtPeak[b].second;
    return ba != bb ? ba > bb : a < b;
  });
  std::vector<std::pair<Value, uint64_t>> live;
  for (size_t i : order)
    live.push_back(profile.liveAtPeak[i]);
  for (size_t i = 0; i < live.size() && i < top; ++i) {
    auto it = profile.allocOrdinal.find(live[i].first);
    int64_t at = it == profile.allocOrdinal.end()
                     ? -1
                     : static_cast<int64_t>(it->second);
    std::string type, loc;
    llvm::raw_string_ostream typeOs(type), locOs(loc);
    live[i].first.getType().print(typeOs);
    live[i].first.getLoc().print(locOs);
    liveAtPeak.push_back(llvm::json::Array{static_cast<int64_t>(live[i].second),
                                           firstUserName(live[i].first), at,
                                           type, loc});
  }
  return llvm::json::Object{
      {"name", func.getSymName().str()},
      {"num_ops", static_cast<int64_t>(numOps)},
      {"peak_bytes", static_cast<int64_t>(peakBytes)},
      {"peak_op", static_cast<int64_t>(profile.peakOp)},
      {"live_allocs_at_peak", static_cast<int64_t>(profile.liveAtPeak.size())},
      {"live_at_peak", std::move(liveAtPeak)},
      {"region_peaks", std::move(regionPeaks)},
      {"curve", std::move(curve)},
  };
}

struct RecomputeStaticPeakPass
    : public recompute::impl::RecomputeStaticPeakPassBase<
          RecomputeStaticPeakPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::json::Array functions, profiles;
    uint64_t largest = 0;
    bool failedAny = false;

    module.walk([&](func::FuncOp func) {
      if (func.isExternal())
        return;
      PeakState state;
      Profile profileData;
      if (!profile.empty())
        state.profile = &profileData;
      StaticPeakSimulator simulator(roundToAlignment);
      for (Block &block : func.getBody())
        if (failed(simulator.simulate(block, state))) {
          failedAny = true;
          return;
        }
      if (!profile.empty())
        profiles.push_back(profileToJSON(func, profileData, simulator.numOps(),
                                         state.peakBytes, profileTop));
      largest = std::max(largest, state.peakBytes);
      OpBuilder builder(func);
      func->setAttr(
          "recompute.static_peak_bytes",
          builder.getI64IntegerAttr(static_cast<int64_t>(state.peakBytes)));
      if (emitRemarks)
        mlir::emitRemark(func.getLoc())
            << "static peak " << state.peakBytes << " bytes ("
            << state.liveAllocsAtPeak << " allocations live), "
            << state.numAllocs << " allocations, " << state.numFrees
            << " frees, " << state.liveBytes << " bytes live at the end";
      functions.push_back(llvm::json::Object{
          {"name", func.getSymName().str()},
          {"peak_bytes", static_cast<int64_t>(state.peakBytes)},
          {"live_allocs_at_peak", static_cast<int64_t>(state.liveAllocsAtPeak)},
          {"allocs", static_cast<int64_t>(state.numAllocs)},
          {"frees", static_cast<int64_t>(state.numFrees)},
          {"end_live_bytes", static_cast<int64_t>(state.liveBytes)},
      });
    });
    if (failedAny)
      return signalPassFailure();
    numPeakBytes = largest;

    if (!report.empty() &&
        !writeJSON(module, "report", report,
                   llvm::json::Object{{"round_to_alignment",
                                       static_cast<bool>(roundToAlignment)},
                                      {"functions", std::move(functions)}}))
      return signalPassFailure();
    if (!profile.empty() &&
        !writeJSON(module, "profile", profile,
                   llvm::json::Object{{"round_to_alignment",
                                       static_cast<bool>(roundToAlignment)},
                                      {"functions", std::move(profiles)}}))
      return signalPassFailure();
  }
};

} // namespace
