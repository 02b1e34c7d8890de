// Element types of every width, and zero-size tensors. Sizes come from the
// data layout (i1 and i8 1 byte, f16/bf16 2, f64/complex<f32>/index 8,
// vector<4xf32> 16); every step with bytes to save is rewritten. A step whose
// tensors are all empty (16x0) keeps everything (used to hang the planner).
// RUN: recompute-opt %s --split-input-file --verify-diagnostics \
// RUN:   --recompute-memory-budget | FileCheck %s

// CHECK-LABEL: func.func @t_i1
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 48 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 80 B -> 64 B}}
func.func @t_i1(%x: tensor<16xi1>) -> (tensor<16xi1>, tensor<16xi1>) {
  %e1 = tensor.empty() : tensor<16xi1>
  %a1 = linalg.copy ins(%x : tensor<16xi1>) outs(%e1 : tensor<16xi1>) -> tensor<16xi1>
  %e2 = tensor.empty() : tensor<16xi1>
  %a2 = linalg.copy ins(%a1 : tensor<16xi1>) outs(%e2 : tensor<16xi1>) -> tensor<16xi1>
  %e3 = tensor.empty() : tensor<16xi1>
  %a3 = linalg.copy ins(%a2 : tensor<16xi1>) outs(%e3 : tensor<16xi1>) -> tensor<16xi1>
  %b3 = tensor.empty() : tensor<16xi1>
  %g3 = linalg.copy ins(%a3 : tensor<16xi1>) outs(%b3 : tensor<16xi1>) -> tensor<16xi1>
  %b2 = tensor.empty() : tensor<16xi1>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xi1>, tensor<16xi1>) outs(%b2 : tensor<16xi1>) -> tensor<16xi1>
  %b1 = tensor.empty() : tensor<16xi1>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xi1>, tensor<16xi1>) outs(%b1 : tensor<16xi1>) -> tensor<16xi1>
  return %a3, %g1 : tensor<16xi1>, tensor<16xi1>
}

// -----

// CHECK-LABEL: func.func @t_i8
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 48 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 80 B -> 64 B}}
func.func @t_i8(%x: tensor<16xi8>) -> (tensor<16xi8>, tensor<16xi8>) {
  %e1 = tensor.empty() : tensor<16xi8>
  %a1 = linalg.copy ins(%x : tensor<16xi8>) outs(%e1 : tensor<16xi8>) -> tensor<16xi8>
  %e2 = tensor.empty() : tensor<16xi8>
  %a2 = linalg.copy ins(%a1 : tensor<16xi8>) outs(%e2 : tensor<16xi8>) -> tensor<16xi8>
  %e3 = tensor.empty() : tensor<16xi8>
  %a3 = linalg.copy ins(%a2 : tensor<16xi8>) outs(%e3 : tensor<16xi8>) -> tensor<16xi8>
  %b3 = tensor.empty() : tensor<16xi8>
  %g3 = linalg.copy ins(%a3 : tensor<16xi8>) outs(%b3 : tensor<16xi8>) -> tensor<16xi8>
  %b2 = tensor.empty() : tensor<16xi8>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xi8>, tensor<16xi8>) outs(%b2 : tensor<16xi8>) -> tensor<16xi8>
  %b1 = tensor.empty() : tensor<16xi8>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xi8>, tensor<16xi8>) outs(%b1 : tensor<16xi8>) -> tensor<16xi8>
  return %a3, %g1 : tensor<16xi8>, tensor<16xi8>
}

// -----

// CHECK-LABEL: func.func @t_f16
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 96 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 160 B -> 128 B}}
func.func @t_f16(%x: tensor<16xf16>) -> (tensor<16xf16>, tensor<16xf16>) {
  %e1 = tensor.empty() : tensor<16xf16>
  %a1 = linalg.copy ins(%x : tensor<16xf16>) outs(%e1 : tensor<16xf16>) -> tensor<16xf16>
  %e2 = tensor.empty() : tensor<16xf16>
  %a2 = linalg.copy ins(%a1 : tensor<16xf16>) outs(%e2 : tensor<16xf16>) -> tensor<16xf16>
  %e3 = tensor.empty() : tensor<16xf16>
  %a3 = linalg.copy ins(%a2 : tensor<16xf16>) outs(%e3 : tensor<16xf16>) -> tensor<16xf16>
  %b3 = tensor.empty() : tensor<16xf16>
  %g3 = linalg.copy ins(%a3 : tensor<16xf16>) outs(%b3 : tensor<16xf16>) -> tensor<16xf16>
  %b2 = tensor.empty() : tensor<16xf16>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xf16>, tensor<16xf16>) outs(%b2 : tensor<16xf16>) -> tensor<16xf16>
  %b1 = tensor.empty() : tensor<16xf16>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xf16>, tensor<16xf16>) outs(%b1 : tensor<16xf16>) -> tensor<16xf16>
  return %a3, %g1 : tensor<16xf16>, tensor<16xf16>
}

