// recompute-report: the analysis and plan as JSON or text, IR unchanged; and
// the JSON report of recompute-memory-budget with every documented key.
// RUN: recompute-opt %S/Inputs/chain.mlir --recompute-report=format=json -o %t.mlir \
// RUN:   | FileCheck %s --check-prefix=JSON
// RUN: recompute-opt %S/Inputs/chain.mlir | diff - %t.mlir
// RUN: recompute-opt %S/Inputs/chain.mlir '--recompute-report=format=text budget=4200' -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=TEXT
// RUN: recompute-opt %S/Inputs/chain.mlir '--recompute-report=format=json output=%t.json' -o /dev/null
// RUN: FileCheck %s --check-prefix=JSON --input-file=%t.json
// RUN: recompute-opt %S/Inputs/chain.mlir '--recompute-report=budget=3000' -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=INFEASIBLE
// RUN: recompute-opt %S/Inputs/chain.mlir '--recompute-memory-budget=budget=90% report=-' \
// RUN:   -o /dev/null 2>/dev/null | FileCheck %s --check-prefix=PASS

// JSON: {
// JSON-NEXT: "function": "chain",
// JSON-NEXT: "status": "planned",
// JSON-NEXT: "solver": "auto",
// JSON-NEXT: "solver_used": "{{exact|approx}}",
// JSON-NEXT: "strategy": "time-centric",
// JSON-NEXT: "cost_model": "flops",
// JSON-NEXT: "budget_bytes": null,
// JSON-NEXT: "peak_bytes_before": 5124,
// JSON-NEXT: "peak_bytes_after": 4100,
// JSON-NEXT: "predicted_peak_bytes": 4100,
// JSON-NEXT: "min_achievable_peak_bytes": 4100,
// JSON-NEXT: "argument_bytes": 1024,
// JSON-NEXT: "forward_flops": 1281,
// JSON-NEXT: "backward_flops": 1024,
// JSON-NEXT: "recompute_flops": 256,
// JSON-NEXT: "overhead": 0.111
// JSON-NEXT: "recompute_cost": 256,
// JSON-NEXT: "forward_ops": 12,
// JSON-NEXT: "backward_ops": 8,
// JSON-NEXT: "activations": 4,
// JSON-NEXT: "activation_bytes": 4096,
// JSON-NEXT: "kept": 3,
// JSON-NEXT: "recomputed": 1,
// JSON-NEXT: "recomputed_ops": 2,
// JSON-NEXT: "candidates": {{[0-9]+}},
// Four exps (each with its tensor.empty) and the loss (empty + fill +
// reduce); edges along the chain.
// JSON-NEXT: "graph_nodes": 5,
// JSON-NEXT: "graph_edges": 4,
// JSON-NEXT: "values": [
// JSON-NEXT: {
// JSON-NEXT: "name": "%1",
// JSON-NEXT: "op": "linalg.exp",
// JSON-NEXT: "bytes": 1024,
// JSON-NEXT: "kept": false
// JSON-NEXT: },
// JSON: "seconds": {{.*}}
// JSON-NEXT: }

// TEXT: function @chain: planned
// TEXT-NEXT: phase split: 12 forward ops, 8 backward ops, 4 activations crossing (4.0 KiB (4096 bytes))
// TEXT-NEXT: graph: {{[0-9]+}} nodes, {{[0-9]+}} edges
// TEXT-NEXT: arguments: 1.0 KiB (1024 bytes)
// TEXT-NEXT: budget: 4.1 KiB (4200 bytes)
// TEXT-NEXT: solver: auto (used {{exact|approx}}), strategy: time-centric, cost model: flops
// TEXT-NEXT: peak before: 5.0 KiB (5124 bytes)
// TEXT-NEXT: peak after: 4.0 KiB (4100 bytes)
// TEXT-NEXT: smallest achievable peak: 4.0 KiB (4100 bytes)
// TEXT-NEXT: activations kept: 3 of 4; values recomputed: 1 (2 ops, 256 FLOPs, overhead 11.11%)
// TEXT-NEXT: recompute %1 linalg.exp 1.0 KiB
// TEXT-NEXT: keep      %3 linalg.exp 1.0 KiB

// INFEASIBLE: function @chain: infeasible (budget 2.9 KiB (3000 bytes) is below the smallest achievable peak of 4.0 KiB (4100 bytes))

// PASS: "function": "chain",
// PASS-NEXT: "status": "rewritten",
// PASS: "budget_bytes": 4611,
// PASS-NEXT: "peak_bytes_before": 5124,
// PASS-NEXT: "peak_bytes_after": 4100,
