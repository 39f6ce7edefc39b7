#!/usr/bin/env python3
"""An independent filtered evaluation of a TransE model file written by `rhizome train` (numpy, float64), and how
often the query entity itself outscores the true answer.

    python3 benchmarks/transe_self_rank.py MODEL.rzkge ../shared/datasets/WN18RR

Reads the model file format of org.rhizome.gnn.io.ModelFile (version 1, big-endian) and the benchmark folder's
train/valid/test.txt. Ranks every test triple's tail query (h, r, ?) and head query (?, r, t) (with reciprocal
relations, as (t, r^-1, ?)) among all entities, filtering the other known answers (train, valid, test), with
realistic ties: the figures `rhizome evaluate` prints, computed a second way. Then counts the queries whose own entity
(a candidate under the protocol, unless it is a known answer) scores above the true answer, and prints the metrics
with the query entity left out, to show how much of the error it accounts for. Written for Rhizome; reads no other
project's code. Needs numpy (the pyenv python3 has it).
"""
import struct
import sys

import numpy as np


def read_model(path):
    b = open(path, "rb").read()
    pos = 0

    def take(n):
        nonlocal pos
        out = b[pos:pos + n]
        pos += n
        return out

    def long_string():
        n, = struct.unpack(">i", take(4))
        return take(n).decode()

    if take(6) != b"RZKGE\n":
        sys.exit(f"{path} is not a Rhizome model file")
    version, = struct.unpack(">i", take(4))
    if version != 1:
        sys.exit(f"{path} has model format version {version}; this script reads 1")
    n, = struct.unpack(">H", take(2))
    kind = take(n).decode()
    if kind not in ("TRANSE_L1", "TRANSE_L2"):
        sys.exit(f"{path} holds a {kind} model; this script scores TransE only")
    entities, relations, dim = struct.unpack(">iii", take(12))
    take(4)  # phase scale, unused by TransE
    long_string()  # the training configuration
    ent_names = [long_string() for _ in range(entities)]
    rel_names = [long_string() for _ in range(relations)]
    ent = np.frombuffer(take(4 * entities * dim), dtype=">f4").astype(np.float64).reshape(entities, dim)
    rel = np.frombuffer(take(4 * relations * dim), dtype=">f4").astype(np.float64).reshape(relations, dim)
    return kind, ent_names, rel_names, ent, rel


def main():
    model, data = sys.argv[1], sys.argv[2]
    kind, ent_names, rel_names, ent, rel = read_model(model)
    eid = {n: i for i, n in enumerate(ent_names)}
    rid = {n: i for i, n in enumerate(rel_names)}
    known = {}
    test = []
    for split in ("train", "valid", "test"):
        with open(f"{data}/{split}.txt") as f:
            for line in f:
                if line.strip():
                    h, r, t = line.split()
                    known.setdefault(("tail", h, r), set()).add(t)
                    known.setdefault(("head", t, r), set()).add(h)
                    if split == "test":
                        test.append((h, r, t))
    ranks, ranks_without_self, self_above = [], [], 0
    for h, r, t in test:
        for side, anchor, truth in (("tail", h, t), ("head", t, h)):
            rr = rid[r] if side == "tail" else rid.get(r + "^-1")
            if rr is None:
                sys.exit("head queries need a model trained with reciprocal relations")
            diff = ent - (ent[eid[anchor]] + rel[rr])
            score = -(np.abs(diff).sum(1) if kind == "TRANSE_L1" else np.sqrt((diff ** 2).sum(1)))
            truth_score = score[eid[truth]]
            keep = np.ones(len(ent_names), bool)
            for other in known[(side, anchor, r)]:
                if other != truth:
                    keep[eid[other]] = False
            above = (score[keep] > truth_score).sum()
            ties = (score[keep] == truth_score).sum() - 1
            ranks.append(1 + above + ties / 2)
            own = anchor != truth and keep[eid[anchor]] and score[eid[anchor]] > truth_score
            self_above += bool(own)
            ranks_without_self.append(ranks[-1] - (1 if own else 0))
    for name, rk in (("protocol", ranks), ("query entity left out", ranks_without_self)):
        rk = np.array(rk)
        print(f"{name}: {len(rk)} ranks, MRR {(1 / rk).mean():.4f}, MR {rk.mean():.1f}, Hits@1 {(rk <= 1).mean():.4f}, "
              f"Hits@3 {(rk <= 3).mean():.4f}, Hits@10 {(rk <= 10).mean():.4f}")
    print(f"the query entity scores above the true answer in {self_above} of {len(ranks)} queries")


if __name__ == "__main__":
    main()