// -----

// CHECK-LABEL: func.func @t_bf16
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 96 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 160 B -> 128 B}}
func.func @t_bf16(%x: tensor<16xbf16>) -> (tensor<16xbf16>, tensor<16xbf16>) {
  %e1 = tensor.empty() : tensor<16xbf16>
  %a1 = linalg.copy ins(%x : tensor<16xbf16>) outs(%e1 : tensor<16xbf16>) -> tensor<16xbf16>
  %e2 = tensor.empty() : tensor<16xbf16>
  %a2 = linalg.copy ins(%a1 : tensor<16xbf16>) outs(%e2 : tensor<16xbf16>) -> tensor<16xbf16>
  %e3 = tensor.empty() : tensor<16xbf16>
  %a3 = linalg.copy ins(%a2 : tensor<16xbf16>) outs(%e3 : tensor<16xbf16>) -> tensor<16xbf16>
  %b3 = tensor.empty() : tensor<16xbf16>
  %g3 = linalg.copy ins(%a3 : tensor<16xbf16>) outs(%b3 : tensor<16xbf16>) -> tensor<16xbf16>
  %b2 = tensor.empty() : tensor<16xbf16>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xbf16>, tensor<16xbf16>) outs(%b2 : tensor<16xbf16>) -> tensor<16xbf16>
  %b1 = tensor.empty() : tensor<16xbf16>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xbf16>, tensor<16xbf16>) outs(%b1 : tensor<16xbf16>) -> tensor<16xbf16>
  return %a3, %g1 : tensor<16xbf16>, tensor<16xbf16>
}

// -----

// CHECK-LABEL: func.func @t_f64
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 384 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 640 B -> 512 B}}
func.func @t_f64(%x: tensor<16xf64>) -> (tensor<16xf64>, tensor<16xf64>) {
  %e1 = tensor.empty() : tensor<16xf64>
  %a1 = linalg.copy ins(%x : tensor<16xf64>) outs(%e1 : tensor<16xf64>) -> tensor<16xf64>
  %e2 = tensor.empty() : tensor<16xf64>
  %a2 = linalg.copy ins(%a1 : tensor<16xf64>) outs(%e2 : tensor<16xf64>) -> tensor<16xf64>
  %e3 = tensor.empty() : tensor<16xf64>
  %a3 = linalg.copy ins(%a2 : tensor<16xf64>) outs(%e3 : tensor<16xf64>) -> tensor<16xf64>
  %b3 = tensor.empty() : tensor<16xf64>
  %g3 = linalg.copy ins(%a3 : tensor<16xf64>) outs(%b3 : tensor<16xf64>) -> tensor<16xf64>
  %b2 = tensor.empty() : tensor<16xf64>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xf64>, tensor<16xf64>) outs(%b2 : tensor<16xf64>) -> tensor<16xf64>
  %b1 = tensor.empty() : tensor<16xf64>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xf64>, tensor<16xf64>) outs(%b1 : tensor<16xf64>) -> tensor<16xf64>
  return %a3, %g1 : tensor<16xf64>, tensor<16xf64>
}

// -----

