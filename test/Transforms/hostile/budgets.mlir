// Hostile budgets on the four-layer chain (unmodified peak 5124 bytes,
// smallest achievable 4100 bytes). Malformed and negative values are errors
// at the function; a budget at or above the unmodified peak changes nothing;
// exactly the smallest achievable peak is feasible and rewrites.
// RUN: not recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=0 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: not recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=-1 2>&1 | FileCheck %s --check-prefix=NEG
// RUN: not recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=12XB 2>&1 | FileCheck %s --check-prefix=UNIT
// RUN: not recompute-opt %S/../Inputs/chain.mlir '--recompute-memory-budget=budget=%' 2>&1 | FileCheck %s --check-prefix=PCT
// RUN: not recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=1e400 2>&1 | FileCheck %s --check-prefix=EXP
// RUN: not recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=18446744073709551616 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=0% 2>&1 | FileCheck %s --check-prefix=ZEROPCT
// RUN: not recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=4099 2>&1 | FileCheck %s --check-prefix=BELOW
// RUN: recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=150% 2>&1 | FileCheck %s --check-prefix=OVER
// RUN: recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=6000 2>&1 | FileCheck %s --check-prefix=LARGER
// RUN: recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=5124 2>&1 | FileCheck %s --check-prefix=EXACTPEAK
// RUN: recompute-opt %S/../Inputs/chain.mlir --recompute-memory-budget=budget=4100 2>&1 | FileCheck %s --check-prefix=SMALLEST

// ZERO: error: budget 0 B is below the smallest achievable peak of 4.0 KiB (4100 bytes)
// ZERO-NOT: recompute.remat
// NEG: error: invalid budget '-1': negative budget '-1'
// UNIT: error: invalid budget '12XB': unknown unit 'XB'
// PCT: error: invalid budget '%': expected a number
// EXP: error: invalid budget '1e400': exponent notation is not supported
// HUGE: error: invalid budget '18446744073709551616': {{.*}} exceeds 2^63 bytes
// ZEROPCT: error: invalid budget '0%': percentage must be greater than 0
// BELOW: error: budget 4.0 KiB (4099 bytes) is below the smallest achievable peak of 4.0 KiB (4100 bytes)

// OVER: remark: nothing to do: the unmodified step's peak of 5.0 KiB (5124 bytes) already fits the budget of 7.5 KiB (7686 bytes)
// OVER-NOT: recompute.remat
// OVER: return
// LARGER: remark: nothing to do: the unmodified step's peak of 5.0 KiB (5124 bytes) already fits the budget of 5.9 KiB (6000 bytes)
// LARGER-NOT: recompute.remat
// LARGER: return
// EXACTPEAK: remark: nothing to do: {{.*}} already fits the budget of 5.0 KiB (5124 bytes)
// EXACTPEAK-NOT: recompute.remat
// EXACTPEAK: return
// SMALLEST: remark: recomputing 1 of 4 activations {{.*}} peak 5.0 KiB (5124 bytes) -> 4.0 KiB (4100 bytes), budget 4.0 KiB (4100 bytes)
// SMALLEST: recompute.remat
