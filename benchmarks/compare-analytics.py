#!/usr/bin/python3
"""Side-by-side table of Rhizome's graph analytics against igraph and NetworkX (benchmarks/run-analytics-bench.sh).

Reads, for each graph, a directory RESULTS/<graph>/ holding
  label.txt                      the graph's name for the tables
  rhizome.json                   AnalyticsBenchmark's output
  igraph-<i>.json, networkx-<i>.json   graph_ref.py runs (--libs igraph / --libs networkx), any number each
  dump/pagerank_{rhizome,igraph}.tsv, dump/betweenness_{rhizome,igraph}.tsv   full vectors, name<TAB>value
and prints Markdown: per graph, one row per measure with the three values, whether they agree, the median seconds
of each and the speed ratios; then the goals summary and the cost-growth table.

Agreement rules:
  exact measures (counts, transitivity, average clustering, assortativity, max core): relative difference
    |a - b| / max(|a|, |b|) <= 1e-9 (integers: equal);
  betweenness: every node's value within 1e-9 relative of igraph's full vector, and of NetworkX's top 10 by name;
  PageRank: max absolute difference <= 1e-6 against igraph's full vector and NetworkX's top 10 by name;
  modularity: Rhizome's Leiden >= igraph's best Leiden/Louvain - 0.005 (Louvain row: against igraph's Louvain).
Timings of the references are medians over their runs (each run reports one timing per measure; community detection
reports the mean over its seeds). Exit status 0; disagreements are marked NO in the tables and listed at the end.
"""
import argparse, glob, json, math, os, statistics, sys

EXACT_REL = 1e-9
PAGERANK_ABS = 1e-6
MODULARITY_SLACK = 0.005


def load(path):
    with open(path) as f:
        return json.load(f)


def load_vector(path):
    if not os.path.exists(path):
        return None
    out = {}
    with open(path) as f:
        for line in f:
            name, value = line.rstrip("\n").split("\t")
            out[name] = float(value)
    return out


def rel(a, b):
    if a == b:
        return 0.0
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return 0.0
    scale = max(abs(a), abs(b))
    return abs(a - b) / scale if scale > 0 else 0.0


def seconds(entry):
    if not isinstance(entry, dict):
        return None
    return entry.get("seconds", entry.get("seconds_per_run"))


def value(entry):
    return entry.get("value") if isinstance(entry, dict) else entry


class Graph:
    def __init__(self, directory):
        self.dir = directory
        self.name = os.path.basename(directory.rstrip("/"))
        label = os.path.join(directory, "label.txt")
        self.label = open(label).read().strip() if os.path.exists(label) else self.name
        whole = load(os.path.join(directory, "rhizome.json"))
        self.r = whole["rhizome"]
        self.timing = whole.get("timing", {})
        # Leiden run in its own JVM under a time limit (the largest graphs): merge it, or note that it was stopped.
        separate = os.path.join(directory, "rhizome-leiden.json")
        if os.path.exists(separate):
            self.r["leiden_modularity"] = load(separate)["rhizome"]["leiden_modularity"]
        stopped = os.path.join(directory, "rhizome-leiden.timeout")
        self.leiden_stopped = float(open(stopped).read().strip()) if os.path.exists(stopped) else None
        self.ig_runs = [load(p)["igraph"] for p in sorted(glob.glob(os.path.join(directory, "igraph-*.json")))]
        self.nx_runs = [load(p)["networkx"] for p in sorted(glob.glob(os.path.join(directory, "networkx-*.json")))]
        dump = os.path.join(directory, "dump")
        self.pr = {lib: load_vector(os.path.join(dump, f"pagerank_{lib}.tsv")) for lib in ("rhizome", "igraph")}
        self.bc = {lib: load_vector(os.path.join(dump, f"betweenness_{lib}.tsv")) for lib in ("rhizome", "igraph")}

    def ref(self, lib):
        runs = self.ig_runs if lib == "igraph" else self.nx_runs
        return runs[0] if runs else None

    def ref_seconds(self, lib, key):
        runs = self.ig_runs if lib == "igraph" else self.nx_runs
        xs = [seconds(r.get(key)) for r in runs if seconds(r.get(key)) is not None]
        return statistics.median(xs) if xs else None

    def ref_run_count(self, lib):
        return len(self.ig_runs if lib == "igraph" else self.nx_runs)


