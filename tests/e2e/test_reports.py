"""The factual accuracy check end to end: the provider comments and is done, the inspector decides,
the final report is issued, downloads with the correction, and reaches the stakeholders."""

import io
import itertools
import re
import select as socket_select
import socket
from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from reflex.utils.format import format_event_handler
from sqlalchemy import create_engine
from sqlmodel import Session, select

from safehouse_portal.db import FactualAccuracyComment, Inspection, InspectionGroup, ReportSnapshot, StoredFile, User
from safehouse_portal.domain.enums import Role, Stage
from safehouse_portal.portals.reporting.provider_fa import ProviderFaState
from safehouse_portal.services.reporting.data import fa_window_open
from safehouse_portal.web.upload_limit import UPLOAD_LIMIT_BYTES
from tests.e2e.raw_client import session_cookie
from tests.e2e.helpers import sign_in

pytestmark = pytest.mark.e2e
CORRECTED = "Corrected after factual accuracy: every review was on time."
AUDIT_LOG = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages).split())


@pytest.fixture
def fa_case(e2e_db_url):
    """A demo inspection at factual accuracy whose provider has not responded, with its people."""
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        commented = select(FactualAccuracyComment.inspection_id)
        candidates = session.exec(select(Inspection).where(
            Inspection.stage == Stage.FACTUAL_ACCURACY, Inspection.fa_declined.is_(False),
            Inspection.id.not_in(commented)).order_by(Inspection.id.desc())).all()
        inspection = next(i for i in candidates if fa_window_open(session, i, date.today()))
        group = session.get(InspectionGroup, inspection.group_id)
        provider_lead = session.exec(select(User.email).where(User.role == Role.PROVIDER_LEAD,
                                                              User.provider_id == group.provider_id)).first()
        lead = session.get(User, inspection.lead_inspector_id).email
        draft = session.exec(select(ReportSnapshot).where(ReportSnapshot.inspection_id == inspection.id,
                                                          ReportSnapshot.kind == "draft")).first()
        kloe = next(s["key"] for s in draft.content["sections"] if s["key"].startswith("kloe-"))
        case = {"id": inspection.id, "group": group.name, "provider_lead": provider_lead, "lead": lead,
                "kloe": kloe}
    yield case, engine
    engine.dispose()


def _comment_ids(engine, inspection_id: int) -> dict[str, int]:
    with Session(engine) as session:
        return {c.section_key: c.id for c in session.exec(select(FactualAccuracyComment).where(
            FactualAccuracyComment.inspection_id == inspection_id)).all()}


def _comment_on(page, section: str, kind: str, concerned: str, correction: str, *,
                evidence: str | None = None) -> None:
    prefix = f"#comment-{section}-"
    page.click(f"{prefix}open")
    if evidence:
        page.click(f"{prefix}attach")
        box = page.locator(f"{prefix}evidence")
        box.locator("input[type=file]").set_input_files(
            files=[{"name": evidence, "mimeType": "application/pdf", "buffer": AUDIT_LOG}])
        expect(box.get_by_role("link", name=evidence)).to_be_visible()
        expect(box).to_contain_text("These files are sent with this comment only.")
    page.check(f"{prefix}{kind}")
    page.fill(f"{prefix}text_concerned", concerned)
    page.fill(f"{prefix}proposed_correction", correction)
    page.click(f"{prefix}send")
    expect(page.locator("#notice")).to_contain_text("Your comment was sent")


