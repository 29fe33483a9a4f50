/** ONNX ops whose 4-D tensors are NCHW by definition (the spec fixes their channel axis at 1). */
export const NCHW_OPS = new Set([
  'Conv',
  'ConvTranspose',
  'ConvInteger',
  'QLinearConv',
  'MaxPool',
  'AveragePool',
  'LpPool',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'GlobalLpPool',
  'BatchNormalization',
  'InstanceNormalization',
  'LRN',
  'MaxUnpool',
  'DepthToSpace',
  'SpaceToDepth',
  'Resize',
  'Upsample',
]);

/** Element-wise ops a preprocessing prefix is made of (x − mean) / std, casts, copies. */
export const PASS_THROUGH_OPS = new Set(['Sub', 'Div', 'Mul', 'Add', 'Cast', 'Identity', 'Clip']);
