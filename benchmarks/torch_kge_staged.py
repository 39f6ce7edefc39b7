"""Runs the PyTorch reference trainer (../shared/bench/torch_kge.py) in two stages, for runs longer than a sitting.

The reference trains and then evaluates in one process and prints nothing until both are done. On FB15k-237, its
RotatE evaluation costs about 1 s per test triple on this machine (its score's `stack(...).norm(dim=0)` is slow in
PyTorch 1.13), so a 3,000-step run needs about 6.5 hours, longer than a session. This driver does not change the
reference's training or its evaluation protocol; it only splits the run:

  train  runs the reference's own main() unchanged. When main() calls evaluate() after the last step, a stand-in
         saves the trained parameters and the reference's own training clock and loss (read from main's frame),
         and the process ends without evaluating.
  eval   loads those parameters into the reference's Model and calls the reference's evaluate() on consecutive
         parts of the split (filtered against train+valid+test as always, one query per broadcast), appending one
         JSON line per part to a file; a later call skips the parts already done. When all parts are done it prints
         a summary line shaped like the reference's, with the metrics combined over parts (each part's metrics are
         rounded to 4 digits by the reference, so the combined MRR is exact to within 5e-5).

  --score sqrt   replaces, for RotatE only, the reference's `gamma - stack([re, im]).norm(dim=0).sum(-1)` by
                 `gamma - sqrt(re*re + im*im).sum(-1)`, the same function (scores agree to about 2e-6), 9x faster
                 in the evaluation on FB15k-237.
                 Ranks can differ only where two candidates' scores are within rounding of each other. The summary
                 records which score was used; its eval_seconds are then not the reference's evaluation time.

Usage (Debian's /usr/bin/python3 with python3-torch):
  python3 benchmarks/torch_kge_staged.py train --state S.pt -- <torch_kge.py arguments>
  python3 benchmarks/torch_kge_staged.py eval --state S.pt --parts P.jsonl [--part-size 2000] [--score norm|sqrt]
          [--max-parts N] [--first N]
"""
import argparse
import json
import math
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.environ.get("TORCH_KGE_DIR", os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench")))
sys.path.insert(0, REFERENCE)
try:
    import torch  # noqa: E402
    import torch_kge  # noqa: E402
except ImportError as e:
    raise SystemExit(f"torch_kge_staged: {e}: needs Debian's python3-torch and the reference torch_kge.py in "
                     f"{REFERENCE} (set TORCH_KGE_DIR to its folder)")


class _Trained(Exception):
    pass


def train(state_path, reference_args):
    """Runs the reference's main() with reference_args; saves the model where main() would evaluate it."""
    def save_instead_of_evaluating(model, data, n_ent, split, bs):
        caller = sys._getframe(1).f_locals
        missing = [name for name in ("a", "step", "t_train", "loss") if name not in caller]
        if missing:
            raise SystemExit(f"torch_kge_staged: the reference's main() has no local {', '.join(missing)} where it "
                             f"calls evaluate(); this driver reads them and must follow the reference")
        a = caller["a"]
        if caller["step"] != a.steps:
            raise SystemExit("torch_kge_staged: run the train stage without --eval-every")
        torch.save({"kind": model.kind, "gamma": model.gamma, "dim": a.dim, "n_ent": n_ent,
                    "n_rel": model.rel.shape[0], "ent": model.ent.detach().clone(),
                    "rel": model.rel.detach().clone(), "data": os.path.abspath(a.data), "args": vars(a),
                    "train_seconds": caller["t_train"], "loss": float(caller["loss"])}, state_path)
        raise _Trained()

    torch_kge.evaluate = save_instead_of_evaluating
    sys.argv = ["torch_kge.py"] + reference_args
    try:
        torch_kge.main()
    except _Trained:
        s = torch.load(state_path)
        a = s["args"]
        print(json.dumps({"trained": True, "state": state_path, "model": a["model"], "steps": a["steps"],
                          "train_seconds": round(s["train_seconds"], 2), "loss": round(s["loss"], 4),
                          "scored_triples_per_second": scored_rate(s)}),
              flush=True)
        return
    raise SystemExit("torch_kge_staged: the reference ended without calling evaluate()")


def scored_rate(state):
    """The reference's training rate: positives and their negatives scored per second of its training clock."""
    a = state["args"]
    return round(a["steps"] * a["batch"] * (a["negatives"] + 1) / state["train_seconds"])


def sqrt_rotate_score(self, h, r, t):
    """The reference's RotatE score with the modulus taken as sqrt(re^2 + im^2) instead of a stacked norm."""
    hr, hi = h.chunk(2, -1)
    tr, ti = t.chunk(2, -1)
    phase = r / (self.range / math.pi)
    cr, ci = torch.cos(phase), torch.sin(phase)
    re = hr * cr - hi * ci - tr
    im = hr * ci + hi * cr - ti
    return self.gamma - (re * re + im * im).sqrt().sum(-1)


def evaluate(state_path, parts_path, part_size, score, max_parts, first, threads):
    torch.set_num_threads(threads)
    s = torch.load(state_path)
    a = s["args"]
    data, n_ent, n_rel = torch_kge.load(s["data"])  # an absolute path: eval may run from another folder
    if (n_ent, n_rel) != (s["n_ent"], s["n_rel"]):
        raise SystemExit(f"torch_kge_staged: {s['data']} has {n_ent} entities and {n_rel} relations, "
                         f"the state {s['n_ent']} and {s['n_rel']}")
    model = torch_kge.Model(s["kind"], n_ent, n_rel, s["dim"], s["gamma"])
    with torch.no_grad():
        model.ent.copy_(s["ent"])
        model.rel.copy_(s["rel"])
    if score == "sqrt":
        if s["kind"] != "rotate":
            raise SystemExit("torch_kge_staged: --score sqrt applies to rotate only")
        torch_kge.Model.score = sqrt_rotate_score
    split = a["eval_split"]
    queries = data[split] if first is None else data[split][:first]
    done = {}
    if os.path.exists(parts_path):
        with open(parts_path) as f:
            for line in f:
                p = json.loads(line)
                if p["score"] == score and p["state"] == os.path.abspath(state_path):
                    done[(p["start"], p["end"])] = p
    partition = [(start, min(start + part_size, queries.shape[0]))
                 for start in range(0, queries.shape[0], part_size)]
    ran = 0
    for start, end in partition:
        if (start, end) in done:
            continue
        if max_parts is not None and ran >= max_parts:
            break
        part = dict(data)
        part["__part"] = queries[start:end]
        t0 = time.perf_counter()
        m = torch_kge.evaluate(model, part, n_ent, "__part", 1)
        p = {"state": os.path.abspath(state_path), "score": score, "start": start, "end": end,
             "seconds": round(time.perf_counter() - t0, 2), "metrics": m}
        with open(parts_path, "a") as f:
            f.write(json.dumps(p) + "\n")
        print(json.dumps(p), flush=True)
        done[(start, end)] = p
        ran += 1
    done = {key: done[key] for key in partition if key in done}  # parts of another --part-size are not counted
    total = sum(p["end"] - p["start"] for p in done.values())
    if total < queries.shape[0]:
        print(json.dumps({"partial": True, "triples_done": total, "triples": queries.shape[0]}), flush=True)
        return

    def combine(key, sub=None):
        acc = 0.0
        for p in done.values():
            m = p["metrics"] if sub is None else p["metrics"][sub]
            acc += m[key] * (p["end"] - p["start"])
        return acc / total

    final = {k: round(combine(k), 4) for k in ("mrr", "hits1", "hits3", "hits10")}
    final["mr"] = round(combine("mr"), 1)
    final["optimistic"] = {k: round(combine(k, "optimistic"), 4) for k in ("mrr", "hits10")}
    final["loss"] = round(s["loss"], 4)
    print(json.dumps({"summary": True, "staged": True, "score": score, "model": s["kind"], "dim": s["dim"],
                      "negatives": a["negatives"], "batch": a["batch"], "steps": a["steps"],
                      "threads": a["threads"], "train_seconds": round(s["train_seconds"], 2),
                      "eval_seconds": round(sum(p["seconds"] for p in done.values()), 2),
                      "scored_triples_per_second": scored_rate(s),
                      "triples": total, "final": final}), flush=True)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "train":
        ap = argparse.ArgumentParser(prog="torch_kge_staged.py train")
        ap.add_argument("--state", required=True)
        ap.add_argument("rest", nargs=argparse.REMAINDER)
        a = ap.parse_args(sys.argv[2:])
        rest = a.rest[1:] if a.rest[:1] == ["--"] else a.rest
        train(a.state, rest)
    elif len(sys.argv) > 1 and sys.argv[1] == "eval":
        ap = argparse.ArgumentParser(prog="torch_kge_staged.py eval")
        ap.add_argument("--state", required=True)
        ap.add_argument("--parts", required=True)
        ap.add_argument("--part-size", type=int, default=2000)
        ap.add_argument("--score", choices=["norm", "sqrt"], default="norm")
        ap.add_argument("--max-parts", type=int)
        ap.add_argument("--first", type=int, help="evaluate only the split's first N triples")
        ap.add_argument("--threads", type=int, default=2)
        a = ap.parse_args(sys.argv[2:])
        evaluate(a.state, a.parts, a.part_size, a.score, a.max_parts, a.first, a.threads)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
