"""The filtered audit trail as CSV: a header row first, then one row per event, newest first.

Before and after are in words, one ``Field: before -> after`` per line of the cell. Text
that a spreadsheet could run as a formula is neutralised. Each export is itself audited.
"""

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session

from safehouse_portal.documents.exports import CSV_MEDIA_TYPE, neutralise
from safehouse_portal.services.audit.trail import filter_words, iter_rows, parse_filter
from safehouse_portal.services.core import access, audit
from safehouse_portal.services.core.access import Action
from safehouse_portal.services.core.actor import Actor
from safehouse_portal.services.core.errors import InvalidInput

MOST_ROWS = 100_000
HEADER = ("Event", "When (London)", "Who", "Kind of change", "Provider", "Inspection", "About", "Before", "After")


@dataclass(frozen=True)
class TrailExport:
    filename: str = "audit-trail.csv"
    media_type: str = CSV_MEDIA_TYPE
    content: bytes = b""
    rows: int = 0


def export_csv(*, session: Session, actor: Actor | None, query: Mapping[str, object]) -> TrailExport:
    """The events matching ``query`` as CSV (at most ``MOST_ROWS``; narrow the filters for more)."""
    actor = access.require(actor, Action.VIEW_AUDIT_TRAIL)
    trail = parse_filter(query)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    count = 0
    for row in iter_rows(session, trail):
        count += 1
        if count > MOST_ROWS:
            raise InvalidInput({"form": f"More than {MOST_ROWS:,} events match: narrow the filters to export them"})
        writer.writerow([neutralise(v) for v in (
            row.id, row.when, row.who, row.what, row.provider, row.inspection, row.about,
            "\n".join(f"{c.field}: {c.before}" for c in row.changes),
            "\n".join(f"{c.field}: {c.after}" for c in row.changes))])
    audit.record(session=session, actor=actor, action="audit.exported", entity_type="audit_trail", entity_id=None,
                 after={"filters": dict(filter_words(session, trail)), "rows": count})
    return TrailExport(content=out.getvalue().encode("utf-8"), rows=count)
