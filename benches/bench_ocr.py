"""OCR accuracy and speed on the seed documents rendered to page images.

Two sets: **documents**, every page of the five seed PDFs (tests/fixtures/pdf) rendered at 150 and 200 dpi and read
back through OCR as one scanned document each; and **images**, the committed page images of tests/fixtures/ocr (made
by make_images.py), clean and degraded (skew, JPEG, noise, a stamp, a fax-like TIFF), each read on its own. A page
read on its own lacks the header of a table it continues: its columns are inferred from its cells (and the
categories of its rows above the first printed label are a guess).

The reference is the text-layer read of the same PDF pages, which agrees with the seeds' hand-made gold on 627 of
627 rows and 99.7% of fields (README, PDF row). A reference row is found when a row of
the OCR read has the same name (NFKC, blanks removed); its fields (categories, name, target, actual, weight,
score) agree when their texts are equal after the same normalisation.

OCR (text detection and recognition), line finding (the projection of dark pixels) and reading (the Rust grid,
layout and row stages) are timed separately, per page, on one process with the cache off.

    python benches/bench_ocr.py [--only SUBSTR] [--skip-documents] [--write-readme]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

import jixiao
import readme_results
from jixiao import _jixiao, ocr, ocr_engine

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "tests" / "fixtures" / "ocr"
FIELDS = ("level1", "level2", "name", "target", "actual", "weight", "score")
#: The core's warning threshold (`src/read/pdf/confidence.rs`).
LOW_CONFIDENCE = 0.8


def norm(s: object) -> str:
    if s is None:
        return ""
    if isinstance(s, dict):
        s = s.get("text", "")
    return "".join(unicodedata.normalize("NFKC", str(s)).split())


def rows_on(doc: jixiao.Document, pages: list[int]) -> list[dict[str, Any]]:
    out = []
    for t in json.loads(doc.to_json())["tables"]:
        for i in t["indicators"]:
            if not i.get("placeholder") and i.get("name") and (i.get("location") or {}).get("page") in pages:
                out.append(i)
    return out


def compare(reference: list[dict[str, Any]], got: list[dict[str, Any]]) -> tuple[int, ...]:
    """Rows found, rows, fields agreeing, fields compared; and of the fields of found rows that carry an OCR
    confidence: how many, how many are under the warning threshold, how many disagree, and how many disagree
    under the threshold (does a low confidence point at the misread cells?)."""
    by_name: dict[str, list[dict[str, Any]]] = {}
    for g in got:
        by_name.setdefault(norm(g.get("name")), []).append(g)
    found = agree = compared = sure = low = wrong = wrong_low = 0
    for r in reference:
        candidates = by_name.get(norm(r.get("name")))
        if not candidates:
            compared += len(FIELDS)
            continue
        g = candidates.pop(0)
        found += 1
        for f in FIELDS:
            compared += 1
            same = norm(r.get(f)) == norm(g.get(f))
            agree += same
            confidence = (g.get("ocr_confidence") or {}).get(f)
            if confidence is not None:
                sure += 1
                low += confidence < LOW_CONFIDENCE
                wrong += not same
                wrong_low += not same and confidence < LOW_CONFIDENCE
    return found, len(reference), agree, compared, sure, low, wrong, wrong_low


def recognise_pages(frames: list[Any], numbers: list[int], dpi: float) -> tuple[list[Any], float, float]:
    """The pages as the core takes them, and the seconds spent in OCR and in deskewing and line finding."""
    t_ocr = t_lines = 0.0
    pages = []
    scale = 72.0 / dpi
    for number, image in zip(numbers, frames, strict=True):
        t0 = time.perf_counter()
        image, _ = ocr_engine.deskew(image)
        found = ocr_engine.ruling_lines(image)
        t1 = time.perf_counter()
        words = ocr_engine.recognize(image, found)
        t_lines += t1 - t0
        t_ocr += time.perf_counter() - t1
        pages.append(
            (
                number,
                image.shape[1] * scale,
                image.shape[0] * scale,
                [(w.x0 * scale, w.top * scale, w.x1 * scale, w.bottom * scale, w.text, w.confidence) for w in words],
                [(a * scale, b * scale, c * scale, d * scale) for a, b, c, d in found],
            )
        )
    return pages, t_ocr, t_lines


def read_back(source: str, pages: list[Any]) -> tuple[list[dict[str, Any]], float]:
    t0 = time.perf_counter()
    try:
        doc = _jixiao._read_ocr(source, pages)
        got = rows_on(doc, [p[0] for p in pages])
    except jixiao.ReadError:
        got = []
    return got, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", help="images whose file name contains this")
    ap.add_argument("--skip-documents", action="store_true", help="only the committed images")
    ap.add_argument("--write-readme", action="store_true")
    args = ap.parse_args()
    if not ocr.available():
        raise SystemExit("the OCR extra is not installed: pip install '.[ocr]'")
    manifest = json.loads((IMAGES / "MANIFEST.json").read_text(encoding="utf-8"))
    totals: dict[str, list[float]] = {}
    ocr_engine.recognize(ocr_engine.load_image(IMAGES / manifest[0]["file"])[0])  # load the models untimed
    print(f"{'image':36} {'rows':>9} {'fields':>11} {'ocr s/p':>8} {'lines s/p':>9} {'read s':>7}")
    if not args.skip_documents:
        for pdf in sorted((ROOT / "tests" / "fixtures" / "pdf").glob("00[0-4]_*.pdf")):
            for dpi in (150, 200):
                if args.only and args.only not in pdf.name:
                    continue
                data = pdf.read_bytes()
                rendered = list(ocr_engine.render_pdf(data, None, dpi))
                pages, t_ocr, t_lines = recognise_pages([im for _, im in rendered], [n for n, _ in rendered], dpi)
                got, t_read = read_back(str(pdf), pages)
                reference = rows_on(jixiao.read(pdf), [n for n, _ in rendered])
                f, n_rows, a, c, *conf = compare(reference, got)
                acc = totals.setdefault(f"{dpi} dpi documents", [0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, 0, 0])
                for k, v in enumerate((f, n_rows, a, c, t_ocr, t_lines, len(pages), *conf)):
                    acc[k] += v
                name = f"{pdf.stem[:20]} ({len(pages)} p, {dpi} dpi)"
                print(
                    f"{name:36} {f:>4}/{n_rows:<4} {a:>5}/{c:<5} {t_ocr / len(pages):8.2f} "
                    f"{t_lines / len(pages):9.3f} {t_read:7.3f}"
                )
    for item in manifest:
        if args.only and args.only not in item["file"]:
            continue
        path = IMAGES / item["file"]
        source = (IMAGES / item["source"]).resolve()
        reference = rows_on(jixiao.read(source), item["pages"])
        frames = ocr_engine.load_image(path)
        numbers = [item["pages"][i] if i < len(item["pages"]) else i + 1 for i in range(len(frames))]
        pages, t_ocr, t_lines = recognise_pages(frames, numbers, item["dpi"])
        got, t_read = read_back(str(path), pages)
        f, n_rows, a, c, *conf = compare(reference, got)
        kind = "clean images" if item["degradation"] == "none" else "degraded images"
        acc = totals.setdefault(kind, [0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, 0, 0])
        for k, v in enumerate((f, n_rows, a, c, t_ocr, t_lines, len(frames), *conf)):
            acc[k] += v
        print(
            f"{item['file']:36} {f:>4}/{n_rows:<4} {a:>5}/{c:<5} {t_ocr / len(frames):8.2f} "
            f"{t_lines / len(frames):9.3f} {t_read:7.3f}"
        )
    parts = []
    confidence = [0, 0, 0, 0]
    for kind in ("150 dpi documents", "200 dpi documents", "clean images", "degraded images"):
        if kind not in totals:
            continue
        f, n_rows, a, c, t_ocr, t_lines, pages_n, *conf = totals[kind]
        confidence = [x + int(y) for x, y in zip(confidence, conf, strict=True)]
        parts.append(
            f"{kind}: rows {f}/{n_rows} = **{f / max(n_rows, 1):.3f}**, fields {a}/{c} = "
            f"**{a / max(c, 1):.3f}**; OCR {t_ocr / pages_n:.2f} s/page, line finding {t_lines / pages_n:.3f} s/page"
        )
    sure, low, wrong, wrong_low = confidence
    parts.append(
        f"cell confidence: {low} of {sure} fields under {LOW_CONFIDENCE}, {wrong_low} of them disagreeing "
        f"with the text layer; {wrong_low} of the {wrong} disagreeing fields are under {LOW_CONFIDENCE}"
    )
    line = "; ".join(parts) + f" ({readme_results.machine()})"
    print(line)
    if args.write_readme:
        readme_results.write("ocr", line)


if __name__ == "__main__":
    sys.exit(main())
