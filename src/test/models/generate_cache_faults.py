#!/usr/bin/python3
"""Writes three tiny TorchScript models that break the cached-generation contract, for
CachedDecodingErrorsTest (deterministic; Debian's torch: /usr/bin/python3 generate_cache_faults.py):

  cache-doubling.pt   decode returns the cache concatenated with itself: it grows without bound
  cache-no-tuple.pt   decode returns the logits alone, not (logits, cache)
  cache-short.pt      a learned position table of 32 rows: decoding past 32 positions fails
and adds their lines to MANIFEST.sha256.

Each takes forward(input_ids [B, S], attention_mask [B, S]) -> (logits [B, 1, 64], cache, rope_deltas)
with cache float32 [2, B, S, 8]; decode(input_ids, attention_mask, position_ids, cache).
"""
import hashlib
import os
import sys
from typing import Tuple

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
VOCAB, HIDDEN, POSITIONS = 64, 8, 32


class Base(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(VOCAB, HIDDEN)
        self.position = nn.Embedding(POSITIONS, HIDDEN)
        self.head = nn.Linear(HIDDEN, VOCAB)

    def states(self, input_ids, first: int):
        positions = torch.arange(first, first + input_ids.shape[1]).unsqueeze(0)
        return self.embed(input_ids) + self.position(positions)

    def forward(self, input_ids, attention_mask) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        h = self.states(input_ids, 0)
        cache = torch.stack((h, h))
        return self.head(h[:, -1:]), cache, torch.zeros(input_ids.shape[0], 1, dtype=torch.long)


class Doubling(Base):
    @torch.jit.export
    def decode(self, input_ids, attention_mask, position_ids, cache) -> Tuple[torch.Tensor, torch.Tensor]:
        h = self.states(input_ids, 0)
        return self.head(h), torch.cat((cache, cache), dim=2)


class NoTuple(Base):
    @torch.jit.export
    def decode(self, input_ids, attention_mask, position_ids, cache):
        return self.head(self.states(input_ids, 0))


class Short(Base):
    @torch.jit.export
    def decode(self, input_ids, attention_mask, position_ids, cache) -> Tuple[torch.Tensor, torch.Tensor]:
        h = self.states(input_ids, cache.shape[2])
        return self.head(h), torch.cat((cache, torch.stack((h, h))), dim=2)


def main():
    sys.path.insert(0, HERE)
    import generate_sparse  # its update_manifest keeps the other lines of MANIFEST.sha256
    names = []
    for name, cls in [("cache-doubling.pt", Doubling), ("cache-no-tuple.pt", NoTuple), ("cache-short.pt", Short)]:
        torch.manual_seed(7)
        torch.jit.script(cls().eval()).save(os.path.join(HERE, name))
        with open(os.path.join(HERE, name), "rb") as f:
            print(name, os.path.getsize(os.path.join(HERE, name)), hashlib.sha256(f.read()).hexdigest())
        names.append(name)
    generate_sparse.update_manifest(names)


if __name__ == "__main__":
    main()
