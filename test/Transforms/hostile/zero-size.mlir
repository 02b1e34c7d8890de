// Zero-size tensors with every solver: all nodes are 0 bytes, the plan keeps
// everything and the IR is unchanged (chenSequence used to loop forever).
// RUN: recompute-opt %s --recompute-memory-budget=solver=auto 2>&1 | FileCheck %s
// RUN: recompute-opt %s --recompute-memory-budget=solver=exact 2>&1 | FileCheck %s
// RUN: recompute-opt %s --recompute-memory-budget=solver=approx 2>&1 | FileCheck %s
// RUN: recompute-opt %s --recompute-memory-budget=solver=chen 2>&1 | FileCheck %s
// RUN: recompute-opt %s --recompute-memory-budget=solver=paper-exact 2>&1 | FileCheck %s
// RUN: recompute-opt %s --recompute-memory-budget=solver=paper-approx 2>&1 | FileCheck %s
// RUN: recompute-opt %s --recompute-report 2>&1 | FileCheck %s --check-prefix=REPORT

// CHECK: remark: nothing to do: the plan keeps every activation (peak 0 B)
// CHECK-NOT: recompute.remat
// CHECK: return
// REPORT: unchanged (the plan keeps every activation)
func.func @t_0xf32(%x: tensor<16x0xf32>) -> (tensor<16x0xf32>, tensor<16x0xf32>) {
  %e1 = tensor.empty() : tensor<16x0xf32>
  %a1 = linalg.copy ins(%x : tensor<16x0xf32>) outs(%e1 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %e2 = tensor.empty() : tensor<16x0xf32>
  %a2 = linalg.copy ins(%a1 : tensor<16x0xf32>) outs(%e2 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %e3 = tensor.empty() : tensor<16x0xf32>
  %a3 = linalg.copy ins(%a2 : tensor<16x0xf32>) outs(%e3 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %b3 = tensor.empty() : tensor<16x0xf32>
  %g3 = linalg.copy ins(%a3 : tensor<16x0xf32>) outs(%b3 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %b2 = tensor.empty() : tensor<16x0xf32>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16x0xf32>, tensor<16x0xf32>) outs(%b2 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %b1 = tensor.empty() : tensor<16x0xf32>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16x0xf32>, tensor<16x0xf32>) outs(%b1 : tensor<16x0xf32>) -> tensor<16x0xf32>
  return %a3, %g1 : tensor<16x0xf32>, tensor<16x0xf32>
}
