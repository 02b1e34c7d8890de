// A loss that is not the function's first result, without loss-result: the
// pass takes result 0 (here a gradient, which depends on every op) for the
// loss, finds no backward op, leaves the IR untouched and says how to fix
// it. With loss-result=1 the same step is split and rewritten. An
// out-of-range loss-result is an error (loss-result-errors.mlir).
// RUN: recompute-opt %s --recompute-memory-budget 2>&1 | FileCheck %s --check-prefix=DEFAULT
// RUN: recompute-opt %s --recompute-memory-budget=loss-result=1 2>&1 | FileCheck %s --check-prefix=LOSS1

// DEFAULT: remark: phase split: 12 forward ops, 0 backward ops, 0 activations crossing, 0 B
// DEFAULT: remark: nothing to do: no backward ops (the loss is taken to be result 0, which depends on every op; set loss-result if the loss is another result)
// DEFAULT-NOT: recompute.remat
// DEFAULT: return %{{.*}}, %{{.*}} : tensor<16xf32>, tensor<16xf32>

// LOSS1: remark: phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 192 B
// LOSS1: remark: recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 320 B -> 256 B
// LOSS1: linalg.exp {recompute.remat = 0 : i64} ins(%arg0
func.func @loss_last(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %a3 = linalg.exp ins(%a2 : tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %b3 = tensor.empty() : tensor<16xf32>
  %g3 = linalg.exp ins(%a3 : tensor<16xf32>) outs(%b3 : tensor<16xf32>) -> tensor<16xf32>
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %g1, %a3 : tensor<16xf32>, tensor<16xf32>
}
