// Found by utils/fuzz-pass.py (campaign seeds 1-10000, first at seed 14),
// minimised by hand: a forward tensor %a read only through a scalar
// (tensor.extract) whose users come later. Bufferization loads the scalar
// and frees %a right away (static peak 1028 bytes: %b and the loss), but
// the analysis keeps %a live until the last use of the scalar and predicts
// 2048 bytes for the unmodified step. The prediction is safe (too high) but
// not exact, unlike what docs/Passes.md promises; the pass can then reject
// feasible budgets or pick a worse plan. Owner: lib/Analysis/TrainingGraph.cpp.
// Remove the XFAIL line when the predicted peak equals the static one.
//
// RUN: recompute-opt %s '--recompute-memory-budget=budget=100% report=%t.json' -o /dev/null
// RUN: recompute-opt %s --recompute-bufferize '--recompute-static-peak=report=%t.static.json' -o /dev/null
// RUN: %check_peak --static-vs-report %t.static.json %t.json | FileCheck %s
// CHECK: check-peak: static-vs-report function=train_step static=1028 predicted=1028 ok

func.func @train_step(%x: tensor<16x16xf32>, %w: tensor<16x16xf32>) -> (tensor<f32>, tensor<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %e1 = tensor.empty() : tensor<16x16xf32>
  %a = linalg.mul ins(%x, %w : tensor<16x16xf32>, tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %s = tensor.extract %a[%c0, %c0] : tensor<16x16xf32>
  %e2 = tensor.empty() : tensor<16x16xf32>
  %b = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x16xf32>) outs(%e2 : tensor<16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %s : f32
    linalg.yield %m : f32
  } -> tensor<16x16xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%b : tensor<16x16xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %t = arith.addf %in, %acc : f32
      linalg.yield %t : f32
    }
  // Backward: dw = x * s, reading the forward scalar.
  %e3 = tensor.empty() : tensor<16x16xf32>
  %dw = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<16x16xf32>) outs(%e3 : tensor<16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %s : f32
    linalg.yield %m : f32
  } -> tensor<16x16xf32>
  return %loss, %dw : tensor<f32>, tensor<16x16xf32>
}
