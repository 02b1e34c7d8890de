// The lowering pipelines on a small step: recompute-bufferize frees every
// buffer right after its last use (not at the end of the block), and
// recompute-lower-to-llvm routes allocations through the generic functions
// the runtime counter defines, with 64-byte alignment.
//
// RUN: recompute-opt %s --recompute-bufferize | FileCheck %s --check-prefix=BUF
// RUN: recompute-opt %s --recompute-lower-to-llvm | FileCheck %s --check-prefix=LLVM
// RUN: recompute-opt %s --recompute-lower-to-llvm | FileCheck %s --check-prefix=DONE

#id = affine_map<(i) -> (i)>

func.func @step(%x: tensor<16xf32>) -> tensor<16xf32> {
  %e1 = tensor.empty() : tensor<16xf32>
  %a = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = math.exp %v : f32
    linalg.yield %r : f32
  } -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %b = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%a : tensor<16xf32>) outs(%e2 : tensor<16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.addf %v, %v : f32
    linalg.yield %r : f32
  } -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %c = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%b : tensor<16xf32>) outs(%e3 : tensor<16xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.mulf %v, %v : f32
    linalg.yield %r : f32
  } -> tensor<16xf32>
  return %c : tensor<16xf32>
}

// BUF-LABEL: func.func @step
// BUF:       %[[A:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
// BUF:       %[[B:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
// BUF:       linalg.generic {{.*}} ins(%[[A]] : {{.*}}) outs(%[[B]]
// BUF:       memref.dealloc %[[A]]
// BUF-NEXT:  %[[C:.*]] = memref.alloc() {alignment = 64 : i64} : memref<16xf32>
// BUF:       linalg.generic {{.*}} ins(%[[B]] : {{.*}}) outs(%[[C]]
// BUF:       memref.dealloc %[[B]]
// BUF-NEXT:  return %[[C]]

// LLVM-DAG:   llvm.func @_mlir_memref_to_llvm_aligned_alloc(i64, i64) -> !llvm.ptr
// LLVM-DAG:   llvm.func @_mlir_memref_to_llvm_free(!llvm.ptr)
// LLVM-LABEL: llvm.func @step
// LLVM:       %[[ALIGN:.*]] = llvm.mlir.constant(64 : index) : i64
// LLVM-NEXT:  llvm.call @_mlir_memref_to_llvm_aligned_alloc(%[[ALIGN]], %{{.*}})
// LLVM:       llvm.call @_mlir_memref_to_llvm_free

// Nothing but the LLVM dialect is left.
// DONE-NOT: linalg.
// DONE-NOT: memref.
// DONE-NOT: math.
// DONE-NOT: unrealized_conversion_cast
