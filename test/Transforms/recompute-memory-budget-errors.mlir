// Diagnostics located in the IR. Valid IR the analysis cannot model (several
// blocks, dynamic shapes) is a warning and the function is left unchanged
// (test/Transforms/hostile/shapes.mlir, pipeline.mlir); misuse of
// recompute.phase is an error.
// RUN: recompute-opt %s --split-input-file --verify-diagnostics \
// RUN:   --recompute-memory-budget

// expected-warning @+1 {{expected a function with a single block, found 2; the function is left unchanged}}
func.func @two_blocks(%x: tensor<4xf32>) -> tensor<4xf32> {
  cf.br ^bb1
^bb1:
  return %x : tensor<4xf32>
}

// -----

// expected-warning @+1 {{argument #0 has type 'tensor<?x4xf32>': only statically shaped ranked tensors are supported; the function is left unchanged}}
func.func @dynamic_argument(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}

// -----

func.func @dynamic_result(%n: index) -> tensor<?xf32> {
  // expected-warning @+1 {{result #0 has type 'tensor<?xf32>': only statically shaped ranked tensors are supported; the function is left unchanged}}
  %e = tensor.empty(%n) : tensor<?xf32>
  return %e : tensor<?xf32>
}

// -----

func.func @bad_phase(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  // expected-error @+1 {{invalid recompute.phase "sideways": expected "forward" or "backward"}}
  %a = linalg.exp {recompute.phase = "sideways"} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %a : tensor<4xf32>
}

// -----

func.func @backward_feeds_forward(%x: tensor<4xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  // expected-error @+1 {{op marked recompute.phase = "backward" is used by a forward op}}
  %a = linalg.exp {recompute.phase = "backward"} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  // expected-note @+1 {{forward user}}
  %loss = linalg.reduce ins(%a : tensor<4xf32>) outs(%fl : tensor<f32>) dimensions = [0]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  return %loss : tensor<f32>
}

// -----

func.func @loss_marked_backward(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  // expected-error @+1 {{the loss (result 0) is computed by an op marked recompute.phase = "backward"}}
  %a = linalg.exp {recompute.phase = "backward"} ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %a : tensor<4xf32>
}
