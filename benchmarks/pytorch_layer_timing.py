#!/usr/bin/python3
"""ResNet-20's layer shapes at batch 128 (--resnet18: ResNet-18's at batch 64) in PyTorch 1.13 (2 threads): the peer of
benchmarks/LayerTiming, same options and lines."""
import sys
import time

import torch

torch.set_num_threads(2)
dtype = torch.bfloat16 if "--bf16" in sys.argv else torch.float32  # bf16: activations and conv weights; BatchNorm stays fp32
channels_last = "--channels-last" in sys.argv  # activations laid out NHWC
batch, shapes = (64, [(64, 28), (128, 14), (256, 7), (512, 4)]) if "--resnet18" in sys.argv else (128, [(16, 28), (32, 14), (64, 7)])
print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, {dtype}, batch {batch}{', channels-last' if channels_last else ''}")


def milliseconds(layer, backward):
    def call():
        y = layer()
        if backward:
            y.sum().backward()
    for _ in range(3):
        call()
    start = time.perf_counter()
    for _ in range(20):
        call()
    return (time.perf_counter() - start) / 20 * 1000


for channels, side in shapes:
    conv = torch.nn.Conv2d(channels, channels, 3, padding=1, bias=False).to(dtype)
    norm = torch.nn.BatchNorm2d(channels)
    x = torch.randn(batch, channels, side, side).to(dtype)
    if channels_last:
        x = x.contiguous(memory_format=torch.channels_last)
    x.requires_grad_(True)
    print(f"c={channels} hw={side}: conv fwd {milliseconds(lambda: conv(x), False):.2f} ms, "
          f"conv fwd+bwd {milliseconds(lambda: conv(x), True):.2f} ms, bn fwd+bwd {milliseconds(lambda: norm(x), True):.2f} ms, "
          f"relu fwd+bwd {milliseconds(lambda: torch.relu(x), True):.2f} ms")
