// RecomputePlugin.so in stock mlir-opt 22: the passes and pipelines run when
// named inside a textual pipeline (-p). mlir-opt only warns about a plugin it
// cannot load, so every RUN line checks that the pass really ran: the IR it
// changed, the report it wrote, or the attribute it set.
//
// RUN: %mlir_opt --load-pass-plugin=%recompute_plugin \
// RUN:   -p 'builtin.module(func.func(recompute-memory-budget{budget=85% report=%t.json}))' %s \
// RUN:   | FileCheck %s --check-prefix=REMAT
// RUN: FileCheck %s --check-prefix=REPORT < %t.json
//
// RUN: %mlir_opt --load-pass-plugin=%recompute_plugin \
// RUN:   -p 'builtin.module(func.func(recompute-report{format=json}))' %s -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=ANALYSIS
//
// The pipelines and the static peak pass come with the plugin too.
// RUN: %mlir_opt --load-pass-plugin=%recompute_plugin \
// RUN:   -p 'builtin.module(recompute-bufferize,recompute-static-peak)' %s \
// RUN:   | FileCheck %s --check-prefix=STATIC
//
// recompute-opt has the passes built in; loading the plugin there as well is
// harmless (the plugin then registers nothing).
// RUN: recompute-opt --load-pass-plugin=%recompute_plugin --recompute-bufferize \
// RUN:   --recompute-static-peak %s | FileCheck %s --check-prefix=STATIC
//
// Without the plugin (or with a wrong path) the pipeline cannot name the pass.
// RUN: not %mlir_opt --load-pass-plugin=%t.no-such-plugin.so \
// RUN:   -p 'builtin.module(func.func(recompute-memory-budget))' %s 2>&1 \
// RUN:   | FileCheck %s --check-prefix=MISSING

#id = affine_map<(i) -> (i)>
#all = affine_map<(i) -> ()>

// A chain of four tanh layers; the backward pass needs every activation.
func.func @train_step(%x: tensor<1024xf32>) -> (tensor<f32>, tensor<1024xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %e1 = tensor.empty() : tensor<1024xf32>
  %h1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%x : tensor<1024xf32>) outs(%e1 : tensor<1024xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<1024xf32>
  %e2 = tensor.empty() : tensor<1024xf32>
  %h2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%h1 : tensor<1024xf32>) outs(%e2 : tensor<1024xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<1024xf32>
  %e3 = tensor.empty() : tensor<1024xf32>
  %h3 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%h2 : tensor<1024xf32>) outs(%e3 : tensor<1024xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<1024xf32>
  %e4 = tensor.empty() : tensor<1024xf32>
  %h4 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%h3 : tensor<1024xf32>) outs(%e4 : tensor<1024xf32>) {
  ^bb0(%a: f32, %o: f32):
    %t = math.tanh %a : f32
    linalg.yield %t : f32
  } -> tensor<1024xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.generic {indexing_maps = [#id, #all], iterator_types = ["reduction"]}
      ins(%h4 : tensor<1024xf32>) outs(%fl : tensor<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  } -> tensor<f32>

  // backward: g_{i-1} = g_i * (1 - h_i^2), starting from g_4 = 1
  %eg3 = tensor.empty() : tensor<1024xf32>
  %g3 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]}
      ins(%h4 : tensor<1024xf32>) outs(%eg3 : tensor<1024xf32>) {
  ^bb0(%h: f32, %o: f32):
    %sq = arith.mulf %h, %h : f32
    %d = arith.subf %one, %sq : f32
    linalg.yield %d : f32
  } -> tensor<1024xf32>
  %eg2 = tensor.empty() : tensor<1024xf32>
  %g2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%g3, %h3 : tensor<1024xf32>, tensor<1024xf32>) outs(%eg2 : tensor<1024xf32>) {
  ^bb0(%g: f32, %h: f32, %o: f32):
    %sq = arith.mulf %h, %h : f32
    %d = arith.subf %one, %sq : f32
    %r = arith.mulf %g, %d : f32
    linalg.yield %r : f32
  } -> tensor<1024xf32>
  %eg1 = tensor.empty() : tensor<1024xf32>
  %g1 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%g2, %h2 : tensor<1024xf32>, tensor<1024xf32>) outs(%eg1 : tensor<1024xf32>) {
  ^bb0(%g: f32, %h: f32, %o: f32):
    %sq = arith.mulf %h, %h : f32
    %d = arith.subf %one, %sq : f32
    %r = arith.mulf %g, %d : f32
    linalg.yield %r : f32
  } -> tensor<1024xf32>
  %egx = tensor.empty() : tensor<1024xf32>
  %gx = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%g1, %h1 : tensor<1024xf32>, tensor<1024xf32>) outs(%egx : tensor<1024xf32>) {
  ^bb0(%g: f32, %h: f32, %o: f32):
    %sq = arith.mulf %h, %h : f32
    %d = arith.subf %one, %sq : f32
    %r = arith.mulf %g, %d : f32
    linalg.yield %r : f32
  } -> tensor<1024xf32>
  return %loss, %gx : tensor<f32>, tensor<1024xf32>
}

// At 85% one activation must go (the smallest achievable peak is four of the
// five 4 KiB buffers): a forward tanh is cloned into the backward phase.
// REMAT-LABEL: func.func @train_step
// REMAT:       math.tanh
// REMAT:       linalg.generic {{.*}}recompute.remat
// REMAT-NEXT:  ^bb0
// REMAT-NEXT:  math.tanh
// REPORT: "status": "rewritten"
// REPORT: "peak_bytes_after"
// ANALYSIS: "peak_bytes_before"
// STATIC: func.func @train_step{{.*}}recompute.static_peak_bytes =
// MISSING: Failed to load passes from '{{.*}}no-such-plugin.so'. Request ignored.
// MISSING: 'recompute-memory-budget' does not refer to a registered pass or pass pipeline
