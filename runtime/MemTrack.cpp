//===- MemTrack.cpp - live/peak byte counter for lowered MLIR code --------===//
//
// Part of the recompute project.
//
//===----------------------------------------------------------------------===//
//
// Defines the generic allocation entry points that
// `finalize-memref-to-llvm{use-generic-functions=1}` makes lowered code call
// (the MLIR runner utilities do not define them), and counts the bytes of
// every live allocation. Lowered code brackets the region it wants to measure
// with `memtrack_reset()` and `memtrack_report()`:
//
//   func.func private @memtrack_reset()
//   func.func private @memtrack_report()
//   ...
//   func.call @memtrack_reset() : () -> ()
//   %r:4 = func.call @train_step(...) {no_inline} : (...) -> (...)
//   func.call @memtrack_report() : () -> ()
//
// `memtrack_report` prints one line to stdout,
//
//   MEMTRACK peak_bytes=P live_bytes=L allocs=A frees=F peak_live_allocs=K
//
// where P is the largest number of bytes live at once since the last reset,
// counting only allocations made since that reset, L the bytes still live, A
// and F the numbers of allocations and frees since the reset, and K the
// number of allocations live when the peak was first reached (so that a
// checker can bound the alignment padding inside P by K * (alignment - 1)).
// Sizes are the
// requested sizes: `_mlir_memref_to_llvm_aligned_alloc` receives the size
// already rounded up to a multiple of the alignment by the lowering, so a
// `memref<f32>` with 64-byte alignment counts as 64 bytes.
//
// Setting the environment variable MEMTRACK_TRACE=1 also prints one line per
// allocation and free to stderr (`MEMTRACK alloc id=... bytes=... live=...`),
// for diagnosing differences between measured and predicted peaks.
//
// Memory freed that was allocated before the last reset is freed without
// changing the counters. Freeing an unknown pointer is counted as an error
// and reported.
//
//===----------------------------------------------------------------------===//

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

namespace {

struct Allocation {
  uint64_t bytes;
  uint64_t id;
  bool sinceReset;
};

struct Tracker {
  std::mutex lock;
  std::unordered_map<void *, Allocation> live;
  uint64_t liveBytes = 0;
  uint64_t peakBytes = 0;
  uint64_t numAllocs = 0;
  uint64_t numFrees = 0;
  uint64_t numUnknownFrees = 0;
  uint64_t nextId = 0;
  uint64_t numLive = 0;
  uint64_t peakLive = 0;
  bool trace = false;

  Tracker() {
    const char *env = std::getenv("MEMTRACK_TRACE");
    trace = env && *env && std::strcmp(env, "0") != 0;
  }

  void recordAlloc(void *ptr, uint64_t bytes) {
    if (!ptr)
      return;
    std::lock_guard<std::mutex> guard(lock);
    uint64_t id = nextId++;
    live[ptr] = Allocation{bytes, id, true};
    liveBytes += bytes;
    ++numAllocs;
    ++numLive;
    if (liveBytes > peakBytes) {
      peakBytes = liveBytes;
      peakLive = numLive;
    }
    if (trace)
      std::fprintf(stderr,
                   "MEMTRACK alloc id=%" PRIu64 " bytes=%" PRIu64
                   " live=%" PRIu64 "\n",
                   id, bytes, liveBytes);
  }

  void recordFree(void *ptr) {
    if (!ptr)
      return;
    std::lock_guard<std::mutex> guard(lock);
    auto it = live.find(ptr);
    if (it == live.end()) {
      ++numUnknownFrees;
      return;
    }
    Allocation a = it->second;
    live.erase(it);
    if (!a.sinceReset)
      return;
    liveBytes -= a.bytes;
    ++numFrees;
    --numLive;
    if (trace)
      std::fprintf(stderr,
                   "MEMTRACK free id=%" PRIu64 " bytes=%" PRIu64
                   " live=%" PRIu64 "\n",
                   a.id, a.bytes, liveBytes);
  }

  void reset() {
    std::lock_guard<std::mutex> guard(lock);
    // Allocations made before the reset stay known (so that freeing them is
    // not an error) but no longer count.
    for (auto &entry : live)
      entry.second.sinceReset = false;
    liveBytes = 0;
    peakBytes = 0;
    numAllocs = 0;
    numFrees = 0;
    numUnknownFrees = 0;
    nextId = 0;
    numLive = 0;
    peakLive = 0;
    if (trace)
      std::fprintf(stderr, "MEMTRACK reset\n");
  }

  void report() {
    std::lock_guard<std::mutex> guard(lock);
    std::fflush(stdout);
    std::printf("MEMTRACK peak_bytes=%" PRIu64 " live_bytes=%" PRIu64
                " allocs=%" PRIu64 " frees=%" PRIu64
                " peak_live_allocs=%" PRIu64,
                peakBytes, liveBytes, numAllocs, numFrees, peakLive);
    if (numUnknownFrees)
      std::printf(" unknown_frees=%" PRIu64, numUnknownFrees);
    std::printf("\n");
    std::fflush(stdout);
  }
};

Tracker &tracker() {
  static Tracker *t = new Tracker(); // never destroyed: used until exit
  return *t;
}

} // namespace

extern "C" {

void *_mlir_memref_to_llvm_alloc(uint64_t size) {
  void *ptr = std::malloc(size ? size : 1);
  tracker().recordAlloc(ptr, size);
  return ptr;
}

void *_mlir_memref_to_llvm_aligned_alloc(uint64_t alignment, uint64_t size) {
  // aligned_alloc requires a power-of-two alignment that is a multiple of
  // sizeof(void *) and a size that is a multiple of the alignment; the
  // lowering already rounds the size, but be defensive.
  uint64_t align = alignment < sizeof(void *) ? sizeof(void *) : alignment;
  uint64_t rounded = (size + align - 1) / align * align;
  if (rounded == 0)
    rounded = align;
  void *ptr = std::aligned_alloc(align, rounded);
  tracker().recordAlloc(ptr, size);
  return ptr;
}

void _mlir_memref_to_llvm_free(void *ptr) {
  tracker().recordFree(ptr);
  std::free(ptr);
}

void memtrack_reset() { tracker().reset(); }

void memtrack_report() { tracker().report(); }

/// Peak bytes since the last reset; callable from MLIR as
/// `func.func private @memtrack_peak_bytes() -> i64`.
int64_t memtrack_peak_bytes() {
  std::lock_guard<std::mutex> guard(tracker().lock);
  return static_cast<int64_t>(tracker().peakBytes);
}

} // extern "C"
