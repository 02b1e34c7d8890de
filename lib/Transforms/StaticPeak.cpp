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

namespace recompute {
#define GEN_PASS_DEF_RECOMPUTESTATICPEAKPASS
#include "recompute/Transforms/Passes.h.inc"
} // namespace recompute

using namespace mlir;

#define DEBUG_TYPE "recompute-static-peak"

namespace {

/// Live allocations (root value -> bytes) and the counters of one simulation.
/// A MapVector keeps the iteration order deterministic.
struct PeakState {
  llvm::MapVector<Value, uint64_t> live;
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

private:
  bool roundToAlignment;

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
    if (auto alloc = dyn_cast<memref::AllocOp>(op)) {
      FailureOr<uint64_t> bytes =
          allocationBytes(alloc, alloc.getType(), alloc.getAlignment());
      if (failed(bytes))
        return failure();
      state.allocate(alloc.getResult(), *bytes);
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
      state.allocate(clone.getResult(), *bytes);
      return success();
    }
    if (auto realloc = dyn_cast<memref::ReallocOp>(op)) {
      FailureOr<uint64_t> bytes =
          allocationBytes(realloc, realloc.getType(), realloc.getAlignment());
      if (failed(bytes))
        return failure();
      // The new buffer exists before the old one is released.
      state.allocate(realloc.getResult(), *bytes);
      state.free(rootOf(realloc.getSource()));
      return success();
    }
    if (auto dealloc = dyn_cast<memref::DeallocOp>(op)) {
      state.free(rootOf(dealloc.getMemref()));
      return success();
    }
    if (auto dealloc = dyn_cast<bufferization::DeallocOp>(op)) {
      // Conditions are unknown statically; buffers this function allocated
      // are owned by it, so count them as freed.
      for (Value memref : dealloc.getMemrefs())
        state.free(rootOf(memref));
      return success();
    }
    if (op.getNumRegions() == 0)
      return success();

    // The regions are treated as alternatives (as for scf.if; a loop body
    // is simulated once): each starts from the state before the op, the op's
    // peak is the largest region peak, and the state after the op is the
    // final state of the region that ends with the most bytes live.
    PeakState before = state;
    std::optional<PeakState> after;
    uint64_t peak = before.peakBytes, liveAtPeak = before.liveAllocsAtPeak;
    for (Region &region : op.getRegions()) {
      PeakState inRegion = before;
      for (Block &block : region)
        if (failed(simulate(block, inRegion)))
          return failure();
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
    state = std::move(*after);
    return success();
  }
};

struct RecomputeStaticPeakPass
    : public recompute::impl::RecomputeStaticPeakPassBase<
          RecomputeStaticPeakPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::json::Array functions;
    uint64_t largest = 0;
    bool failedAny = false;

    module.walk([&](func::FuncOp func) {
      if (func.isExternal())
        return;
      PeakState state;
      StaticPeakSimulator simulator(roundToAlignment);
      for (Block &block : func.getBody())
        if (failed(simulator.simulate(block, state))) {
          failedAny = true;
          return;
        }
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

    if (report.empty())
      return;
    llvm::json::Value json = llvm::json::Object{
        {"round_to_alignment", static_cast<bool>(roundToAlignment)},
        {"functions", std::move(functions)}};
    if (report == "-") {
      llvm::outs() << llvm::formatv("{0:2}", json) << "\n";
      return;
    }
    std::error_code ec;
    llvm::raw_fd_ostream os(report, ec, llvm::sys::fs::OF_Text);
    if (ec) {
      module.emitError("cannot write the static peak report to '")
          << report << "': " << ec.message();
      return signalPassFailure();
    }
    os << llvm::formatv("{0:2}", json) << "\n";
  }
};

} // namespace
