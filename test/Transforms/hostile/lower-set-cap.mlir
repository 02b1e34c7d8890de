// The exact solvers on graphs with too many lower sets: the enumeration stops
// at lower-set-cap, the planner falls back to the approximate family (exact
// -> approx, paper-exact -> paper-approx), the step is still rewritten, and a
// remark says which solver ran instead and why. The JSON report carries the
// same note. On 40 parallel branches (over 2^40 lower sets) with the default
// cap of 200000 the fallback takes well under a second.
// RUN: recompute-opt %S/Inputs/wide6.mlir '--recompute-memory-budget=solver=exact lower-set-cap=8' 2>&1 | FileCheck %s --check-prefix=EXACT
// RUN: recompute-opt %S/Inputs/wide6.mlir '--recompute-memory-budget=solver=paper-exact lower-set-cap=8' 2>&1 | FileCheck %s --check-prefix=PAPER
// RUN: recompute-opt %S/Inputs/wide6.mlir '--recompute-memory-budget=solver=auto lower-set-cap=8' 2>&1 | FileCheck %s --check-prefix=AUTO
// RUN: recompute-opt %S/Inputs/wide6.mlir '--recompute-memory-budget=solver=exact' 2>&1 | FileCheck %s --check-prefix=UNDER
// RUN: recompute-opt %S/Inputs/wide6.mlir '--recompute-memory-budget=solver=exact lower-set-cap=8 report=-' -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=JSON
// RUN: recompute-opt %S/Inputs/wide40.mlir '--recompute-memory-budget=solver=exact' 2>&1 | FileCheck %s --check-prefix=WIDE
// RUN: recompute-opt %S/Inputs/wide40.mlir '--recompute-memory-budget=solver=paper-exact' 2>&1 | FileCheck %s --check-prefix=WIDEPAPER

// EXACT: remark: solver fallback: exact: more than 8 lower sets (the cap); used approx
// EXACT: remark: recomputing {{[0-9]+}} of 12 activations
// EXACT: recompute.remat

// PAPER: remark: solver fallback: paper-exact: more than 8 lower sets (the cap); used paper-approx
// PAPER: remark: recomputing {{[0-9]+}} of 12 activations

// AUTO: remark: solver fallback: auto: more than 8 lower sets (the cap); used approx
// AUTO: remark: recomputing {{[0-9]+}} of 12 activations

// UNDER-NOT: solver fallback
// UNDER: remark: recomputing {{[0-9]+}} of 12 activations

// JSON: "solver": "exact"
// JSON: "solver_used": "approx"
// JSON: "fallback_note": "exact: more than 8 lower sets (the cap); used approx"

// WIDE: remark: solver fallback: exact: more than 200000 lower sets (the cap); used approx
// WIDE: remark: recomputing {{[0-9]+}} of 80 activations

// WIDEPAPER: remark: solver fallback: paper-exact: more than 200000 lower sets (the cap); used paper-approx
// WIDEPAPER: remark: recomputing {{[0-9]+}} of 80 activations
