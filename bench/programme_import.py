"""Times importing a programme ten times the 2021-22 one (120 providers, 1,430 locations) on SQLite.

Run from the project root: ``python bench/programme_import.py``. The first import creates
every provider, inspection group, location and provider lead account (target <= 3 s); the
second imports the same file again and changes nothing (target <= 2 s). Each is timed
from the file's bytes to the commit, in a fresh SQLite database file. The last line
printed is one JSON object.
"""

import csv
import io
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, SQLModel, func, select  # noqa: E402

import safehouse_portal.db  # noqa: E402, F401  (registers every table)
from safehouse_portal.db import Location, Provider, User  # noqa: E402
from safehouse_portal.db.engine import make_engine  # noqa: E402
from safehouse_portal.domain.enums import Role  # noqa: E402
from safehouse_portal.domain.programme_rows import COLUMNS  # noqa: E402
from safehouse_portal.domain.regions import REGIONS  # noqa: E402
from safehouse_portal.services.core.actor import CLI_OPERATOR  # noqa: E402
from safehouse_portal.services.providers.programme_import import import_programme  # noqa: E402

PROVIDERS, LOCATIONS, INSPECTORS = 120, 1_430, 12
IMPORT_TARGET_S, REIMPORT_TARGET_S = 3.0, 2.0


def programme_csv() -> bytes:
    """120 providers with 11 or 12 locations each (1,430 in all), in groups of about three."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for n in range(LOCATIONS):
        p = n % PROVIDERS
        kind = "safehouse" if n % 3 else "outreach"
        writer.writerow([
            f"Provider {p:03d} Trust", f"Lead Person {p}", f"lead{p}@provider{p}.test", f"01632 96{p:04d}",
            f"inspector{p % INSPECTORS}@cqc.test", f"Location {n:04d}", kind, REGIONS[n % len(REGIONS)],
            f"{n} Example Road, Testford", "ZZ99 1AB", "yes" if n % 5 == 0 else "no",
            str(4 + n % 12) if kind == "safehouse" else "", f"Group {(n // PROVIDERS) // 3}", "yes",
        ])
    return out.getvalue().encode()


def timed_import(engine, content: bytes):
    start = time.perf_counter()
    with Session(engine) as session:
        outcome = import_programme(session=session, actor=CLI_OPERATOR, content=content, dry_run=False)
        session.commit()
    return time.perf_counter() - start, outcome


def main() -> None:
    content = programme_csv()
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            session.add_all([User(email=f"inspector{i}@cqc.test", name=f"Inspector {i}", password_hash="x",
                                  role=Role.INSPECTOR) for i in range(INSPECTORS)])
            session.commit()
        first_s, first = timed_import(engine, content)
        second_s, second = timed_import(engine, content)
        with Session(engine) as session:
            providers = session.exec(select(func.count()).select_from(Provider)).one()
            locations = session.exec(select(func.count()).select_from(Location)).one()
        engine.dispose()
    assert (providers, locations) == (PROVIDERS, LOCATIONS)
    assert not second.created and not second.changed and len(first.accounts) == PROVIDERS
    print(f"Import of {providers} providers, {locations} locations, {len(first.accounts)} lead accounts "
          f"({len(content) / 1024:.0f} KiB CSV): {first_s:.3f} s (target <= {IMPORT_TARGET_S} s)")
    print(f"Re-import, nothing changed ({len(second.unchanged)} left alone): {second_s:.3f} s "
          f"(target <= {REIMPORT_TARGET_S} s)")
    print(json.dumps({"providers": providers, "locations": locations, "accounts": len(first.accounts),
                      "import_s": round(first_s, 4), "reimport_s": round(second_s, 4),
                      "import_target_s": IMPORT_TARGET_S, "reimport_target_s": REIMPORT_TARGET_S,
                      "met": first_s <= IMPORT_TARGET_S and second_s <= REIMPORT_TARGET_S}))


if __name__ == "__main__":
    main()