def test_the_provider_comments_the_inspector_decides_and_the_final_report_holds_the_correction(new_page, fa_case):
    case, engine = fa_case
    provider = new_page()
    sign_in(provider, case["provider_lead"])
    expect(provider).to_have_url(re.compile(r"/provider/?$"))
    provider.goto(f"/provider/factual-accuracy/{case['id']}")
    expect(provider.get_by_role("heading", level=1)).to_have_text("Factual accuracy check")
    expect(provider.locator("#fa-countdown")).to_contain_text(re.compile(r"Due (in \d+ working days?|today)"))
    _comment_on(provider, case["kloe"], "factual_error", "had not been reviewed", "They were all reviewed on time.",
                evidence="risk-review-audit.pdf")
    _comment_on(provider, "summary", "incomplete_evidence", "The summary", "Mention our new garden.")
    provider.click("#declare-done")
    expect(provider.locator("#notice")).to_contain_text("The factual accuracy check is closed")
    expect(provider.locator("#declare-done")).to_have_count(0)

    ids = _comment_ids(engine, case["id"])
    with Session(engine) as session:
        files = {c.section_key: c.file_ids for c in session.exec(select(FactualAccuracyComment).where(
            FactualAccuracyComment.inspection_id == case["id"])).all()}
    assert len(files[case["kloe"]]) == 1 and files["summary"] == [], "the evidence went with its own comment"
    inspector = new_page()
    sign_in(inspector, case["lead"])
    inspector.goto(f"/inspections/{case['id']}/report")
    expect(inspector.locator(f"#comment-{ids[case['kloe']]}")).to_contain_text("They were all reviewed on time.")
    expect(inspector.locator(f"#comment-{ids[case['kloe']]}").get_by_role("link", name="risk-review-audit.pdf")) \
        .to_be_visible()
    accept = f"#decide-{ids[case['kloe']]}-"
    inspector.check(f"{accept}accepted")
    inspector.fill(f"{accept}reason", "The provider's audit log shows the reviews.")
    inspector.fill(f"{accept}amended_text", CORRECTED)
    current = inspector.locator(f"{accept}new_rating").evaluate("e => e.closest('div').innerText")
    inspector.select_option(f"{accept}new_rating", "meeting" if "Meeting requirements" not in current
                            else "requires_improvement")
    inspector.click(f"{accept}submit")
    expect(inspector.locator("#quality-panel")).to_contain_text("The provider's audit log shows the reviews.")

    reject = f"#decide-{ids['summary']}-"
    inspector.check(f"{reject}not_accepted")
    inspector.fill(f"{reject}reason", "A garden is not a matter of factual accuracy.")
    inspector.click(f"{reject}submit")
    expect(inspector.locator(f"#comment-{ids['summary']}")).to_contain_text(
        "Not accepted A garden is not a matter of factual accuracy.")

    inspector.click("#close-fa")
    expect(inspector.locator("#notice")).to_contain_text("The report is being finalised")
    expect(inspector.locator("#changes")).to_contain_text(CORRECTED)
    inspector.click("#issue-final")
    expect(inspector.locator("#notice")).to_contain_text("The final report was issued")
    expect(inspector.locator("#issue")).to_contain_text("The Home Office")

    final = inspector.request.get(f"/documents/inspections/{case['id']}/report-final.pdf")
    assert final.status == 200 and final.headers["content-type"] == "application/pdf"
    text = _pdf_text(final.body())
    assert CORRECTED in text and "Official - sensitive: not for publication" in text

    stakeholder = new_page()
    sign_in(stakeholder, "homeoffice@demo.safehouse.test")
    row = stakeholder.locator("tr", has_text=case["group"])
    expect(row).to_contain_text("Download the final report")
    with stakeholder.expect_download() as download:
        row.get_by_role("link", name="Download the final report (PDF)").click()
    assert CORRECTED in _pdf_text(open(download.value.path(), "rb").read())


def test_another_provider_gets_neither_the_form_nor_the_draft(new_page, fa_case):
    case, engine = fa_case
    with Session(engine) as session:
        group = session.exec(select(InspectionGroup).join(Inspection, Inspection.group_id == InspectionGroup.id)
                             .where(Inspection.id == case["id"])).one()
        other = session.exec(select(User.email).where(User.role == Role.PROVIDER_LEAD,
                                                      User.provider_id != group.provider_id)).first()
    page = new_page()
    sign_in(page, other)
    page.goto(f"/provider/factual-accuracy/{case['id']}")
    expect(page.locator("#page-not-found")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text(case["group"])
    assert page.request.get(f"/documents/inspections/{case['id']}/report-draft.pdf").status == 404


def _raw_post(app_url: str, head: bytes, body_chunks=()) -> int:
    """Send a request on a raw socket (a browser cannot lie about a body's length) and read the status."""
    host, port = urlsplit(app_url).hostname, urlsplit(app_url).port
    with socket.create_connection((host, port), timeout=30) as conn:
        conn.sendall(head)
        try:
            for chunk in body_chunks:
                if socket_select.select([conn], [], [], 0)[0]:
                    break
                conn.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass
        reply = b""
        while b"\r\n" not in reply:
            data = conn.recv(4096)
            if not data:
                break
            reply += data
    return int(reply.split(b" ", 2)[1])


def _upload_head(app_url: str, extra: str) -> bytes:
    return (f"POST /_upload HTTP/1.1\r\nHost: {urlsplit(app_url).netloc}\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\nReflex-Client-Token: t\r\n"
            f"Reflex-Event-Handler: {format_event_handler(ProviderFaState.attach_files)}\r\n{extra}\r\n").encode()


def test_the_app_refuses_an_oversized_upload_before_reading_it_and_stores_nothing(app_url, e2e_db_url):
    engine = create_engine(e2e_db_url)
    with Session(engine) as session:
        stored_before = len(session.exec(select(StoredFile.id)).all())
    declared = _raw_post(app_url, _upload_head(app_url, f"Content-Length: {UPLOAD_LIMIT_BYTES + 1}\r\n"))
    assert declared == 413
    megabyte = b"x" * (1024 * 1024)
    part = b'--x\r\nContent-Disposition: form-data; name="files"; filename="huge.pdf"\r\n' \
           b"Content-Type: application/pdf\r\n\r\n%PDF"
    chunks = (b"%x\r\n%s\r\n" % (len(body), body)
              for body in itertools.chain([part], itertools.repeat(megabyte, UPLOAD_LIMIT_BYTES // len(megabyte) + 20)))
    cookie = session_cookie(app_url, "lead1@demo.safehouse.test")  # a signed-in sender: the size limit, not sign-in, refuses
    streamed = _raw_post(app_url, _upload_head(app_url, f"Cookie: {cookie}\r\nTransfer-Encoding: chunked\r\n"), chunks)
    assert streamed == 413
    with Session(engine) as session:
        assert len(session.exec(select(StoredFile.id)).all()) == stored_before
    engine.dispose()
