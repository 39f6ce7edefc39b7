#!/usr/bin/env python3
"""Which CLUTRR test graphs have a label that the training data does not decide, and where a model's errors fall.

    /usr/bin/python3 benchmarks/epignn/clutrr_ambiguity.py ../shared/datasets/clutrr/data_db9b8f04 [--errors FILE]

Two kinds of test graph are counted per chain length k (the 1.k_test.csv files):

* order-dependent chains: the story is a simple chain 0 -> 1 -> ... -> k asked as (0, k), and composing its relations
  two at a time with the training file's own two-step rules (the proof_state column's rules with two premises,
  majority conclusion) gives more than one relation depending on the bracketing. Example: "husband, son,
  grandmother" is (son, grandmother) = mother after (husband, son) = son, but (husband, mother) = mother-in-law when
  the last two are composed first. Whichever reading the gold label follows, the other is as well supported by the
  training rules.
* graphs with an inverse-edge cycle: some pair of nodes is joined in both directions (u -> v and v -> u), so the query
  nodes are linked by more than one path.

Across both kinds, the graphs whose gold label is *off every simple path*: no bracketing of any simple directed path
from the query's source to its target composes to it with the training rules. The story of such a graph is a walk
that comes back to a node it has passed (its proof_state composes along the walk, loop included), and the simple path
that skips the loop needs a pair the training file never composes, or gives another relation.

The ceiling column is the best accuracy a model that sees only the graph can reach: identical test graphs (same edges,
relations and query) can carry different gold labels, and each group can be answered right for one label only.

With --errors (the file EpiGnnBenchmark writes with errors=FILE: seed, file:line, k, gold, predicted), each seed's
wrong answers are split by these kinds. Prints a Markdown table. Written for Rhizome; reads only the dataset.
"""
import argparse
import ast
import collections
import csv
import os
import sys
from functools import lru_cache


def two_step_rules(train_file):
    votes = collections.defaultdict(collections.Counter)
    with open(train_file, newline="") as f:
        for row in csv.DictReader(f):
            for step in ast.literal_eval(row["proof_state"]):
                for (_, conclusion, _), premises in step.items():
                    if len(premises) == 2:
                        votes[(premises[0][1], premises[1][1])][conclusion] += 1
    conflicting = sum(1 for c in votes.values() if len(c) > 1)
    return {pair: c.most_common(1)[0][0] for pair, c in votes.items()}, conflicting


def readings(relations, rules):
    """Every relation some bracketing of the chain composes to, with the two-step rules (undefined pairs dropped)."""

    @lru_cache(maxsize=None)
    def span(i, j):
        if i == j:
            return frozenset([relations[i]])
        out = set()
        for m in range(i, j):
            for a in span(i, m):
                for b in span(m + 1, j):
                    c = rules.get((a, b))
                    if c is not None:
                        out.add(c)
        return frozenset(out)

    return span(0, len(relations) - 1)


def simple_paths(edges, types, source, target):
    """The relation sequence of every simple directed path from source to target."""
    out = collections.defaultdict(list)
    for (u, v), r in zip(edges, types):
        out[u].append((v, r))
    found = []

    def walk(u, seen, relations):
        if u == target:
            found.append(tuple(relations))
            return
        for v, r in out[u]:
            if v not in seen:
                walk(v, seen | {v}, relations + [r])

    walk(source, {source}, [])
    return found


def classify(test_file, rules):
    """(record line, kind) for every record; kind is 'order', 'cycle' or 'other'. Lines count as the Java reader's.
    Also the set of record lines whose gold label is off every simple path (see the module's description).
    Also the ceiling: the best accuracy any model that sees only the graph can reach, since identical graphs (same
    edges, relations and query) may carry different gold labels; each such group counts its most frequent label."""
    kinds = {}
    off_path = set()
    golds = collections.defaultdict(collections.Counter)
    with open(test_file, newline="") as f:
        reader = csv.DictReader(f)
        reader.fieldnames  # reads the header line
        start = reader.line_num + 1
        for row in reader:
            edges = ast.literal_eval(row["story_edges"])
            query = ast.literal_eval(row["query_edge"])
            types = tuple(ast.literal_eval(row["edge_types"]))
            chain = edges == [(i, i + 1) for i in range(len(edges))] and tuple(query) == (0, len(edges))
            pairs = set(map(tuple, edges))
            if chain and len(readings(types, rules)) > 1:
                kind = "order"
            elif any((v, u) in pairs for (u, v) in pairs):
                kind = "cycle"
            else:
                kind = "other"
            kinds[start] = kind
            derivable = set()
            for path in simple_paths([tuple(e) for e in edges], types, *query):
                derivable |= readings(path, rules)
            if row["target"] not in derivable:
                off_path.add(start)
            golds[(tuple(map(tuple, edges)), types, tuple(query))][row["target"]] += 1
            start = reader.line_num + 1
    ceiling = sum(c.most_common(1)[0][1] for c in golds.values()) / max(1, len(kinds))
    return kinds, ceiling, off_path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", help="a CLUTRR split folder (data_db9b8f04 or data_089907f8)")
    ap.add_argument("--errors", help="wrong answers written by EpiGnnBenchmark errors=FILE")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        print(f"skipped: no dataset at {a.data}")
        return 0
    names = sorted(os.listdir(a.data))
    train = [n for n in names if n.endswith("_train.csv")]
    if not train:
        sys.exit(f"no *_train.csv in {a.data}")
    rules, conflicting = two_step_rules(os.path.join(a.data, train[0]))
    print(f"{a.data}: {len(rules)} two-step rules in {train[0]}, {conflicting} with conflicting conclusions\n")
    tests = {}
    for n in names:
        if n.endswith("_test.csv"):
            k = int(n.split("_")[0].split(".")[1])
            tests[k] = (n, *classify(os.path.join(a.data, n), rules))
    errors = collections.defaultdict(lambda: collections.defaultdict(list))
    if a.errors:
        with open(a.errors) as f:
            for line in f:
                seed, origin, _, _, _ = line.rstrip("\n").split("\t")
                name, record = origin.rsplit(":", 1)
                errors[seed][name].append(int(record))
    header = ("| k | test graphs | ceiling | order-dependent chains | with an inverse-edge cycle "
              "| gold off every simple path |")
    rule = "|---:|---:|---:|---:|---:|---:|"
    for seed in sorted(errors):
        header += f" seed {seed}: errors (order / cycle / other; off every simple path) |"
        rule += "---|"
    print(header)
    print(rule)
    for k in sorted(tests):
        name, kinds, ceiling, off_path = tests[k]
        count = collections.Counter(kinds.values())
        row = f"| {k} | {len(kinds)} | {ceiling:.3f} | {count['order']} | {count['cycle']} | {len(off_path)} |"
        for seed in sorted(errors):
            wrong = errors[seed].get(name, [])
            missing = [r for r in wrong if r not in kinds]
            if missing:
                sys.exit(f"{name}: error records {missing[:3]} are not record starts; is the errors file from "
                         f"this split?")
            by = collections.Counter(kinds[r] for r in wrong)
            off = sum(1 for r in wrong if r in off_path)
            row += f" {len(wrong)} ({by['order']} / {by['cycle']} / {by['other']}; {off}) |"
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
