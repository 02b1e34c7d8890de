// recompute-static-peak{profile=...}: the live-bytes curve in program order
// and the largest buffers live at the peak (used by recompute-bench for the
// memory-over-time plots of docs/benchmarks.md).
//
// RUN: recompute-opt %s --recompute-static-peak='profile=-' -o /dev/null \
// RUN:   | FileCheck %s
// RUN: recompute-opt %s --recompute-static-peak='profile=- profile-top=1' \
// RUN:   -o /dev/null | FileCheck %s --check-prefix=TOP1
// RUN: not recompute-opt %s --recompute-static-peak='profile=%t.missing-dir/p.json' \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOFILE

// Ops are numbered in a walk of the body (the function op itself is not
// counted): 0 %a, 1 %b, 2 constant, 3 fill (4: the yield of its body),
// 5 dealloc %a, 6 %c, 7 scf.if (8 alloc, 9 dealloc, 10 yield), 11 dealloc
// %b, 12 return. The if's region allocates 16 B on top of 260 B: one point
// for the whole op, and its region peak.
// CHECK:      "functions": [
// CHECK:          "curve": [
// CHECK-NEXT:       [
// CHECK-NEXT:         0,
// CHECK-NEXT:         400
// CHECK-NEXT:       ],
// CHECK-NEXT:       [
// CHECK-NEXT:         1,
// CHECK-NEXT:         656
// CHECK-NEXT:       ],
// CHECK-NEXT:       [
// CHECK-NEXT:         5,
// CHECK-NEXT:         256
// CHECK-NEXT:       ],
// CHECK-NEXT:       [
// CHECK-NEXT:         6,
// CHECK-NEXT:         260
// CHECK-NEXT:       ],
// CHECK-NEXT:       [
// CHECK-NEXT:         7,
// CHECK-NEXT:         260
// CHECK-NEXT:       ],
// CHECK-NEXT:       [
// CHECK-NEXT:         11,
// CHECK-NEXT:         4
// CHECK-NEXT:       ]
// CHECK-NEXT:     ],
// CHECK-NEXT:     "live_allocs_at_peak": 2,
// CHECK-NEXT:     "live_at_peak": [
// CHECK-NEXT:       [
// CHECK-NEXT:         400,
// CHECK-NEXT:         "memref.dealloc",
// CHECK-NEXT:         0,
// CHECK-NEXT:         "memref<100xf32>",
// CHECK-NEXT:         "loc(\"{{.*}}static-peak-profile.mlir\":[[@LINE+31]]:8)"
// CHECK-NEXT:       ],
// CHECK-NEXT:       [
// CHECK-NEXT:         256,
// CHECK-NEXT:         "linalg.fill",
// CHECK-NEXT:         1,
// CHECK-NEXT:         "memref<64xf32>",
// CHECK-NEXT:         "loc(\"{{.*}}static-peak-profile.mlir\":[[@LINE+25]]:8)"
// CHECK-NEXT:       ]
// CHECK-NEXT:     ],
// CHECK-NEXT:     "name": "profiled",
// CHECK-NEXT:     "num_ops": 13,
// CHECK-NEXT:     "peak_bytes": 656,
// CHECK-NEXT:     "peak_op": 1,
// CHECK-NEXT:     "region_peaks": [
// CHECK-NEXT:       [
// CHECK-NEXT:         7,
// CHECK-NEXT:         276
// CHECK-NEXT:       ]
// CHECK-NEXT:     ]
// CHECK:        "round_to_alignment": false

// TOP1:      "live_at_peak": [
// TOP1-NEXT:   [
// TOP1-NEXT:     400,
// TOP1:      ],
// TOP1-NEXT: "name": "profiled",

// NOFILE: error: cannot write the static peak profile to '{{.*}}missing-dir/p.json'

func.func @profiled(%cond: i1) -> memref<f32> {
  %a = memref.alloc() : memref<100xf32>
  %b = memref.alloc() : memref<64xf32>
  %zero = arith.constant 0.0 : f32
  linalg.fill ins(%zero : f32) outs(%b : memref<64xf32>)
  memref.dealloc %a : memref<100xf32>
  %c = memref.alloc() : memref<f32>
  scf.if %cond {
    %t = memref.alloc() : memref<4xf32>
    memref.dealloc %t : memref<4xf32>
  }
  memref.dealloc %b : memref<64xf32>
  return %c : memref<f32>
}
