// With loss-result=1 the loss depends on an op pinned to the backward phase.
// RUN: recompute-opt %s --verify-diagnostics \
// RUN:   '--recompute-report=loss-result=1' -o /dev/null

func.func @conflict(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e4 = tensor.empty() : tensor<16xf32>
  // expected-error @+1 {{op marked recompute.phase = "backward" is used by a forward op}}
  %d = linalg.exp {recompute.phase = "backward"} ins(%x : tensor<16xf32>) outs(%e4 : tensor<16xf32>) -> tensor<16xf32>
  %e6 = tensor.empty() : tensor<16xf32>
  // expected-note @+1 {{forward user}}
  %h = linalg.add ins(%a, %d : tensor<16xf32>, tensor<16xf32>) outs(%e6 : tensor<16xf32>) -> tensor<16xf32>
  return %a, %h : tensor<16xf32>, tensor<16xf32>
}
