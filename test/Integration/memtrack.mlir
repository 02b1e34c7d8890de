// The runtime counter alone, on hand-written allocations with known sizes.
// The aligned lowering rounds each size up to a multiple of the alignment:
// 100 B -> 128 B, 4 B -> 64 B; 256 B stays.
//
// RUN: mlir-opt %s --finalize-memref-to-llvm='use-generic-functions=1 use-aligned-alloc=1' \
// RUN:   --convert-to-llvm --reconcile-unrealized-casts \
// RUN: | %mlir_runner | FileCheck %s
//
// Before the first reset, counting starts at process start (the 64 B buffer
// %early).
// CHECK: MEMTRACK peak_bytes=64 live_bytes=64 allocs=1 frees=0 peak_live_allocs=1
// Then: a (128) + b (256) = 384; a freed; + c (64) + d (128) = 448 with three
// allocations live, which is the peak; b and c freed leaves d (128).
// CHECK-NEXT: MEMTRACK peak_bytes=448 live_bytes=128 allocs=4 frees=3 peak_live_allocs=3
// Buffers allocated before a reset and freed after it change nothing.
// CHECK-NEXT: MEMTRACK peak_bytes=0 live_bytes=0 allocs=0 frees=0 peak_live_allocs=0
// CHECK-NOT: unknown_frees

func.func private @memtrack_reset()
func.func private @memtrack_report()

func.func @main() {
  %f = arith.constant 1.0 : f32
  %i = arith.constant 7 : i8
  %c0 = arith.constant 0 : index
  %early = memref.alloc() {alignment = 64} : memref<16xf32>
  memref.store %f, %early[%c0] : memref<16xf32>
  func.call @memtrack_report() : () -> ()
  func.call @memtrack_reset() : () -> ()
  %a = memref.alloc() {alignment = 64} : memref<25xf32>
  memref.store %f, %a[%c0] : memref<25xf32>
  %b = memref.alloc() {alignment = 64} : memref<64xf32>
  memref.store %f, %b[%c0] : memref<64xf32>
  memref.dealloc %a : memref<25xf32>
  %c = memref.alloc() {alignment = 64} : memref<f32>
  memref.store %f, %c[] : memref<f32>
  %d = memref.alloc() {alignment = 64} : memref<100xi8>
  memref.store %i, %d[%c0] : memref<100xi8>
  memref.dealloc %b : memref<64xf32>
  memref.dealloc %c : memref<f32>
  func.call @memtrack_report() : () -> ()
  func.call @memtrack_reset() : () -> ()
  memref.dealloc %early : memref<16xf32>
  memref.dealloc %d : memref<100xi8>
  func.call @memtrack_report() : () -> ()
  return
}
