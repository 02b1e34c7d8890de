// linalg.softmax is not lowered by convert-linalg-to-loops; the recompute
// pipelines decompose it first (AggregatedOpInterface), so it runs.
//
// RUN: recompute-opt %s --recompute-bufferize | FileCheck %s --check-prefix=BUF
// RUN: recompute-opt %s --recompute-lower-to-llvm | %mlir_runner | FileCheck %s

// BUF-NOT: linalg.softmax
// BUF:     math.exp

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  // Row 0: equal logits; row 1: logits 0, ln 3 -> 1/4, 3/4.
  %x = arith.constant dense<[[1.0, 1.0, 1.0, 1.0], [0.0, 1.0986123, -1000.0, -1000.0]]> : tensor<2x4xf32>
  %e = tensor.empty() : tensor<2x4xf32>
  %s = linalg.softmax dimension(1) ins(%x : tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  %u = tensor.cast %s : tensor<2x4xf32> to tensor<*xf32>
  func.call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// CHECK:      {{\[\[}}0.25,{{ +}}0.25,{{ +}}0.25,{{ +}}0.25],
// CHECK-NEXT: {{^ \[}}0.25,{{ +}}0.75,{{ +}}0,{{ +}}0]]
