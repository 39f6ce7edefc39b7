#!/usr/bin/env python3
"""EpiGNN in PyTorch: the same model, data handling, batch and optimiser as Rhizome's Java EpiGnn, written for
this project as a side-by-side reference (accuracy and seconds per epoch on the same machine).

Model (see EpiGnn.java): facets of probability vectors with coordinate 0 the identity; relation states
softmax(W[r, f, :]); composition per facet with a fixed identity row/column and a learned block
softmax-over-right-argument then L1 over the output; forward/backward passes with product or min aggregation of
incoming messages only, boundary clamped to the identity; readout along the first-found shortest undirected path.

  python3 epignn_torch.py --train FILE.csv [--test FILE.csv ...] --kind clutrr|algebra --epochs 100 --threads 2
Prints one JSON line.
"""
import argparse, ast, csv, json, random, re, sys, time
from collections import deque

import torch

csv.field_size_limit(10 ** 9)


def read(path, kind, vocab, frozen):
    out = []
    with open(path, newline='') as fh:
        for row in csv.DictReader(fh):
            if kind == 'clutrr':
                edges, labels, query, target = row['story_edges'], row['edge_types'], row['query_edge'], row['target']
                m = re.match(r'task_\d+\.(\d+)', row.get('task_name', ''))
                hops = int(m.group(1)) if m else -1
            else:
                edges, labels, query, target = row['edges'], row['edge_labels'], row['query_edge'], row['query_label']
                hops = -1
            edges = ast.literal_eval(edges)
            labels = ast.literal_eval(labels)
            query = ast.literal_eval(query)
            ids = []
            for l in labels + [target.strip()]:
                if l not in vocab:
                    if frozen:
                        raise SystemExit(f'{path}: unknown label {l}')
                    vocab[l] = len(vocab)
                ids.append(vocab[l])
            n = max([query[0], query[1]] + [max(e) for e in edges]) + 1
            out.append((n, edges, ids[:-1], query[0], query[1], ids[-1], hops))
    return out


def shortest_path(n, edges, s, t):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    parent = [-2] * n
    parent[s] = -1
    q = deque([s])
    while q and parent[t] == -2:
        u = q.popleft()
        for v in adj[u]:
            if parent[v] == -2:
                parent[v] = u
                q.append(v)
    if s == t:
        return [s]
    if parent[t] == -2:
        return [s, t]
    path = []
    v = t
    while v != -1:
        path.append(v)
        v = parent[v]
    return path[::-1]


def batch(examples):
    src, dst, rel, sources, targets, labels, pnodes, pquery = [], [], [], [], [], [], [], []
    off = 0
    for q, (n, edges, ids, s, t, y, _) in enumerate(examples):
        for (u, v), r in zip(edges, ids):
            src.append(u + off); dst.append(v + off); rel.append(r)
        sources.append(s + off); targets.append(t + off); labels.append(y)
        for v in shortest_path(n, edges, s, t):
            pnodes.append(v + off); pquery.append(q)
        off += n
    T = lambda x: torch.tensor(x, dtype=torch.long)
    return off, T(src), T(dst), T(rel), T(sources), T(targets), T(labels), T(pnodes), T(pquery)