def fmt_s(s):
    if s is None:
        return "–"
    if s == 0:
        return "<0.0001"
    if s < 0.001:
        return f"{s:.5f}"
    if s < 10:
        return f"{s:.4f}" if s < 1 else f"{s:.3f}"
    return f"{s:.1f}"


def fmt_ratio(ref_s, r_s):
    if ref_s is None or r_s is None or ref_s == 0 or r_s == 0:
        return "–"
    x = ref_s / r_s
    return f"{x:.2f}x" if x < 10 else f"{x:.0f}x"


def fmt_v(v):
    if v is None:
        return "–"
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        return f"{v:.6g}"
    return str(v)


def top1(entry):
    if not entry or not entry.get("top10"):
        return None
    name, v = entry["top10"][0]
    return f"{name}: {float(v):.6g}"


class Report:
    def __init__(self):
        self.disagreements = []
        self.rows = {}  # graph name -> {measure: row dict}

    def compare_graph(self, g):
        ig, nx = g.ref("igraph"), g.ref("networkx")
        rows = []

        def exact_row(measure, key, time_key, r_time_entry=None, note=""):
            rv = value(g.r.get(key))
            iv = value(ig.get(key)) if ig else None
            nv = value(nx.get(key)) if nx else None
            checks, worst = [], 0.0
            for lib, v in (("igraph", iv), ("NetworkX", nv)):
                if v is None or rv is None:
                    continue
                if isinstance(rv, int) and isinstance(v, int):
                    ok = rv == v
                    d = 0.0 if ok else float("inf")
                else:
                    d = rel(float(rv), float(v))
                    ok = d <= EXACT_REL
                worst = max(worst, d)
                checks.append(ok)
                if not ok:
                    self.disagreements.append(f"{g.label}: {measure}: Rhizome {rv!r} vs {lib} {v!r}")
            if not checks:
                agree = "–"
            elif all(checks):
                agree = "yes" if worst == 0 or isinstance(rv, int) else f"yes ({worst:.0e})"
            else:
                agree = f"**NO** (rel {worst:.1e})"
            r_s = seconds(g.r.get(time_key)) if time_key else None
            rows.append(dict(measure=measure + note, r=fmt_v(rv), ig=fmt_v(iv), nx=fmt_v(nv), agree=agree,
                             r_s=r_s, ig_s=g.ref_seconds("igraph", time_key) if time_key else None,
                             nx_s=g.ref_seconds("networkx", time_key) if time_key else None, key=key))

        exact_row("nodes", "nodes", None)
        exact_row("edges", "edges", None)
        exact_row("components", "components", "components")
        exact_row("giant component", "giant_component", None)
        exact_row("transitivity", "transitivity", "transitivity", note=" ¹")
        exact_row("average clustering", "average_clustering", "average_clustering", note=" ¹")
        exact_row("degree assortativity", "assortativity", "assortativity")
        exact_row("max core", "max_core", "max_core")

        # PageRank.
        checks, notes = [], []
        rp, ip = g.pr["rhizome"], g.pr["igraph"]
        if rp is not None and ip is not None:
            if set(rp) != set(ip):
                checks.append(False)
                notes.append("node sets differ")
            else:
                d = max(abs(rp[k] - ip[k]) for k in rp)
                checks.append(d <= PAGERANK_ABS)
                notes.append(f"igraph full vector max abs diff {d:.1e}")
                if d > PAGERANK_ABS:
                    worst = max(rp, key=lambda k: abs(rp[k] - ip[k]))
                    self.disagreements.append(f"{g.label}: PageRank of node {worst}: Rhizome {rp[worst]!r} vs "
                                              f"igraph {ip[worst]!r}")
        if nx and rp is not None and "pagerank" in nx:
            d = max(abs(rp[str(n)] - float(v)) for n, v in nx["pagerank"]["top10"])
            checks.append(d <= PAGERANK_ABS)
            notes.append(f"NetworkX top 10 {d:.1e}")
            if d > PAGERANK_ABS:
                self.disagreements.append(f"{g.label}: PageRank top 10 vs NetworkX: max abs diff {d!r}")
        rows.append(dict(measure="PageRank (top node)", r=top1(g.r.get("pagerank")),
                         ig=top1(ig.get("pagerank")) if ig else None, nx=top1(nx.get("pagerank")) if nx else None,
                         agree=("yes" if all(checks) else "**NO**") + f" ({'; '.join(notes)})" if checks else "–",
                         r_s=seconds(g.r.get("pagerank")), ig_s=g.ref_seconds("igraph", "pagerank"),
                         nx_s=g.ref_seconds("networkx", "pagerank"), key="pagerank"))

        # Betweenness.
        rb = g.r.get("betweenness")
        if rb:
            checks, notes = [], []
            rv, iv = g.bc["rhizome"], g.bc["igraph"]
            if rv is not None and iv is not None:
                if set(rv) != set(iv):
                    checks.append(False)
                    notes.append("node sets differ")
                else:
                    d = max(rel(rv[k], iv[k]) for k in rv)
                    checks.append(d <= EXACT_REL)
                    notes.append(f"igraph full vector max rel diff {d:.1e}")
                    if d > EXACT_REL:
                        worst = max(rv, key=lambda k: rel(rv[k], iv[k]))
                        self.disagreements.append(f"{g.label}: betweenness of node {worst}: Rhizome {rv[worst]!r} "
                                                  f"vs igraph {iv[worst]!r}")
            nxb = nx.get("betweenness") if nx else None
            if nxb and rv is not None:
                d = max(rel(rv[str(n)], float(v)) for n, v in nxb["top10"])
                checks.append(d <= EXACT_REL)
                notes.append(f"NetworkX top 10 {d:.1e}")
                if d > EXACT_REL:
                    self.disagreements.append(f"{g.label}: betweenness top 10 vs NetworkX: max rel diff {d!r}")
            by = rb.get("seconds_by_threads", {})
            first_t = str(rb.get("threads", 1))
            rows.append(dict(measure=f"betweenness, exact ({first_t} thread)", r=top1(rb),
                             ig=top1(ig.get("betweenness")) if ig else None,
                             nx=top1(nxb) if nxb else ("not run ²" if nx else None),
                             agree=("yes" if all(checks) else "**NO**") + f" ({'; '.join(notes)})" if checks else "–",
                             r_s=by.get(first_t, rb.get("seconds")), ig_s=g.ref_seconds("igraph", "betweenness"),
                             nx_s=g.ref_seconds("networkx", "betweenness"), key="betweenness"))
            for t, s in by.items():
                if t == first_t:
                    continue
                d = rb.get("max_rel_diff_between_thread_counts", 0.0)
                rows.append(dict(measure=f"betweenness, exact ({t} threads)", r="same vector", ig="", nx="",
                                 agree=("yes" if d <= EXACT_REL else "**NO**") + f" (vs {first_t} thread: {d:.0e})",
                                 r_s=s, ig_s=g.ref_seconds("igraph", "betweenness"),
                                 nx_s=g.ref_seconds("networkx", "betweenness"), key=f"betweenness_{t}"))
        else:
            rows.append(dict(measure="betweenness, exact", r="not run ³", ig="not run ³", nx="not run ³", agree="–",
                             r_s=None, ig_s=None, nx_s=None, key="betweenness"))

        # Communities.
        rl, rv_l = value(g.r.get("louvain_modularity")), value(g.r.get("leiden_modularity"))
        seeds_note = lambda e: f" ({e['seeds_run']} seed{'s' if e['seeds_run'] != 1 else ''})" \
            if isinstance(e, dict) and "seeds_run" in e else ""
        il = value(ig.get("louvain_modularity")) if ig else None
        ie = value(ig.get("leiden_modularity")) if ig else None
        nl = value(nx.get("louvain_modularity")) if nx else None
        if il is not None and rl is not None:
            ok = rl >= il - MODULARITY_SLACK
            agree = ("yes" if ok else "**NO**") + f" (≥ igraph Louvain − {MODULARITY_SLACK})"
            if not ok:
                self.disagreements.append(f"{g.label}: Louvain modularity: Rhizome {rl!r} < igraph {il!r} - 0.005")
        else:
            agree = "–"
        if rl is None and il is None and nl is None:
            rl_text, il_text, nl_text = "not run ⁵", "not run ⁵", "not run ⁵"
        else:
            rl_text, il_text, nl_text = fmt_v(rl) + seeds_note(g.r.get("louvain_modularity")), fmt_v(il), fmt_v(nl)
        rows.append(dict(measure="Louvain modularity (best of seeds)", r=rl_text, ig=il_text, nx=nl_text,
                         agree=agree, r_s=seconds(g.r.get("louvain_modularity")),
                         ig_s=g.ref_seconds("igraph", "louvain_modularity"),
                         nx_s=g.ref_seconds("networkx", "louvain_modularity"), key="louvain"))
        if g.leiden_stopped is not None:
            agree = "– (Rhizome stopped)"
            self.disagreements.append(f"{g.label}: Rhizome's Leiden did not finish within {g.leiden_stopped:.0f} s "
                                      f"(one seed); igraph's took {fmt_s(g.ref_seconds('igraph', 'leiden_modularity'))} s"
                                      " (a speed finding, not a value disagreement)")
        elif ie is not None and rv_l is not None:
            target = max(x for x in (ie, il) if x is not None)
            ok = rv_l >= target - MODULARITY_SLACK
            agree = ("yes" if ok else "**NO**") + f" (≥ igraph best {target:.4f} − {MODULARITY_SLACK})"
            if not ok:
                self.disagreements.append(f"{g.label}: Leiden modularity: Rhizome {rv_l!r} < igraph best "
                                          f"{target!r} - 0.005")
        else:
            agree = "–"
        r_text = (f"stopped after {g.leiden_stopped:.0f} s ⁶" if g.leiden_stopped is not None
                  else fmt_v(rv_l) + seeds_note(g.r.get("leiden_modularity")))
        rows.append(dict(measure="Leiden modularity (best of seeds)", r=r_text, ig=fmt_v(ie),
                         nx=(fmt_v(nl) + " (Louvain ⁴)") if nl is not None else "–", agree=agree,
                         r_s=seconds(g.r.get("leiden_modularity")), ig_s=g.ref_seconds("igraph", "leiden_modularity"),
                         nx_s=g.ref_seconds("networkx", "louvain_modularity"), key="leiden",
                         r_lower=g.leiden_stopped))
        self.rows[g.name] = {row["key"]: row for row in rows}
        return rows

    @staticmethod
    def print_graph(g, rows, out):
        ig_n, nx_n = g.ref_run_count("igraph"), g.ref_run_count("networkx")
        rt = g.r
        out.write(f"\n#### {g.label}: {rt['nodes']:,} nodes, {rt['edges']:,} edges\n\n")
        t = g.timing
        if t.get("warmup_on_graph"):
            how = f"median of {t.get('reps')} runs after untimed warm-up runs on this graph"
        else:
            how = (f"median of {t.get('reps')} runs, **the first including JIT** (no untimed run on this graph; the "
                   f"JVM was only pre-warmed on a 10k-edge graph)")
        ig_how = (g.ig_runs[0]["method"] if g.ig_runs and "method" in g.ig_runs[0]
                  else f"median of {ig_n} graph_ref.py process run(s)")
        out.write(f"Rhizome: {how}; community detection: {t.get('seeds')} seed(s), median seconds per run. "
                  f"igraph: {ig_how}. NetworkX: "
                  f"{'median of ' + str(nx_n) + ' process run(s)' if nx_n else 'not run (too slow at this size)'}."
                  f"\n\n")
        out.write("| measure | Rhizome | igraph | NetworkX | agree? | Rhizome s | igraph s | NetworkX s | "
                  "igraph/Rhizome | NetworkX/Rhizome |\n")
        out.write("|---|---|---|---|---|---:|---:|---:|---:|---:|\n")
        for row in rows:
            r_s, ig_r, nx_r = fmt_s(row['r_s']), fmt_ratio(row['ig_s'], row['r_s']), fmt_ratio(row['nx_s'], row['r_s'])
            if row.get("r_lower"):
                r_s, ig_r = f"> {row['r_lower']:.0f}", "< " + fmt_ratio(row['ig_s'], row['r_lower'])
            out.write(f"| {row['measure']} | {row['r'] or '–'} | {row['ig'] or '–'} | {row['nx'] or '–'} | "
                      f"{row['agree']} | {r_s} | {fmt_s(row['ig_s'])} | {fmt_s(row['nx_s'])} | "
                      f"{ig_r} | {nx_r} |\n")

    def print_goals(self, graphs, out):
        out.write("\n| graph | measure | Rhizome s | igraph s | igraph/Rhizome | no slower than igraph? | "
                  "NetworkX s | NetworkX/Rhizome | ≥ 20x NetworkX? |\n")
        out.write("|---|---|---:|---:|---:|---|---:|---:|---|\n")
        for g in graphs:
            rows = self.rows[g.name]
            for key, label in (("betweenness", "betweenness, 1 thread"), ("pagerank", "PageRank"),
                               ("leiden", "Leiden (NetworkX: Louvain)")):
                row = rows.get(key)
                if row and row.get("r_lower"):
                    out.write(f"| {g.label} | {label} | > {row['r_lower']:.0f} | {fmt_s(row['ig_s'])} | "
                              f"< {fmt_ratio(row['ig_s'], row['r_lower'])} | **no** | – | – | not run |\n")
                    continue
                if not row or row["r_s"] is None:
                    continue
                ig_s, nx_s, r_s = row["ig_s"], row["nx_s"], row["r_s"]
                if max(ig_s or 0, r_s or 0) < 0.001:
                    ig_ok = "too small to time (< 1 ms)"
                    nx_ok = ig_ok
                    out.write(f"| {g.label} | {label} | {fmt_s(r_s)} | {fmt_s(ig_s)} | {fmt_ratio(ig_s, r_s)} | {ig_ok} | "
                              f"{fmt_s(nx_s)} | {fmt_ratio(nx_s, r_s)} | {nx_ok} |\n")
                    continue
                if ig_s and r_s:
                    x = ig_s / r_s
                    ig_ok = "yes" if x >= 1 else ("within noise (<20%)" if x >= 0.8 else "**no**")
                else:
                    ig_ok = "–"
                if nx_s and r_s:
                    nx_ok = "yes" if nx_s / r_s >= 20 else "**no**"
                else:
                    nx_ok = "not run"
                out.write(f"| {g.label} | {label} | {fmt_s(r_s)} | {fmt_s(ig_s)} | {fmt_ratio(ig_s, r_s)} | {ig_ok} | "
                          f"{fmt_s(nx_s)} | {fmt_ratio(nx_s, r_s)} | {nx_ok} |\n")

    def print_growth(self, families, graphs_by_name, out):
        keys = [("components", "components"), ("max core", "max_core"), ("clustering ¹", "transitivity"),
                ("PageRank", "pagerank"), ("Louvain", "louvain"), ("Leiden", "leiden")]
        for family in families:
            names = family.split(",")
            gs = [graphs_by_name[n] for n in names if n in graphs_by_name]
            if len(gs) < 2:
                continue
            sizes = " / ".join(f"{g.r['edges']:,}" for g in gs)
            out.write(f"\n{gs[0].label.split(' ')[0]} graphs with {sizes} edges (columns 1, 2, 3; "
                      f"x{gs[-1].r['edges'] / gs[0].r['edges']:.0f} from first to last; growth = time at the largest "
                      f"/ time at the smallest):\n\n")
            hdr = " | ".join(f"Rhizome s {i + 1}" for i in range(len(gs)))
            hdr_i = " | ".join(f"igraph s {i + 1}" for i in range(len(gs)))
            out.write(f"| measure | {hdr} | {hdr_i} | Rhizome growth | igraph growth | "
                      f"igraph/Rhizome at largest |\n")
            out.write("|---|" + "---:|" * (2 * len(gs) + 3) + "\n")
            for label, key in keys:
                r = [self.rows[g.name].get(key, {}).get("r_s") for g in gs]
                lower = [self.rows[g.name].get(key, {}).get("r_lower") for g in gs]
                i = [self.rows[g.name].get(key, {}).get("ig_s") for g in gs]
                growth = lambda xs: f"{xs[-1] / xs[0]:.1f}x" if xs[0] and xs[-1] else "–"
                out.write(f"| {label} | " + " | ".join(f"> {lo:.0f}" if lo else fmt_s(x) for x, lo in zip(r, lower))
                          + " | "
                          + " | ".join(fmt_s(x) for x in i)
                          + f" | {growth(r) if not lower[-1] else f'> {lower[-1] / r[0]:.0f}x' if r[0] else '–'}"
                          + f" | {growth(i)} | "
                          + (f"< {fmt_ratio(i[-1], lower[-1])}" if lower[-1] else fmt_ratio(i[-1], r[-1])) + " |\n")