// CHECK-LABEL: func.func @t_complexf32
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 384 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 640 B -> 512 B}}
func.func @t_complexf32(%x: tensor<16xcomplex<f32>>) -> (tensor<16xcomplex<f32>>, tensor<16xcomplex<f32>>) {
  %e1 = tensor.empty() : tensor<16xcomplex<f32>>
  %a1 = linalg.copy ins(%x : tensor<16xcomplex<f32>>) outs(%e1 : tensor<16xcomplex<f32>>) -> tensor<16xcomplex<f32>>
  %e2 = tensor.empty() : tensor<16xcomplex<f32>>
  %a2 = linalg.copy ins(%a1 : tensor<16xcomplex<f32>>) outs(%e2 : tensor<16xcomplex<f32>>) -> tensor<16xcomplex<f32>>
  %e3 = tensor.empty() : tensor<16xcomplex<f32>>
  %a3 = linalg.copy ins(%a2 : tensor<16xcomplex<f32>>) outs(%e3 : tensor<16xcomplex<f32>>) -> tensor<16xcomplex<f32>>
  %b3 = tensor.empty() : tensor<16xcomplex<f32>>
  %g3 = linalg.copy ins(%a3 : tensor<16xcomplex<f32>>) outs(%b3 : tensor<16xcomplex<f32>>) -> tensor<16xcomplex<f32>>
  %b2 = tensor.empty() : tensor<16xcomplex<f32>>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16xcomplex<f32>>, tensor<16xcomplex<f32>>) outs(%b2 : tensor<16xcomplex<f32>>) -> tensor<16xcomplex<f32>>
  %b1 = tensor.empty() : tensor<16xcomplex<f32>>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16xcomplex<f32>>, tensor<16xcomplex<f32>>) outs(%b1 : tensor<16xcomplex<f32>>) -> tensor<16xcomplex<f32>>
  return %a3, %g1 : tensor<16xcomplex<f32>>, tensor<16xcomplex<f32>>
}

// -----

// CHECK-LABEL: func.func @t_index
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 4 backward ops, 3 activations crossing, 384 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 512 B -> 384 B}}
func.func @t_index(%x: tensor<16xindex>) -> (tensor<16xindex>, tensor<16xindex>) {
  %e1 = tensor.empty() : tensor<16xindex>
  %a1 = linalg.copy ins(%x : tensor<16xindex>) outs(%e1 : tensor<16xindex>) -> tensor<16xindex>
  %e2 = tensor.empty() : tensor<16xindex>
  %a2 = linalg.copy ins(%a1 : tensor<16xindex>) outs(%e2 : tensor<16xindex>) -> tensor<16xindex>
  %e3 = tensor.empty() : tensor<16xindex>
  %a3 = linalg.copy ins(%a2 : tensor<16xindex>) outs(%e3 : tensor<16xindex>) -> tensor<16xindex>
  %b3 = tensor.empty() : tensor<16xindex>
  %g3 = linalg.copy ins(%a3 : tensor<16xindex>) outs(%b3 : tensor<16xindex>) -> tensor<16xindex>
  %g2 = tensor.insert_slice %a2 into %g3[0] [16] [1] : tensor<16xindex> into tensor<16xindex>
  %g1 = tensor.insert_slice %a1 into %g2[0] [16] [1] : tensor<16xindex> into tensor<16xindex>
  return %a3, %g1 : tensor<16xindex>, tensor<16xindex>
}

// -----

// CHECK-LABEL: func.func @t_vector4xf32
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 4 backward ops, 3 activations crossing, 768 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 1.0 KiB (1024 bytes) -> 768 B}}
func.func @t_vector4xf32(%x: tensor<16xvector<4xf32>>) -> (tensor<16xvector<4xf32>>, tensor<16xvector<4xf32>>) {
  %e1 = tensor.empty() : tensor<16xvector<4xf32>>
  %a1 = linalg.copy ins(%x : tensor<16xvector<4xf32>>) outs(%e1 : tensor<16xvector<4xf32>>) -> tensor<16xvector<4xf32>>
  %e2 = tensor.empty() : tensor<16xvector<4xf32>>
  %a2 = linalg.copy ins(%a1 : tensor<16xvector<4xf32>>) outs(%e2 : tensor<16xvector<4xf32>>) -> tensor<16xvector<4xf32>>
  %e3 = tensor.empty() : tensor<16xvector<4xf32>>
  %a3 = linalg.copy ins(%a2 : tensor<16xvector<4xf32>>) outs(%e3 : tensor<16xvector<4xf32>>) -> tensor<16xvector<4xf32>>
  %b3 = tensor.empty() : tensor<16xvector<4xf32>>
  %g3 = linalg.copy ins(%a3 : tensor<16xvector<4xf32>>) outs(%b3 : tensor<16xvector<4xf32>>) -> tensor<16xvector<4xf32>>
  %g2 = tensor.insert_slice %a2 into %g3[0] [16] [1] : tensor<16xvector<4xf32>> into tensor<16xvector<4xf32>>
  %g1 = tensor.insert_slice %a1 into %g2[0] [16] [1] : tensor<16xvector<4xf32>> into tensor<16xvector<4xf32>>
  return %a3, %g1 : tensor<16xvector<4xf32>>, tensor<16xvector<4xf32>>
}

