"""Times building a 30-page inspection report: every KLOE, all five key questions, 20 recommendations.

Run from the project root: ``python bench/report.py``. The content is built from the
sample rows (no database), then drawn as a PDF; the time counted is from rows to bytes,
the best of several runs after one warm-up (fonts and imports are loaded once per process
in the app too). The last line printed is one JSON object.
"""

import io
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pypdf import PdfReader  # noqa: E402

from safehouse_portal.documents.inspection_report import render_report  # noqa: E402
from safehouse_portal.documents.report_content import ReportContent, build_report  # noqa: E402
from tests.support.sample_report import sample_rows  # noqa: E402

RUNS = 5
TARGET_SECONDS = 0.5
PARAGRAPHS_PER_KLOE = 6


def build_once() -> tuple[float, bytes, ReportContent]:
    """Seconds to turn the rows into PDF bytes, the bytes, and the content drawn."""
    rows = sample_rows(recommendations=20, paragraphs=PARAGRAPHS_PER_KLOE)
    started = time.perf_counter()
    content = build_report(rows, final=True)
    data = render_report(content)
    return time.perf_counter() - started, data, content


def main() -> None:
    first, _, _ = build_once()
    timings = []
    for _ in range(RUNS):
        seconds, data, content = build_once()
        timings.append(seconds)
    reader = PdfReader(io.BytesIO(data))
    kloes = sum(len(kq.kloes) for kq in content.key_questions)
    best, worst = min(timings), max(timings)
    print(f"Report of {len(reader.pages)} pages, {len(data) / 1024:.0f} KiB: best {best:.3f} s, "
          f"worst {worst:.3f} s over {RUNS} runs, first {first:.3f} s (target <= {TARGET_SECONDS} s)")
    print(f"{len(content.key_questions)} key questions, {kloes} KLOEs, {len(content.recommendations)} recommendations")
    print(json.dumps({"pages": len(reader.pages), "bytes": len(data), "key_questions": len(content.key_questions),
                      "kloes": kloes, "recommendations": len(content.recommendations), "best_s": round(best, 4),
                      "worst_s": round(worst, 4), "first_s": round(first, 4), "target_s": TARGET_SECONDS, "runs": RUNS,
                      "met": worst <= TARGET_SECONDS}))


if __name__ == "__main__":
    main()
