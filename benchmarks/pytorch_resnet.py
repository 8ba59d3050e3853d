#!/usr/bin/python3
"""Times training of the toolkit's CIFAR-style ResNets in plain PyTorch: the peer of resnet20-cifar and resnet18-cifar.

Same layers and parameter counts as src/ClassifierToolkit.Torch/Models/ResNet (3x3 stem without max-pool, basic
blocks, 1x1 conv + BN projection shortcuts, global average pooling, linear head, He fan-out init of the convolutions),
on Fashion-MNIST with SGD (lr 0.1, momentum 0.9, Nesterov, weight decay 5e-4) and cross-entropy.
Each round trains a fresh, seeded model for one pass over --images images; the first round is an untimed warm-up.
Meant for Debian's python3-torch (1.13) and python3-numpy; needs no torchvision.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

# The IDX reader, data folder and argument check of the CNN peer (same folder).
from pytorch_cnn import DATA_DIRECTORY, positive_int, read_idx

MEAN, STD = 0.2860, 0.3530
SEED = 99
CROP_PADDING = 4

# name: (blocks per stage, widths, first-block strides, expected parameters on 1x28x28 with 10 classes)
LAYOUTS = {
    "resnet20": ([3, 3, 3], [16, 32, 64], [1, 2, 2], 272_186),
    "resnet18": ([2, 2, 2, 2], [64, 128, 256, 512], [1, 2, 2, 2], 11_172_810),
}


def read_pixels(count):
    """[count, 1, 28, 28] pixels in [0, 1]; normalization happens per batch, after augmentation, as in the toolkit."""
    pixels = read_idx(os.path.join(DATA_DIRECTORY, "train-images-idx3-ubyte.gz"), 0x0803)[:count]
    return torch.from_numpy(pixels.astype(np.float32)).unsqueeze(1) / 255.0


def read_labels(count):
    labels = read_idx(os.path.join(DATA_DIRECTORY, "train-labels-idx1-ubyte.gz"), 0x0801)[:count]
    return torch.from_numpy(labels.astype(np.int64))


class BasicBlock(nn.Module):
    """3x3 conv -> BN -> ReLU -> 3x3 conv -> BN, plus the shortcut (identity, or 1x1 conv + BN), then ReLU."""

    def __init__(self, in_channels, width, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, width, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = nn.Conv2d(width, width, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(width)
        self.downsample = None
        if stride != 1 or in_channels != width:
            self.downsample = nn.Sequential(nn.Conv2d(in_channels, width, 1, stride=stride, bias=False), nn.BatchNorm2d(width))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        shortcut = x if self.downsample is None else self.downsample(x)
        return F.relu(out + shortcut)


class CifarResNet(nn.Module):
    """3x3 stride-1 stem (no bias) -> BN -> ReLU, no max-pool; stages of basic blocks; global average pool; linear."""

    def __init__(self, blocks, widths, strides, in_channels=1, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, widths[0], 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(widths[0])
        stages, channels = [], widths[0]
        for count, width, stride in zip(blocks, widths, strides):
            stage = []
            for b in range(count):
                stage.append(BasicBlock(channels, width, stride if b == 0 else 1))
                channels = width
            stages.append(nn.Sequential(*stage))
        self.stages = nn.Sequential(*stages)
        self.fc = nn.Linear(channels, classes)
        for module in self.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = self.stages(F.relu(self.bn1(self.conv1(x))))
        return self.fc(x.mean((2, 3)))


def augment(pixels, generator):
    """Zero-padded random crop (shift of up to CROP_PADDING pixels) and horizontal flip as one affine resampling of
    the batch, each image its own transform: the same operations as the toolkit's BatchAugmenter."""
    n, _, height, width = pixels.shape
    shift_x = (torch.rand(n, generator=generator) * 2 - 1).mul(CROP_PADDING).round() * (2.0 / width)
    shift_y = (torch.rand(n, generator=generator) * 2 - 1).mul(CROP_PADDING).round() * (2.0 / height)
    flip = torch.where(torch.rand(n, generator=generator) < 0.5, -1.0, 1.0)
    zero = torch.zeros(n)
    theta = torch.stack([flip, zero, shift_x, zero, torch.ones(n), shift_y], 1).reshape(n, 2, 3)
    grid = F.affine_grid(theta, list(pixels.shape), align_corners=False)
    return F.grid_sample(pixels, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def train_round(layout, pixels, labels, batch_size, use_augment, precision, channels_last):
    """One pass over the images with a fresh seeded model; returns the training seconds."""
    torch.manual_seed(SEED)
    generator = torch.Generator().manual_seed(SEED)
    model = CifarResNet(*layout[:3])
    if channels_last:
        # PyTorch's own lever: weights (and so every activation after the first convolution) laid out NHWC.
        model = model.to(memory_format=torch.channels_last)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
    loss_function = nn.CrossEntropyLoss()
    count = pixels.shape[0]
    start_time = time.perf_counter()
    model.train()
    order = torch.randperm(count, generator=generator)
    for start in range(0, count, batch_size):
        indices = order[start:start + batch_size]
        inputs = pixels[indices]
        if use_augment:
            inputs = augment(inputs, generator)
        inputs = (inputs - MEAN) / STD
        optimizer.zero_grad()
        # bf16: CPU autocast (convolutions and linear layers in bfloat16, fp32 weights and optimizer state).
        with torch.autocast(device_type="cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
            logits = model(inputs)
        loss = loss_function(logits.float(), labels[indices])
        loss.backward()
        optimizer.step()
        loss.item()
    return time.perf_counter() - start_time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=sorted(LAYOUTS), default="resnet20")
    parser.add_argument("--batch", type=positive_int, default=128)
    parser.add_argument("--images", type=positive_int, default=6000, help="training images per round")
    parser.add_argument("--rounds", type=positive_int, default=3, help="timed rounds after one untimed warm-up")
    parser.add_argument("--threads", type=positive_int, default=2)
    parser.add_argument("--augment", action="store_true", help="random crop (padding 4) and horizontal flip")
    parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32", help="bf16: torch.autocast on the CPU")
    parser.add_argument("--memory-format", choices=["nchw", "channels-last"], default="nchw", help="channels-last: model.to(memory_format=torch.channels_last)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    layout = LAYOUTS[args.model]
    parameters = sum(p.numel() for p in CifarResNet(*layout[:3]).parameters())
    print(f"INFO model={args.model} parameters={parameters} threads={torch.get_num_threads()} torch={torch.__version__}")
    if parameters != layout[3]:
        print(f"ERROR {args.model} has {parameters} parameters, the toolkit's has {layout[3]}", file=sys.stderr)
        sys.exit(1)

    pixels = read_pixels(args.images)
    labels = read_labels(args.images)
    count = pixels.shape[0]

    train_round(layout, pixels, labels, args.batch, args.augment, args.precision, args.memory_format == "channels-last")  # warm-up, untimed
    rates = []
    for k in range(1, args.rounds + 1):
        seconds = train_round(layout, pixels, labels, args.batch, args.augment, args.precision, args.memory_format == "channels-last")
        rates.append(count / seconds)
        print(f"round {k}: {count / seconds:.1f} images/s, {seconds * 1000.0 / count:.4f} ms/image", flush=True)

    rate = statistics.median(rates)
    print(f"RESULT model={args.model} precision={args.precision} memory_format={args.memory_format} batch={args.batch} augment={str(args.augment).lower()} threads={args.threads} "
          f"images_per_sec={rate:.1f} ms_per_image={1000.0 / rate:.4f} parameters={parameters}")


if __name__ == "__main__":
    main()
