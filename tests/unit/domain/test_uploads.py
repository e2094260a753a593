"""Uploaded files are judged by their bytes, never by their names."""

import io
import zipfile

import pytest

from safehouse_portal.domain.uploads import (
    ACCEPT, CONTENT_TYPES, EXTENSIONS, KINDS_TEXT, MAX_BYTES, MAX_MEGABYTES, REFUSED_EMPTY, REFUSED_KIND, REFUSED_SIZE,
    SIZE_TEXT, FileKind, check_upload, display_name,
)


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("content,kind", [
    (b"%PDF-1.7\n...", FileKind.PDF),
    (b"\x89PNG\r\n\x1a\n....", FileKind.PNG),
    (b"\xff\xd8\xff\xe0....", FileKind.JPEG),
    (_zip("[Content_Types].xml", "word/document.xml"), FileKind.DOCX),
    (_zip("[Content_Types].xml", "xl/workbook.xml"), FileKind.XLSX),
])
def test_allowed_kinds_are_recognised_by_their_content(content, kind):
    assert check_upload(content).kind is kind


@pytest.mark.parametrize("content", [
    b"MZ\x90\x00\x03\x00 This program cannot be run in DOS mode",
    b"\x7fELF\x02\x01\x01",
    b"<html><script>alert(1)</script>",
    _zip("evil.exe"),
    _zip("word/document.xml"),
    _zip("[Content_Types].xml", "ppt/presentation.xml"),
    b"PK\x03\x04 not really a zip",
])
def test_anything_else_is_refused_whatever_it_is_called(content):
    verdict = check_upload(content)
    assert not verdict.accepted and verdict.error == REFUSED_KIND


def test_empty_and_oversized_files_are_refused():
    assert check_upload(b"").error == REFUSED_EMPTY
    assert check_upload(b"%PDF-" + b"0" * MAX_BYTES).error == REFUSED_SIZE
    assert check_upload(b"%PDF-" + b"0" * (MAX_BYTES - 5)).accepted


def test_the_file_picker_offers_exactly_the_kinds_the_check_accepts():
    assert set(ACCEPT) == set(CONTENT_TYPES.values())
    for kind in FileKind:
        assert EXTENSIONS[kind] in ACCEPT[CONTENT_TYPES[kind]]
        assert kind.name in KINDS_TEXT.upper()


def test_the_limit_people_are_told_is_the_limit_the_check_enforces():
    assert MAX_BYTES == MAX_MEGABYTES * 1024 * 1024
    assert SIZE_TEXT in REFUSED_SIZE and SIZE_TEXT == f"{MAX_MEGABYTES} MB"
    assert check_upload(b"%PDF-" + b"0" * (MAX_MEGABYTES * 1024 * 1024 - 5)).accepted
    assert check_upload(b"%PDF-" + b"0" * (MAX_MEGABYTES * 1024 * 1024 - 4)).error == REFUSED_SIZE


@pytest.mark.parametrize("name,kind,shown", [
    ("../../etc/passwd", FileKind.PDF, "passwd.pdf"),
    ("C:\\Users\\me\\Audit report.PDF", FileKind.PDF, "Audit report.pdf"),
    ("photo.jpeg", FileKind.JPEG, "photo.jpeg"),
    ("report.exe", FileKind.PDF, "report.pdf"),
    ("", FileKind.XLSX, "document.xlsx"),
    ("a\x00b<script>.docx", FileKind.DOCX, "a_b_script_.docx"),
])
def test_the_name_shown_has_no_path_no_control_characters_and_the_extension_of_its_real_kind(name, kind, shown):
    assert display_name(name, kind) == shown


def test_a_windows_program_is_refused_with_the_kinds_that_are_accepted():
    from safehouse_portal.domain.uploads import check_upload

    refused = check_upload(b"MZ\x90\x00\x03" + b"\x00" * 100)
    assert not refused.accepted
    assert "PDF, Word (DOCX), Excel (XLSX), PNG or JPEG" in refused.error