// -----

// CHECK-LABEL: func.func @t_llvmptr
// CHECK: recompute.remat
// expected-remark @+2 {{phase split: 6 forward ops, 4 backward ops, 3 activations crossing, 384 B}}
// expected-remark @+1 {{recomputing 1 of 3 activations (1 value, 2 ops cloned, overhead 16.67% of the step's FLOPs): peak 512 B -> 384 B}}
func.func @t_llvmptr(%x: tensor<16x!llvm.ptr>) -> (tensor<16x!llvm.ptr>, tensor<16x!llvm.ptr>) {
  %e1 = tensor.empty() : tensor<16x!llvm.ptr>
  %a1 = linalg.copy ins(%x : tensor<16x!llvm.ptr>) outs(%e1 : tensor<16x!llvm.ptr>) -> tensor<16x!llvm.ptr>
  %e2 = tensor.empty() : tensor<16x!llvm.ptr>
  %a2 = linalg.copy ins(%a1 : tensor<16x!llvm.ptr>) outs(%e2 : tensor<16x!llvm.ptr>) -> tensor<16x!llvm.ptr>
  %e3 = tensor.empty() : tensor<16x!llvm.ptr>
  %a3 = linalg.copy ins(%a2 : tensor<16x!llvm.ptr>) outs(%e3 : tensor<16x!llvm.ptr>) -> tensor<16x!llvm.ptr>
  %b3 = tensor.empty() : tensor<16x!llvm.ptr>
  %g3 = linalg.copy ins(%a3 : tensor<16x!llvm.ptr>) outs(%b3 : tensor<16x!llvm.ptr>) -> tensor<16x!llvm.ptr>
  %g2 = tensor.insert_slice %a2 into %g3[0] [16] [1] : tensor<16x!llvm.ptr> into tensor<16x!llvm.ptr>
  %g1 = tensor.insert_slice %a1 into %g2[0] [16] [1] : tensor<16x!llvm.ptr> into tensor<16x!llvm.ptr>
  return %a3, %g1 : tensor<16x!llvm.ptr>, tensor<16x!llvm.ptr>
}

// -----

// CHECK-LABEL: func.func @t_0xf32
// CHECK-NOT: recompute.remat
// CHECK: return
// expected-remark @+2 {{phase split: 6 forward ops, 6 backward ops, 3 activations crossing, 0 B}}
// expected-remark @+1 {{nothing to do: the plan keeps every activation (peak 0 B)}}
func.func @t_0xf32(%x: tensor<16x0xf32>) -> (tensor<16x0xf32>, tensor<16x0xf32>) {
  %e1 = tensor.empty() : tensor<16x0xf32>
  %a1 = linalg.copy ins(%x : tensor<16x0xf32>) outs(%e1 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %e2 = tensor.empty() : tensor<16x0xf32>
  %a2 = linalg.copy ins(%a1 : tensor<16x0xf32>) outs(%e2 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %e3 = tensor.empty() : tensor<16x0xf32>
  %a3 = linalg.copy ins(%a2 : tensor<16x0xf32>) outs(%e3 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %b3 = tensor.empty() : tensor<16x0xf32>
  %g3 = linalg.copy ins(%a3 : tensor<16x0xf32>) outs(%b3 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %b2 = tensor.empty() : tensor<16x0xf32>
  %g2 = linalg.add ins(%g3, %a2 : tensor<16x0xf32>, tensor<16x0xf32>) outs(%b2 : tensor<16x0xf32>) -> tensor<16x0xf32>
  %b1 = tensor.empty() : tensor<16x0xf32>
  %g1 = linalg.add ins(%g2, %a1 : tensor<16x0xf32>, tensor<16x0xf32>) outs(%b1 : tensor<16x0xf32>) -> tensor<16x0xf32>
  return %a3, %g1 : tensor<16x0xf32>, tensor<16x0xf32>
}

