#!/usr/bin/python3
"""igraph timings for the cost-growth rows of the analytics benchmark, on graphs too large for graph_ref.py's full run.

graph_ref.py always runs igraph's Louvain (community_multilevel, 266 s per run on a 10^6-edge Barabasi-Albert graph
here) and NetworkX; on the 4x10^6-edge graphs this script times only the measures that scale, with exactly the same
igraph calls and the same edge reading (graph_ref.read_edges, imported from GRAPH_REF's directory):
connected components, transitivity, average clustering (mode="zero"), degree assortativity, coreness, PageRank
(damping 0.85) and Leiden (objective modularity, n_iterations=-1, best of --seeds seeds 0..S-1). Each measure runs
--reps times in this one process (the median is reported; Leiden: seconds per run over the seeds). Output: one JSON
object with graph_ref.py's keys under "igraph", so compare-analytics.py reads it like a graph_ref.py run;
--dump-dir writes pagerank_igraph.tsv as graph_ref.py does.

Usage: igraph-growth.py EDGES --graph-ref /work/shared/bench/graph_ref.py [--reps 3] [--seeds 1] [--dump-dir DIR]
"""
import argparse, json, os, random, statistics, sys, time


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("edges")
    ap.add_argument("--graph-ref", required=True)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--dump-dir")
    a = ap.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(a.graph_ref)))
    from graph_ref import read_edges
    import igraph as ig

    edges = read_edges(a.edges)
    names = sorted({x for e in edges for x in e})
    idx = {n: i for i, n in enumerate(names)}
    g = ig.Graph(n=len(names), edges=[(idx[x], idx[y]) for x, y in edges], directed=False)
    del edges, idx

    def timed(fn):
        secs, v = [], None
        for _ in range(a.reps):
            t = time.perf_counter()
            v = fn()
            secs.append(time.perf_counter() - t)
        return v, round(statistics.median(secs), 4), [round(s, 4) for s in secs]

    out = {"version": ig.__version__, "method": f"in-process median of {a.reps} repetitions (igraph-growth.py)"}
    out["nodes"], out["edges"] = g.vcount(), g.ecount()
    out["mean_degree"] = 2 * g.ecount() / g.vcount()
    comps, t, runs = timed(lambda: g.connected_components())
    out["components"] = {"value": len(comps), "seconds": t, "runs": runs}
    out["giant_component"] = max(len(c) for c in comps)
    v, t, runs = timed(lambda: g.transitivity_undirected())
    out["transitivity"] = {"value": v, "seconds": t, "runs": runs}
    v, t, runs = timed(lambda: g.transitivity_avglocal_undirected(mode="zero"))
    out["average_clustering"] = {"value": v, "seconds": t, "runs": runs}
    v, t, runs = timed(lambda: g.assortativity_degree(directed=False))
    out["assortativity"] = {"value": v, "seconds": t, "runs": runs}
    v, t, runs = timed(lambda: max(g.coreness()))
    out["max_core"] = {"value": v, "seconds": t, "runs": runs}
    pr, t, runs = timed(lambda: g.pagerank(damping=0.85))
    out["pagerank"] = {"top10": sorted(((names[i], p) for i, p in enumerate(pr)), key=lambda x: -x[1])[:10],
                       "seconds": t, "runs": runs}
    if a.dump_dir:
        with open(os.path.join(a.dump_dir, "pagerank_igraph.tsv"), "w") as f:
            for i, p in enumerate(pr):
                f.write(f"{names[i]}\t{p!r}\n")
    best, secs = -1, []
    for s in range(a.seeds):
        random.seed(s)
        ig.set_random_number_generator(random)
        t = time.perf_counter()
        part = g.community_leiden(objective_function="modularity", n_iterations=-1)
        secs.append(time.perf_counter() - t)
        best = max(best, g.modularity(part))
    out["leiden_modularity"] = {"value": best, "seconds_per_run": round(statistics.median(secs), 4),
                                "runs": [round(s, 4) for s in secs]}
    json.dump({"input": a.edges, "simple_undirected_edges": g.ecount(), "igraph": out}, sys.stdout, indent=1,
              default=str)
    print()


if __name__ == "__main__":
    main()
