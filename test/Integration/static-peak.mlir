// recompute-static-peak on hand-written bufferized functions.
//
// RUN: recompute-opt %s --split-input-file --recompute-static-peak | FileCheck %s
// RUN: recompute-opt %s --split-input-file --recompute-static-peak=round-to-alignment=1 \
// RUN:   | FileCheck %s --check-prefix=ROUND
// RUN: recompute-opt %s --split-input-file --recompute-static-peak=emit-remarks=1 \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: not recompute-opt %s --split-input-file --recompute-static-peak='report=%t.missing-dir/x.json' \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: recompute-opt %s --split-input-file --recompute-static-peak='report=-' -o /dev/null \
// RUN:   | FileCheck %s --check-prefix=JSON

// Straight line; a dealloc through a view frees the viewed buffer; function
// arguments do not count. a (400 B) + b (256 B) live at once.
// CHECK-LABEL: func.func @straight
// CHECK-SAME:    recompute.static_peak_bytes = 656 : i64
// With 64-byte alignment, a is 448 B and c 64 B.
// ROUND-LABEL: func.func @straight
// ROUND-SAME:    recompute.static_peak_bytes = 704 : i64
// REMARK: remark: static peak 656 bytes (2 allocations live), 3 allocations, 2 frees, 4 bytes live at the end
// JSON: "end_live_bytes": 4,
// JSON: "live_allocs_at_peak": 2,
// JSON: "name": "straight",
// JSON: "peak_bytes": 656
func.func @straight(%arg: memref<1024xf32>) -> memref<f32> {
  %a = memref.alloc() {alignment = 64} : memref<100xf32>
  %b = memref.alloc() {alignment = 64} : memref<64xf32>
  memref.dealloc %a : memref<100xf32>
  %c = memref.alloc() {alignment = 64} : memref<f32>
  %v = memref.subview %b[8] [16] [1] : memref<64xf32> to memref<16xf32, strided<[1], offset: 8>>
  memref.dealloc %v : memref<16xf32, strided<[1], offset: 8>>
  return %c : memref<f32>
}

// -----

// Without an alignment attribute the aligned lowering uses
// max(16, element size rounded to a power of two): 3 x i8 -> 16 B,
// 3 x i64 -> 32 B.
// CHECK-LABEL: func.func @default_alignment
// CHECK-SAME:    recompute.static_peak_bytes = 27 : i64
// ROUND-LABEL: func.func @default_alignment
// ROUND-SAME:    recompute.static_peak_bytes = 48 : i64
func.func @default_alignment() {
  %a = memref.alloc() : memref<3xi8>
  %b = memref.alloc() : memref<3xi64>
  memref.dealloc %a : memref<3xi8>
  memref.dealloc %b : memref<3xi64>
  return
}

// -----

// Loops: the body's temporaries (2 x 512 B) add to what is live around the
// loop (1 KiB); a buffer freed in the body is not accumulated over
// iterations.
// CHECK-LABEL: func.func @loop
// CHECK-SAME:    recompute.static_peak_bytes = 2048 : i64
func.func @loop(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %outer = memref.alloc() : memref<256xf32>
  scf.for %i = %c0 to %n step %c1 {
    %tmp = memref.alloc() : memref<128xf32>
    %tmp2 = memref.alloc() : memref<128xf32>
    memref.dealloc %tmp : memref<128xf32>
    memref.dealloc %tmp2 : memref<128xf32>
  }
  memref.dealloc %outer : memref<256xf32>
  return
}

// -----

// Branches: the larger branch counts (2 KiB); the buffer the branch leaves
// allocated (here yielded, 1 KiB) stays live after the op, once.
// CHECK-LABEL: func.func @branches
// CHECK-SAME:    recompute.static_peak_bytes = 3072 : i64
func.func @branches(%cond: i1) -> memref<256xf32> {
  %r = scf.if %cond -> memref<256xf32> {
    %big = memref.alloc() : memref<512xf32>
    memref.dealloc %big : memref<512xf32>
    %res = memref.alloc() : memref<256xf32>
    scf.yield %res : memref<256xf32>
  } else {
    %res = memref.alloc() : memref<256xf32>
    scf.yield %res : memref<256xf32>
  }
  // The branch result (1 KiB, counted once) is live here: 1 KiB + 2 KiB.
  %after = memref.alloc() : memref<512xf32>
  memref.dealloc %after : memref<512xf32>
  return %r : memref<256xf32>
}

// -----

// A clone allocates; external declarations are skipped.
// CHECK-LABEL: func.func private @external
// CHECK-NOT:     recompute.static_peak_bytes
// CHECK-LABEL: func.func @clone
// CHECK-SAME:    recompute.static_peak_bytes = 128 : i64
func.func private @external(memref<16xf32>)
func.func @clone(%arg: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  %b = bufferization.clone %a : memref<16xf32> to memref<16xf32>
  memref.dealloc %a : memref<16xf32>
  func.call @external(%b) : (memref<16xf32>) -> ()
  memref.dealloc %b : memref<16xf32>
  return
}

// NOFILE: error: cannot write the static peak report to '{{.*}}x.json'
