// RUN: recompute-opt %s --recompute-static-peak -verify-diagnostics -o /dev/null

func.func @dynamic(%n: index) {
  // expected-error @below {{cannot size an allocation of dynamic shape 'memref<?xf32>'}}
  %a = memref.alloc(%n) : memref<?xf32>
  memref.dealloc %a : memref<?xf32>
  return
}
