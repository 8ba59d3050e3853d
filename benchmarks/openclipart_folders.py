#!/usr/bin/env python3
"""Builds the train/ and test/ image folders of benchmarks/real-images.sh from Debian's openclipart-png.

Usage: openclipart_folders.py SOURCE DEST CLASS...

SOURCE is /usr/share/openclipart/png; each CLASS is one of its category folders (sub-folders included). DEST gets
train/<class>/ and test/<class>/ holding symbolic links to the real files (absolute targets), named after the path inside
the category with "/" as "__". The split is fixed: by the MD5 of the file's bytes, one quarter (first four bytes mod 4 == 0)
to test/. Hashing the bytes rather than the path keeps the package's duplicates (a picture linked into several folders)
on one side, so no test picture is also a training picture; within a class each picture is kept once. A picture filed
under two classes stays in both (the package says it is both), always on the same side. Prints a summary, also written to
DEST/summary.txt.
"""
import hashlib
import os
import struct
import sys


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def main(source, dest, classes):
    kept = {}  # (class, digest) -> (relative path, real path)
    repeats = 0
    for cls in classes:
        base = os.path.join(source, cls)
        if not os.path.isdir(base):
            sys.exit(f"error: {base} is not a folder; the categories are: {', '.join(sorted(os.listdir(source)))}")
        found = []
        for folder, subfolders, files in os.walk(base, followlinks=True):
            subfolders.sort()
            found += [os.path.relpath(os.path.join(folder, f), base) for f in files if f.lower().endswith(".png")]
        for rel in sorted(found):
            real = os.path.realpath(os.path.join(base, rel))
            with open(real, "rb") as f:
                digest = hashlib.md5(f.read()).hexdigest()
            if (cls, digest) in kept:
                repeats += 1
            else:
                kept[(cls, digest)] = (rel, real)

    counts = {cls: {"train": 0, "test": 0} for cls in classes}
    sizes = []
    for (cls, digest), (rel, real) in sorted(kept.items(), key=lambda item: (item[0][0], item[1][0])):
        split = "test" if int(digest[:8], 16) % 4 == 0 else "train"
        folder = os.path.join(dest, split, cls)
        os.makedirs(folder, exist_ok=True)
        os.symlink(real, os.path.join(folder, rel.replace(os.sep, "__")))
        counts[cls][split] += 1
        size = png_size(real)
        if size:
            sizes.append((size[0] * size[1], size[0], size[1], split, cls, rel))

    classes_of = {}
    for cls, digest in kept:
        classes_of.setdefault(digest, []).append(cls)
    shared = sum(1 for c in classes_of.values() if len(c) > 1)
    lines = [f"{len(kept)} images: {len(classes_of)} distinct pictures, {shared} of them filed under more than one class "
             f"(kept in each, on one side); {repeats} repeated paths to a picture already in its class left out"]
    lines.append(f"{'class':<16}{'train':>7}{'test':>7}")
    for cls in classes:
        lines.append(f"{cls:<16}{counts[cls]['train']:>7}{counts[cls]['test']:>7}")
    lines.append(f"{'total':<16}{sum(c['train'] for c in counts.values()):>7}{sum(c['test'] for c in counts.values()):>7}")
    sizes.sort(reverse=True)
    sides = sorted(min(w, h) for _, w, h, *_ in sizes)
    lines.append(f"sides {sides[0]}-{max(max(w, h) for _, w, h, *_ in sizes)} px; "
                 f"{sum(1 for s in sizes if s[0] > 16_000_000)} images over 16 megapixels, the largest:")
    for pixels, w, h, split, cls, rel in sizes[:14]:
        lines.append(f"  {w} x {h} ({pixels / 1e6:.0f} MP, {pixels * 4 / 2**20:,.0f} MiB as RGBA) {split}/{cls}/{rel}")
    text = "\n".join(lines) + "\n"
    with open(os.path.join(dest, "summary.txt"), "w") as f:
        f.write(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
