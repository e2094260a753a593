"""Small programme spreadsheets for the import tests."""

import csv
import io

from safehouse_portal.domain.programme_rows import COLUMNS

INSPECTOR_EMAIL = "sam.inspector@cqc.test"


def row(**changes: str) -> dict[str, str]:
    base = {
        "provider": "Harbourlight Support Trust", "lead_name": "Eleanor Haddow", "lead_email": "eleanor@harbour.test",
        "lead_phone": "01632 960107", "designated_inspector_email": INSPECTOR_EMAIL, "location": "Rowan House",
        "kind": "safehouse", "region": "North East", "address": "12 Example Road, Testford", "postcode": "ZZ99 3AB",
        "accommodates_children": "no", "capacity": "8", "group": "Testford services", "active": "yes",
    }
    return base | changes


def two_providers() -> list[dict[str, str]]:
    """Two providers, three locations, two groups."""
    other = {"provider": "Northgate Refuge Partnership", "lead_name": "Kwame Asante", "lead_email": "kwame@north.test",
             "group": "Sampleton services", "region": "London"}
    return [row(), row(location="Hazel House", capacity="6"),
            row(**other, location="Sampleton outreach team", kind="outreach", capacity="")]


def csv_bytes(rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()
