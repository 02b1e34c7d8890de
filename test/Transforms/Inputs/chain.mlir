// A four-layer elementwise chain and a backward pass that reads every
// activation in reverse order. Each activation is 16x16xf32 = 1 KiB.
func.func @chain(%x: tensor<16x16xf32>) -> (tensor<f32>, tensor<16x16xf32>) {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<16x16xf32>
  %a1 = linalg.exp ins(%x : tensor<16x16xf32>) outs(%e1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e2 = tensor.empty() : tensor<16x16xf32>
  %a2 = linalg.exp ins(%a1 : tensor<16x16xf32>) outs(%e2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e3 = tensor.empty() : tensor<16x16xf32>
  %a3 = linalg.exp ins(%a2 : tensor<16x16xf32>) outs(%e3 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %e4 = tensor.empty() : tensor<16x16xf32>
  %a4 = linalg.exp ins(%a3 : tensor<16x16xf32>) outs(%e4 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %el = tensor.empty() : tensor<f32>
  %fl = linalg.fill ins(%zero : f32) outs(%el : tensor<f32>) -> tensor<f32>
  %loss = linalg.reduce ins(%a4 : tensor<16x16xf32>) outs(%fl : tensor<f32>) dimensions = [0, 1]
    (%in: f32, %acc: f32) {
      %s = arith.addf %in, %acc : f32
      linalg.yield %s : f32
    }
  %b4 = tensor.empty() : tensor<16x16xf32>
  %g4 = linalg.mul ins(%a4, %a4 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b4 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b3 = tensor.empty() : tensor<16x16xf32>
  %g3 = linalg.mul ins(%g4, %a3 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b3 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b2 = tensor.empty() : tensor<16x16xf32>
  %g2 = linalg.mul ins(%g3, %a2 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b2 : tensor<16x16xf32>) -> tensor<16x16xf32>
  %b1 = tensor.empty() : tensor<16x16xf32>
  %g1 = linalg.mul ins(%g2, %a1 : tensor<16x16xf32>, tensor<16x16xf32>) outs(%b1 : tensor<16x16xf32>) -> tensor<16x16xf32>
  return %loss, %g1 : tensor<f32>, tensor<16x16xf32>
}
