#!/usr/bin/python3
"""Writes tiny TorchScript models with a key/value cache (deterministic; Debian's torch:
/usr/bin/python3 generate_cache_faults.py) and adds their lines to MANIFEST.sha256. Three break the
cached-generation contract, for CachedDecodingErrorsTest:

  cache-doubling.pt   decode returns the cache concatenated with itself: it grows without bound
  cache-no-tuple.pt   decode returns the logits alone, not (logits, cache)
  cache-short.pt      a learned position table of 32 rows: decoding past 32 positions fails

and two follow it, with the same weights and the same tokens, for timing verdicts (the system
suite's continuous batching, benchmarks/aa.sh):

  cache-steady.pt       a position table of 1024 rows; every call also runs one 192 x 192 matrix product
  cache-steady-slow.pt  the same, with four products per call: truly slower, identical answers

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


class Steady(nn.Module):
    """A correct cached model whose every call does a fixed amount of extra work (its result times 0)."""

    def __init__(self, products: int):
        super().__init__()
        self.embed = nn.Embedding(VOCAB, HIDDEN)
        self.position = nn.Embedding(1024, HIDDEN)
        self.head = nn.Linear(HIDDEN, VOCAB)
        self.work = nn.Parameter(torch.randn(192, 192) / 14)
        self.products = products

    def extra(self):
        x = self.work
        for _ in range(self.products):
            x = torch.tanh(x @ self.work)
        return x.sum() * 0.0

    def forward(self, input_ids, attention_mask) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        positions = torch.arange(0, input_ids.shape[1]).unsqueeze(0)
        h = self.embed(input_ids) + self.position(positions)
        return self.head(h[:, -1:]) + self.extra(), torch.stack((h, h)), torch.zeros(input_ids.shape[0], 1,
                                                                                       dtype=torch.long)

    @torch.jit.export
    def decode(self, input_ids, attention_mask, position_ids, cache) -> Tuple[torch.Tensor, torch.Tensor]:
        h = self.embed(input_ids) + self.position(position_ids)
        context = (cache[1] * attention_mask[:, :-1, None].to(cache.dtype)).sum(1, keepdim=True)
        return self.head(h + context / (cache.shape[2] + 1)) + self.extra(), torch.cat((cache, torch.stack((h, h))),
                                                                                       dim=2)


def main():
    sys.path.insert(0, HERE)
    import generate_sparse  # its update_manifest keeps the other lines of MANIFEST.sha256
    names = []
    for name, cls in [("cache-doubling.pt", Doubling), ("cache-no-tuple.pt", NoTuple), ("cache-short.pt", Short)]:
        torch.manual_seed(7)
        save(torch.jit.script(cls().eval()), name, names)
    for name, products in [("cache-steady.pt", 1), ("cache-steady-slow.pt", 4)]:
        torch.manual_seed(7)
        save(torch.jit.script(Steady(products).eval()), name, names)
    generate_sparse.update_manifest(names)


def save(module, name, names):
    module.save(os.path.join(HERE, name))
    with open(os.path.join(HERE, name), "rb") as f:
        print(name, os.path.getsize(os.path.join(HERE, name)), hashlib.sha256(f.read()).hexdigest())
    names.append(name)


if __name__ == "__main__":
    main()
