// recompute.phase overrides the heuristic op by op.
// RUN: recompute-opt %s --recompute-report=format=json -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=DEFAULT

// recompute.phase = "forward" pulls %c (and its dependencies) into the
// forward phase; recompute.phase = "backward" on %d is consistent (nothing
// forward needs it), so it only asserts the heuristic's answer.
// DEFAULT: "function": "overrides"
// DEFAULT: "forward_ops": 6
// DEFAULT-NEXT: "backward_ops": 6
// DEFAULT-NEXT: "activations": 2
// DEFAULT: "name": "%1"
// DEFAULT: "name": "%5"
func.func @overrides(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %b = linalg.exp ins(%a : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %c = linalg.mul {recompute.phase = "forward"} ins(%a, %x : tensor<16xf32>, tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %e4 = tensor.empty() {recompute.phase = "backward"} : tensor<16xf32>
  %d = linalg.exp {recompute.phase = "backward"} ins(%x : tensor<16xf32>) outs(%e4 : tensor<16xf32>) -> tensor<16xf32>
  %e5 = tensor.empty() : tensor<16xf32>
  %g = linalg.mul ins(%c, %a : tensor<16xf32>, tensor<16xf32>) outs(%e5 : tensor<16xf32>) -> tensor<16xf32>
  %e6 = tensor.empty() : tensor<16xf32>
  %h = linalg.add ins(%g, %d : tensor<16xf32>, tensor<16xf32>) outs(%e6 : tensor<16xf32>) -> tensor<16xf32>
  return %b, %h : tensor<16xf32>, tensor<16xf32>
}
