// Two runs on the same input with the same options give byte-identical IR
// and reports; only the report's wall time ("seconds") differs.
// RUN: recompute-opt %recompute_src/test/Integration/Inputs/mlp.mlir \
// RUN:   '--recompute-memory-budget=budget=80% report=%t.r1.json' -o %t.o1.mlir
// RUN: recompute-opt %recompute_src/test/Integration/Inputs/mlp.mlir \
// RUN:   '--recompute-memory-budget=budget=80% report=%t.r2.json' -o %t.o2.mlir
// RUN: diff %t.o1.mlir %t.o2.mlir
// RUN: FileCheck %s --input-file=%t.o1.mlir
// RUN: grep -v '"seconds"' %t.r1.json > %t.r1.stable
// RUN: grep -v '"seconds"' %t.r2.json > %t.r2.stable
// RUN: diff %t.r1.stable %t.r2.stable
// RUN: FileCheck %s --check-prefix=REPORT --input-file=%t.r1.stable
// No budget (the smallest peak) and the approximate solver, too.
// RUN: recompute-opt %S/../Inputs/chain.mlir '--recompute-memory-budget=solver=approx' -o %t.o3.mlir
// RUN: recompute-opt %S/../Inputs/chain.mlir '--recompute-memory-budget=solver=approx' -o %t.o4.mlir
// RUN: diff %t.o3.mlir %t.o4.mlir
// RUN: FileCheck %s --input-file=%t.o3.mlir

// CHECK: recompute.remat
// REPORT: "status": "rewritten"
// REPORT: "peak_bytes_after": 82948
