// Every remark of recompute-memory-budget, and the cases that leave the IR
// unchanged.
// RUN: recompute-opt %s --split-input-file --verify-diagnostics \
// RUN:   --recompute-memory-budget | FileCheck %s

// Declarations are skipped silently.
func.func private @external(tensor<4xf32>) -> tensor<4xf32>

// -----

// expected-remark @+1 {{nothing to do: the function returns nothing, so it has no loss}}
func.func @main() {
  return
}

// -----

// expected-remark @+2 {{phase split: 3 forward ops, 0 backward ops, 0 activations crossing, 0 B}}
// expected-remark @+1 {{nothing to do: no backward ops}}
func.func @forward_only(%x: tensor<4xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  return %fl : tensor<f32>
}

// -----

// The backward op reads only an argument.
// expected-remark @+2 {{phase split: 2 forward ops, 2 backward ops, 0 activations crossing, 0 B}}
// expected-remark @+1 {{nothing to do: no activation crosses from the forward to the backward phase}}
func.func @nothing_crosses(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %a = linalg.exp ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %b = tensor.empty() : tensor<4xf32>
  %g = linalg.exp ins(%x : tensor<4xf32>) outs(%b : tensor<4xf32>) -> tensor<4xf32>
  return %a, %g : tensor<4xf32>, tensor<4xf32>
}

// -----

// Every activation is needed by the first backward op: recomputing cannot
// lower the peak, so the plan keeps everything.
// CHECK-LABEL: func.func @keeps_all
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 8 forward ops, 2 backward ops, 2 activations crossing, 128 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 196 B)}}
func.func @keeps_all(%x: tensor<16xf32>) -> (tensor<f32>, tensor<16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<16xf32>
  %a1 = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%a2 : tensor<16xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b = tensor.empty() : tensor<16xf32>
  %g = linalg.mul ins(%a1, %a2 : tensor<16xf32>, tensor<16xf32>) outs(%b : tensor<16xf32>) -> tensor<16xf32>
  return %loss, %g : tensor<f32>, tensor<16xf32>
}

// -----

// CHECK-LABEL: func.func @recomputes
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 10 forward ops, 4 backward ops, 3 activations crossing, 192 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.49% of the step's FLOPs): peak 260 B -> 196 B}}
func.func @recomputes(%x: tensor<16xf32>) -> (tensor<f32>, tensor<16xf32>) {
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
