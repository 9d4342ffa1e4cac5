"""Figure 6: the messaging rules on the labelled corpus of simulation/message_corpus.py.

Precision (of the violations found, how many are real) and recall (of the real ones, how many are
found) per rule and overall, both with the issue's budget of 95%; and the check's time per message.
The corpus was written beside the rules: it shows they hold on these cases, hard ones included.
"""
import time

from bench import report
from simulation import message_corpus

BUDGET = 0.95


def run() -> None:
    from chalicelib.domain.message_check import check

    messages = len(message_corpus.COMPLIANT) + len(message_corpus.VIOLATING)
    report.heading(f"6. Messaging rules on a labelled corpus ({len(message_corpus.COMPLIANT)} compliant, "
                   f"{len(message_corpus.VIOLATING)} violating messages, six languages)")
    started = time.perf_counter()
    scores = message_corpus.scores(lambda text, csba: [v.rule for v in check(text, csba)])
    elapsed = time.perf_counter() - started
    for rule in [*sorted(r for r in scores if r != "overall"), "overall"]:
        s = scores[rule]
        ok = s["precision"] >= BUDGET and s["recall"] >= BUDGET
        report.figure(f"6. {rule}: precision / recall", f"{s['precision']:.3f} / {s['recall']:.3f}", ">= 0.95", ok)
        report.detail(f"{s['tp']} found rightly, {s['fp']} wrongly, {s['fn']} missed")
    report.figure("6. check time per message (first includes importing phonenumbers)",
                  f"{elapsed / (messages + len(message_corpus.NOT_CSBA)) * 1000:.1f} ms", "-", None)
