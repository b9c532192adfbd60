#!/usr/bin/env python3
"""Independent re-implementation of botsift's ContentHash (Sources/BotSift/Ingest/ByteInterner.swift), the 64-bit
hash of hashtags and normalised tweet texts. Prints the values pinned in ArchiveReaderTests.

    python3 Scripts/reference/content_hash.py hongkong
"""
import sys

MASK = (1 << 64) - 1


def content_hash(data: bytes) -> int:
    n = len(data)
    h = 0x9E3779B97F4A7C15 ^ ((n * 0xA0761D6478BD642F) & MASK)
    i = 0
    while i + 8 <= n:
        word = int.from_bytes(data[i:i + 8], "little")
        h = ((h ^ word) * 0xFF51AFD7ED558CCD) & MASK
        h ^= h >> 32
        i += 8
    if i < n:
        word = int.from_bytes(data[i:], "little")
        h = ((h ^ word) * 0xC4CEB9FE1A85EC53) & MASK
        h ^= h >> 29
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & MASK
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & MASK
    h ^= h >> 33
    return h


for text in sys.argv[1:] or ["hongkong"]:
    print(f"{text!r}: 0x{content_hash(text.encode()):016X}")
