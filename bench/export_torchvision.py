"""Export a torchvision classifier with random weights to ONNX for Visor's ONNX-engine bench.

Usage: /usr/bin/python3 bench/export_torchvision.py resnet50 [--size 224] [--opset 14] [--out bench/models]

Writes <out>/<arch>.onnx (NCHW float32 input `input` [N, 3, size, size] with a dynamic batch axis,
output `logits` [N, 1000], no softmax) and prints one JSON line with the file and its size. The
weights are torchvision's default random initialisation (seed 0) with BatchNorm running statistics
made non-trivial, so BatchNorm is not an identity. The files are large (ResNet-50 ≈ 100 MB): they
go into bench/models/, which git ignores.
"""
import argparse
import json
import os

import torch
import torchvision


def main():
    p = argparse.ArgumentParser()
    p.add_argument('arch', help='a torchvision.models constructor name, e.g. resnet50, resnet152, mobilenet_v2')
    p.add_argument('--size', type=int, default=224)
    p.add_argument('--opset', type=int, default=14)
    p.add_argument('--out', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), 'models'))
    a = p.parse_args()

    torch.manual_seed(0)
    model = getattr(torchvision.models, a.arch)(weights=None)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.1, 0.1)
    model.eval()

    os.makedirs(a.out, exist_ok=True)
    file = os.path.join(a.out, f'{a.arch}.onnx')
    x = torch.zeros(1, 3, a.size, a.size)
    torch.onnx.export(
        model, x, file, opset_version=a.opset, do_constant_folding=True,
        input_names=['input'], output_names=['logits'],
        dynamic_axes={'input': {0: 'N'}, 'logits': {0: 'N'}},
    )
    print(json.dumps({'arch': a.arch, 'file': file, 'bytes': os.path.getsize(file), 'opset': a.opset,
                      'torch': torch.__version__, 'torchvision': torchvision.__version__}))


if __name__ == '__main__':
    main()
