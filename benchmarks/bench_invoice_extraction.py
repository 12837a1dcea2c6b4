"""Field accuracy of the offline invoice extractor (3.2 §4) on the generated corpus (`invoice_corpus.py`).

.venv/bin/python benchmarks/bench_invoice_extraction.py            # generate + measure, both sets
.venv/bin/python benchmarks/bench_invoice_extraction.py --set tuning --show

Per document the file is read exactly as the app reads it (`invoices.reading`: the PDF's text layer, OCR for
images) and the fields found by `invoices.extractor.extract`. Reported per set (tuning / held-out):
vendor, invoice number, invoice date and total — exact (vendor: case and spacing aside); line items — F1 (a
predicted line is right when its amount is the expected one and its description shares at least half its words);
and whether a multi-page file is kept as one invoice by the splitter. Vendors are measured twice: cold (no known
vendors) and with the portfolio's vendor list (the app's normal case).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from benchmarks import invoice_corpus  # noqa: E402


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", (text or "").lower()))


def _line_f1(expected: list[dict], predicted: list[dict]) -> tuple[float, int, int, int]:
    used = set()
    tp = 0
    for p in predicted:
        for j, e in enumerate(expected):
            if j in used or str(p.get("total")) != e["amount"]:
                continue
            ew, pw = _words(e["description"]), _words(p.get("description") or "")
            if ew and len(ew & pw) / len(ew) >= 0.5:
                used.add(j)
                tp += 1
                break
    fp, fn = len(predicted) - tp, len(expected) - tp
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, tp, fp, fn


def _norm(s) -> str:
    return re.sub(r"\s+", " ", str(s or "")).strip().lower()


def measure(docs: list[dict], folder: pathlib.Path, *, show: bool = False) -> dict:
    from invoices import extractor, reading

    by_set: dict[str, dict] = {}
    for doc in docs:
        data = (folder / doc["file"]).read_bytes()
        started = time.perf_counter()
        try:
            if doc["file"].endswith(".pdf"):
                pages, _ = reading.pdf_lines(data)
                groups = extractor.split_invoices(pages)
            else:
                pages, groups = reading.photo_lines(data), [(1, 1)]
            cold = extractor.extract(pages)
            warm = extractor.extract(pages, known_vendors=invoice_corpus.KNOWN_VENDORS)
            error = ""
        except reading.ReadError as exc:
            cold = warm = {"line_items": []}
            groups, error = [], str(exc)
        seconds = time.perf_counter() - started
        f1, tp, fp, fn = _line_f1(doc["lines"], warm.get("line_items") or [])
        row = {
            "vendor_cold": _norm(cold.get("vendor_name")) == _norm(doc["vendor"]),
            "vendor": _norm(warm.get("vendor_name")) == _norm(doc["vendor"])
            or warm.get("matched_vendor_name") == doc["vendor"],
            "invoice_number": str(warm.get("invoice_number") or "") == doc["invoice_number"],
            "invoice_date": warm.get("invoice_date") == doc["invoice_date"],
            "total": warm.get("total") == doc["total"],
            "split_ok": len(groups) == 1,
            "line_f1": f1,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }
        if show and not all(row[k] for k in ("vendor", "invoice_number", "invoice_date", "total")) or show and f1 < 1:
            print(f"-- {doc['id']} ({doc['set']}) {error}")
            for k in ("vendor", "invoice_number", "invoice_date", "total"):
                got = {"vendor": warm.get("vendor_name"), "invoice_number": warm.get("invoice_number"),
                       "invoice_date": warm.get("invoice_date"), "total": warm.get("total")}[k]  # fmt: skip
                if not row[k]:
                    print(f"   {k}: expected {doc[k]!r} got {got!r}")
            if f1 < 1:
                print(
                    f"   lines F1 {f1:.2f} (tp {tp} fp {fp} fn {fn}); got {[(x['description'], x['total']) for x in warm.get('line_items') or []][:6]}"
                )
        bucket = by_set.setdefault(doc["set"], {"docs": 0, "seconds": 0.0, "rows": []})
        bucket["docs"] += 1
        bucket["seconds"] += seconds
        bucket["rows"].append(row)
    report = {}
    for name, bucket in by_set.items():
        rows = bucket["rows"]
        n = len(rows)
        tp, fp, fn = (sum(r[k] for r in rows) for k in ("tp", "fp", "fn"))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        report[name] = {
            "documents": n,
            **{
                k: round(sum(r[k] for r in rows) / n, 3)
                for k in ("vendor", "vendor_cold", "invoice_number", "invoice_date", "total", "split_ok")
            },  # fmt: skip
            "line_items_f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
            "line_items_precision": round(precision, 3),
            "line_items_recall": round(recall, 3),
            "seconds_per_document": round(bucket["seconds"] / n, 2),
        }
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=["tuning", "heldout"], help="only this set")
    parser.add_argument("--show", action="store_true", help="print each miss")
    parser.add_argument("--per-template", type=int, default=3)
    parser.add_argument("--keep", help="write the corpus into this folder (else a temporary one)")
    args = parser.parse_args(argv)
    folder = pathlib.Path(args.keep) if args.keep else pathlib.Path(tempfile.mkdtemp(prefix="invoice-corpus-"))
    docs = invoice_corpus.generate(folder, per_template=args.per_template)
    (folder / "expected.json").write_text(json.dumps(docs, indent=1))
    if args.set:
        docs = [d for d in docs if d["set"] == args.set]
    report = measure(docs, folder, show=args.show)
    print(json.dumps(report, indent=2))
    try:
        from benchmarks._util import write_result

        write_result("invoice_extraction", {"corpus": str(folder), **report})
    except Exception:  # noqa: BLE001 - results folder optional
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
