#!/usr/bin/env python3
"""Independent re-implementation of FileDigest.sampledSHA256 (Sources/BotSift/Support/FileDigest.swift), the
sampled digest recorded for every input in a model's training-data fingerprint (docs/MODEL_FILE.md). Prints the
values pinned in FileDigestTests.

    python3 Scripts/reference/sampled_sha256.py                 # the pinned cases below
    python3 Scripts/reference/sampled_sha256.py FILE [FILE...]  # any files

The pinned cases hash files the test writes with a deterministic pattern: byte k of the file is
(k % 251 + k // 65536) % 256 (the 65536 term makes every 64 KiB block different, the 251 term catches offsets
off by a few bytes). Sizes: 0; 100,000 (whole file, crosses a block boundary); 4,194,304 = 64 x 64 KiB (largest
whole-file case); 4,194,305 (smallest sampled case); 5,255,225 (about 5 MiB; offsets are not whole numbers before
flooring, so a rounding rule other than floor gives another digest).
"""
import hashlib
import os
import sys


def sampled_sha256(path, block=65536, count=64):
    size = os.path.getsize(path)
    h = hashlib.sha256(size.to_bytes(8, "little"))
    with open(path, "rb") as f:
        if size <= count * block:
            h.update(f.read())
        else:
            for i in range(count):
                f.seek(i * (size - block) // (count - 1))
                h.update(f.read(block))
    return h.hexdigest()


def pattern(size):
    """The test's deterministic file content: byte k is (k % 251 + k // 65536) % 256."""
    return bytes((k % 251 + k // 65536) % 256 for k in range(size))


def pinned_cases():
    import tempfile
    with tempfile.TemporaryDirectory() as directory:
        for size in [0, 100_000, 64 * 65536, 64 * 65536 + 1, 5_255_225]:
            path = os.path.join(directory, f"pattern-{size}.bin")
            with open(path, "wb") as f:
                f.write(pattern(size))
            print(f"pattern size {size}: {sampled_sha256(path)}")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        for name in sys.argv[1:]:
            print(f"{name}: {sampled_sha256(name)}  ({os.path.getsize(name)} bytes)")
    else:
        pinned_cases()
