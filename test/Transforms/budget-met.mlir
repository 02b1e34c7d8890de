// A budget the unmodified step already meets: a remark, IR unchanged.
// RUN: recompute-opt %s --verify-diagnostics \
// RUN:   --recompute-memory-budget=budget=100% | FileCheck %s
// RUN: recompute-opt %s --verify-diagnostics \
// RUN:   --recompute-memory-budget=budget=1KiB | FileCheck %s

// CHECK-LABEL: func.func @step
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 10 forward ops, 4 backward ops, 3 activations crossing, 192 B}}
// expected-remark-re @+1 {{nothing to do: the unmodified step's peak of 260 B already fits the budget of {{1.0 KiB \(1024 bytes\)|260 B}}}}
func.func @step(%x: tensor<16xf32>) -> (tensor<f32>, tensor<16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %a3 = linalg.exp ins(%a2 : tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%a3 : tensor<16xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b2 = tensor.empty() : tensor<16xf32>
  %g2 = linalg.mul ins(%a3, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%b2 : tensor<16xf32>) -> tensor<16xf32>
  %b1 = tensor.empty() : tensor<16xf32>
  %g1 = linalg.mul ins(%g2, %a1 : tensor<16xf32>, tensor<16xf32>) outs(%b1 : tensor<16xf32>) -> tensor<16xf32>
  return %loss, %g1 : tensor<f32>, tensor<16xf32>
}
