"""Benchmark: the offline tenant-message classifier (feature 5.3) on held-out labelled messages.

    .venv/bin/python benchmarks/bench_classifier.py

Splits communications/data/tenant_messages.tsv (stratified by intent, 25% held out) with three seeds, trains the
intent model on the rest, and reports intent accuracy, category accuracy and — separately — emergency recall
and precision of the full offline classification (rules + model) on the held-out messages, plus the recall on
the emergency phrasings of communications/tests/test_classifier.py (written apart from the training data).
No database. Writes JSON via benchmarks._util.write_result.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import write_result  # noqa: E402


def main():
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from sklearn.model_selection import train_test_split

    from communications import intents
    from communications.prompts import classify_offline_text
    from communications.tests.test_classifier import EMERGENCIES, NOT_EMERGENCIES

    rows = intents.load_examples()
    texts, labels = [t for t, _ in rows], [i for _, i in rows]
    runs = []
    for seed in (0, 7, 42):
        started = time.perf_counter()
        tr_x, te_x, tr_y, te_y = train_test_split(texts, labels, test_size=0.25, random_state=seed, stratify=labels)
        model = intents.train(list(zip(tr_x, tr_y, strict=True)))
        trained = time.perf_counter() - started
        pred = [intents.classify_intent(t, model=model) for t in te_x]
        intent_acc = sum(p.intent == y for p, y in zip(pred, te_y, strict=True)) / len(te_y)
        cat_acc = sum(p.category == intents.CATEGORY_OF[y] for p, y in zip(pred, te_y, strict=True)) / len(te_y)
        flagged = [classify_offline_text(t, month=1)["is_emergency"] for t in te_x]
        truth = [y == "report_emergency" for y in te_y]
        tp = sum(f and t for f, t in zip(flagged, truth, strict=True))
        runs.append(
            {
                "seed": seed,
                "held_out": len(te_y),
                "train_seconds": round(trained, 3),
                "intent_accuracy": round(intent_acc, 3),
                "category_accuracy": round(cat_acc, 3),
                "emergency_recall": round(tp / max(1, sum(truth)), 3),
                "emergency_precision": round(tp / max(1, sum(flagged)), 3),
                "held_out_emergencies": sum(truth),
            }
        )
    phr = [classify_offline_text(t, month=1)["is_emergency"] for t in EMERGENCIES]
    neg = [classify_offline_text(t, month=1)["is_emergency"] for t in NOT_EMERGENCIES]
    result = {
        "labelled_messages": len(rows),
        "runs": runs,
        "independent_emergency_phrasings": len(EMERGENCIES),
        "independent_emergency_recall": round(sum(phr) / len(phr), 3),
        "non_emergency_false_alarms": f"{sum(neg)}/{len(neg)}",
    }
    print(
        f"{'seed':>5} {'held out':>9} {'intent acc':>11} {'category acc':>13} {'emerg. recall':>14} {'precision':>10}"
    )
    for r in runs:
        print(
            f"{r['seed']:>5} {r['held_out']:>9} {r['intent_accuracy']:>11.3f} {r['category_accuracy']:>13.3f} "
            f"{r['emergency_recall']:>14.3f} {r['emergency_precision']:>10.3f}"
        )
    print(
        f"Emergency phrasings written apart: recall {result['independent_emergency_recall']:.3f} "
        f"({len(EMERGENCIES)}); false alarms on non-emergencies: {result['non_emergency_false_alarms']}"
    )
    write_result("classifier", result)


if __name__ == "__main__":
    main()
