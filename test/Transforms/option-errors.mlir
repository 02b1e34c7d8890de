// Malformed option values: an error at the function, and the pass fails.
// RUN: not recompute-opt %s --recompute-memory-budget=budget=12XB 2>&1 | FileCheck %s --check-prefix=BUDGET
// RUN: not recompute-opt %s --recompute-memory-budget=budget=-5 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not recompute-opt %s --recompute-memory-budget=solver=greedy 2>&1 | FileCheck %s --check-prefix=SOLVER
// RUN: not recompute-opt %s --recompute-memory-budget=strategy=fastest 2>&1 | FileCheck %s --check-prefix=STRATEGY
// RUN: not recompute-opt %s --recompute-memory-budget=cost-model=cycles 2>&1 | FileCheck %s --check-prefix=COST
// RUN: not recompute-opt %s --recompute-memory-budget=lower-set-cap=0 2>&1 | FileCheck %s --check-prefix=CAP
// RUN: not recompute-opt %s --recompute-report=format=xml 2>&1 | FileCheck %s --check-prefix=FORMAT
// RUN: not recompute-opt %s --recompute-report=budget=1QB 2>&1 | FileCheck %s --check-prefix=REPORT-BUDGET
// RUN: not recompute-opt %s '--recompute-memory-budget=report=%t.missing/dir/r.json' 2>&1 | FileCheck %s --check-prefix=REPORT-FILE

// BUDGET: option-errors.mlir:[[@LINE+9]]:1: error: invalid budget '12XB':
// NEGATIVE: option-errors.mlir:[[@LINE+8]]:1: error: invalid budget '-5':
// SOLVER: option-errors.mlir:[[@LINE+7]]:1: error: unknown solver 'greedy' (expected auto, exact, approx, chen, paper-approx or paper-exact)
// STRATEGY: option-errors.mlir:[[@LINE+6]]:1: error: unknown strategy 'fastest' (expected time-centric or memory-centric)
// COST: option-errors.mlir:[[@LINE+5]]:1: error: unknown cost model 'cycles' (expected flops, unit or paper)
// CAP: option-errors.mlir:[[@LINE+4]]:1: error: lower-set-cap must be positive
// FORMAT: option-errors.mlir:[[@LINE+3]]:1: error: unknown format 'xml' (expected text or json)
// REPORT-BUDGET: option-errors.mlir:[[@LINE+2]]:1: error: invalid budget '1QB':
// REPORT-FILE: option-errors.mlir:[[@LINE+1]]:1: error: cannot write report to '{{.*}}r.json':
func.func @step(%x: tensor<16xf32>, %w: tensor<16xf32>) -> (tensor<f32>, tensor<16xf32>) {
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