class EpiGnn(torch.nn.Module):
    def __init__(self, relations, m, n, layers, aggr, objective, seed):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        self.m, self.n, self.layers, self.aggr, self.objective = m, n, layers, aggr, objective
        b1 = (6.0 / (m * n + relations * n)) ** 0.5
        b2 = (6.0 / (n * (n - 1) ** 2 + m * (n - 1) ** 2)) ** 0.5
        self.W = torch.nn.Parameter((torch.rand(relations, m, n, generator=g) * 2 - 1) * b1)
        self.U = torch.nn.Parameter((torch.rand(m, n, n - 1, n - 1, generator=g) * 2 - 1) * b2)

    def tensor_a(self):
        m, n = self.m, self.n
        s = torch.softmax(self.U, dim=-1)
        s = s / s.sum(dim=1, keepdim=True)
        eye = torch.eye(n)
        a = torch.zeros(m, n, n, n)
        a[:, :, 0, :] = eye
        a[:, :, :, 0] = eye
        a = a.clone()
        a[:, :, 1:, 1:] = s
        return a

    def agg(self, msgs, index, size):
        out = torch.zeros(size, self.m, self.n)
        red = 'prod' if self.aggr == 'mul' else 'amin'
        idx = index.view(-1, 1, 1).expand_as(msgs)
        out = out.scatter_reduce(0, idx, msgs, reduce=red, include_self=False)
        if self.aggr == 'mul':
            has = torch.zeros(size).index_add_(0, index, torch.ones(len(index))) > 0
            out = torch.where(has.view(-1, 1, 1), out, torch.ones_like(out))
        out = out + 1e-18
        return out / out.sum(-1, keepdim=True)

    def forward(self, b):
        nodes, src, dst, rel, sources, targets, labels, pnodes, pquery = b
        m, n = self.m, self.n
        A = self.tensor_a()
        rs = torch.softmax(self.W, dim=-1)
        relE = rs[rel]
        ident = torch.zeros(m, n); ident[:, 0] = 1
        fw = torch.full((nodes, m, n), 1.0 / n); fw[sources] = ident
        bw = torch.full((nodes, m, n), 1.0 / n); bw[targets] = ident
        comp = lambda x, y: torch.einsum('efi,fpij,efj->efp', x, A, y)
        for _ in range(self.layers):
            fw = self.agg(comp(fw[src], relE), dst, nodes)
            fw = fw.index_put((sources,), ident.expand(len(sources), m, n))
            bw = self.agg(comp(relE, bw[dst]), src, nodes)
            bw = bw.index_put((targets,), ident.expand(len(targets), m, n))
        o = self.agg(comp(fw[pnodes], bw[pnodes]), pquery, len(sources)).reshape(len(sources), m * n)
        rsf = rs.reshape(-1, m * n)
        if self.objective == 'cosine':
            cos = torch.nn.functional.normalize(o, dim=-1) @ torch.nn.functional.normalize(rsf, dim=-1).T
            return torch.log(cos + 1e-16)
        return (torch.log(o + 1e-12) @ rsf.T) / m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--train', required=True)
    ap.add_argument('--test', nargs='*', default=[])
    ap.add_argument('--kind', default='clutrr')
    ap.add_argument('--hops', type=int, default=0, help='keep only training examples with this k (0: all)')
    ap.add_argument('--epochs', type=int, default=100)
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--lr', type=float, default=0.01)
    ap.add_argument('--wd', type=float, default=0.01)
    ap.add_argument('--facets', type=int, default=8)
    ap.add_argument('--size', type=int, default=8)
    ap.add_argument('--layers', type=int, default=9)
    ap.add_argument('--aggr', default='mul')
    ap.add_argument('--objective', default='margin', help='margin (the Java preset) or cosine')
    ap.add_argument('--margin', type=float, default=1.0)
    ap.add_argument('--seed', type=int, default=42)
    ap.add_argument('--threads', type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    vocab = {}
    train = read(a.train, a.kind, vocab, False)
    if a.hops:
        train = [x for x in train if x[6] == a.hops]
    tests = {p: read(p, a.kind, vocab, True) for p in a.test}
    rnd = random.Random(a.seed)
    rnd.shuffle(train)
    nv = round(len(train) * 0.2)
    valid, train = train[:nv], train[nv:]
    model = EpiGnn(len(vocab), a.facets, a.size, a.layers, a.aggr, a.objective, a.seed)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=a.wd)

    def accuracy(xs):
        right = 0
        with torch.no_grad():
            for i in range(0, len(xs), 512):
                part = xs[i:i + 512]
                right += (model(batch(part)).argmax(-1) == torch.tensor([x[5] for x in part])).sum().item()
        return right / max(1, len(xs))

    best, best_state, epochs = -1, None, []
    for epoch in range(1, a.epochs + 1):
        start = time.perf_counter()
        rnd.shuffle(train)
        total = 0.0
        steps = 0
        for i in range(0, len(train), a.batch):
            b = batch(train[i:i + a.batch])
            scores = model(b)
            labels = b[6]
            if a.objective == 'cosine':
                loss = torch.nn.functional.cross_entropy(scores, labels)
            else:
                r = scores.shape[1]
                other = torch.randint(0, r - 1, labels.shape)
                neg = other + (other >= labels).long()
                pos_s = scores.gather(1, labels.view(-1, 1)).squeeze(1)
                neg_s = scores.gather(1, neg.view(-1, 1)).squeeze(1)
                loss = torch.relu(a.margin - pos_s + neg_s).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
            steps += 1
        train_seconds = time.perf_counter() - start
        acc = accuracy(valid)
        epochs.append(train_seconds)
        print(f'epoch {epoch} loss {total / steps:.4f} valid {acc:.4f} {train_seconds:.2f} s', file=sys.stderr)
        if acc > best:
            best, best_state = acc, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    result = {'reference': 'torch', 'threads': a.threads, 'epochs': a.epochs, 'valid': best, 'objective': a.objective,
              'median_train_seconds_per_epoch': sorted(epochs)[len(epochs) // 2],
              'test': {p.split('/')[-1]: accuracy(xs) for p, xs in tests.items()}}
    print(json.dumps(result))


if __name__ == '__main__':
    main()