FOOTNOTES = """
¹ Rhizome computes transitivity and average clustering in one `Clustering.of` call (triangles counted once); its
time is that call's, shown on both rows. igraph and NetworkX time each measure by its own call.
² NetworkX betweenness is limited to graphs of at most the NetworkX node cap (`--max-betweenness-nodes` of its run).
³ Exact betweenness is run (by Rhizome and igraph alike) only up to the igraph node cap: above it igraph would take
hours (O(n m)).
⁴ NetworkX 2.8 has no Leiden; its Louvain is the nearest measure and is shown for value and time.
⁵ Louvain is not among the measures run on the largest graphs: igraph's multilevel does not scale on the
Barabási–Albert graphs (see its time on BA 10^6), and graph_ref.py cannot leave it out.
⁶ Where shown: Rhizome's Leiden runs in its own JVM under a time limit on the largest graphs and was stopped at it.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="directory with one sub-directory per graph")
    ap.add_argument("--graphs", required=True, help="comma-separated sub-directory names, in table order")
    ap.add_argument("--growth", action="append", default=[],
                    help="comma-separated graph names of one family in increasing size (repeatable)")
    a = ap.parse_args()
    out = sys.stdout
    report = Report()
    graphs = []
    for name in a.graphs.split(","):
        d = os.path.join(a.results, name)
        if not os.path.exists(os.path.join(d, "rhizome.json")):
            out.write(f"\n({name}: no results, skipped)\n")
            continue
        g = Graph(d)
        graphs.append(g)
        report.print_graph(g, report.compare_graph(g), out)
    out.write(FOOTNOTES)
    out.write("\n### Goals: exact betweenness, PageRank and Leiden\n")
    report.print_goals(graphs, out)
    if a.growth:
        out.write("\n### Cost growth\n")
        report.print_growth(a.growth, {g.name: g for g in graphs}, out)
    out.write("\n### Disagreements\n\n")
    if report.disagreements:
        for d in report.disagreements:
            out.write(f"- {d}\n")
    else:
        out.write("None: every value checked agrees within the stated tolerances.\n")


if __name__ == "__main__":
    main()
