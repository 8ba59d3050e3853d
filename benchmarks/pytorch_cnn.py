#!/usr/bin/python3
"""Trains the seed CNN on Fashion-MNIST in plain PyTorch: the peer the toolkit is compared with.

Same model, data, preprocessing, optimizer and output lines as benchmarks/BareTorchSharp.
Meant for Debian's python3-torch (1.13) and python3-numpy; needs no torchvision.
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
from torch import nn

DATA_DIRECTORY = "/usr/share/datasets/fashion-mnist"
BATCH_SIZE = 64
SEED = 99
MAX_TRAIN_IMAGES = 48_000


def read_idx(path, expected_magic):
    """IDX: big-endian int32 magic (low byte = number of dimensions), one int32 per dimension, then unsigned bytes."""
    with gzip.open(path, "rb") as file:
        data = file.read()
    magic = int.from_bytes(data[0:4], "big")
    if magic != expected_magic:
        raise ValueError(f"{path}: IDX magic {magic:#010x}, expected {expected_magic:#010x}")
    rank = magic & 0xFF
    shape = tuple(int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank))
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(shape)


def read_images(name, count):
    pixels = read_idx(os.path.join(DATA_DIRECTORY, name), 0x0803)[:count]
    images = torch.from_numpy(pixels.astype(np.float32)).unsqueeze(1)
    return (images / 255.0 - 0.5) / 0.5


def read_labels(name, count):
    labels = read_idx(os.path.join(DATA_DIRECTORY, name), 0x0801)[:count]
    return torch.from_numpy(labels.astype(np.int64))


def seed_cnn():
    """The seed study's CNN: 421,642 parameters."""
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(64 * 7 * 7, 128), nn.ReLU(),
        nn.Linear(128, 10),
    )


def evaluate(model, images, labels):
    model.eval()
    correct = 0
    count = images.shape[0]
    with torch.no_grad():
        start_time = time.perf_counter()
        for start in range(0, count, BATCH_SIZE):
            predicted = model(images[start:start + BATCH_SIZE]).argmax(1)
            correct += int(predicted.eq(labels[start:start + BATCH_SIZE]).sum())
        elapsed = time.perf_counter() - start_time
    return elapsed * 1000.0 / count, correct / count


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be a positive integer")
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=positive_int, default=1)
    parser.add_argument("--limit", type=positive_int, default=MAX_TRAIN_IMAGES, help="training images")
    parser.add_argument("--threads", type=positive_int, default=os.cpu_count())
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(SEED)

    train_count = min(args.limit, MAX_TRAIN_IMAGES)
    train_images = read_images("train-images-idx3-ubyte.gz", train_count)
    train_labels = read_labels("train-labels-idx1-ubyte.gz", train_count)
    test_images = read_images("t10k-images-idx3-ubyte.gz", 10_000)
    test_labels = read_labels("t10k-labels-idx1-ubyte.gz", 10_000)

    model = seed_cnn()
    loss_function = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    parameters = sum(p.numel() for p in model.parameters())
    print(f"INFO threads={torch.get_num_threads()} parameters={parameters} train_images={train_count} torch={torch.__version__}")

    generator = torch.Generator().manual_seed(SEED)
    last_epoch_loss = float("nan")
    training_start = time.perf_counter()
    model.train()
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        permutation = torch.randperm(train_count, generator=generator)
        loss_sum = 0.0
        for start in range(0, train_count, BATCH_SIZE):
            indices = permutation[start:start + BATCH_SIZE]
            loss = loss_function(model(train_images[indices]), train_labels[indices])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * indices.shape[0]
        last_epoch_loss = loss_sum / train_count
        print(f"epoch {epoch}: train_loss={last_epoch_loss:.4f} seconds={time.perf_counter() - epoch_start:.2f}", flush=True)
    training_seconds = time.perf_counter() - training_start
    images_seen = train_count * args.epochs

    ms_per_image, accuracy = evaluate(model, test_images, test_labels)

    print(f"RESULT images_per_sec={images_seen / training_seconds:.2f} seconds={training_seconds:.3f} "
          f"images={images_seen} final_loss={last_epoch_loss:.5f}")
    print(f"RESULT_INFER ms_per_image={ms_per_image:.4f} accuracy={accuracy:.4f}")


if __name__ == "__main__":
    main()
