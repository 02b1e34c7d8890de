// RUN: recompute-opt %s --verify-diagnostics \
// RUN:   --recompute-memory-budget=loss-result=2
// RUN: recompute-opt %s --verify-diagnostics \
// RUN:   --recompute-report=loss-result=2 -o /dev/null

// expected-error @+1 {{loss-result 2 is out of range: the function has 2 results}}
func.func @step(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  return %x, %x : tensor<4xf32>, tensor<4xf32>
}
