// The phase split: by default the loss is result 0 and the forward phase is
// what it depends on; loss-result picks another result; recompute.phase
// overrides the heuristic op by op.
// RUN: recompute-opt %s --mlir-disable-threading \
// RUN:   --recompute-report=format=json -o /dev/null | FileCheck %s --check-prefix=DEFAULT
// RUN: recompute-opt %s --mlir-disable-threading \
// RUN:   '--recompute-report=format=json loss-result=1' -o /dev/null | FileCheck %s --check-prefix=LOSS1

// Result 0 depends on %a and %b (plus their tensor.empty ops): 4 forward
// ops; %c and %g are backward and read %a and %b.
// DEFAULT: "function": "two_losses"
// DEFAULT: "forward_ops": 4
// DEFAULT-NEXT: "backward_ops": 4
// DEFAULT-NEXT: "activations": 2
// DEFAULT-NEXT: "activation_bytes": 128
// DEFAULT: "name": "%1"
// DEFAULT: "name": "%3"
// With loss-result=1, the loss is %g: everything is forward.
// LOSS1: "function": "two_losses"
// LOSS1: "forward_ops": 8
// LOSS1-NEXT: "backward_ops": 0
// LOSS1-NEXT: "activations": 0
func.func @two_losses(%x: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %e1 = tensor.empty() : tensor<16xf32>
  %a = linalg.exp ins(%x : tensor<16xf32>) outs(%e1 : tensor<16xf32>) -> tensor<16xf32>
  %e2 = tensor.empty() : tensor<16xf32>
  %b = linalg.exp ins(%a : tensor<16xf32>) outs(%e2 : tensor<16xf32>) -> tensor<16xf32>
  %e3 = tensor.empty() : tensor<16xf32>
  %c = linalg.mul ins(%a, %b : tensor<16xf32>, tensor<16xf32>) outs(%e3 : tensor<16xf32>) -> tensor<16xf32>
  %e4 = tensor.empty() : tensor<16xf32>
  %g = linalg.mul ins(%c, %b : tensor<16xf32>, tensor<16xf32>) outs(%e4 : tensor<16xf32>) -> tensor<16xf32>
  return %b, %g : tensor<16xf32>, tensor<16xf32>
}
