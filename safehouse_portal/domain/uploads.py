"""Which uploaded files are accepted: by what their bytes are, never by their name.

A file named ``policy.pdf`` may be anything, so the kind is read from the content:
PDF, PNG and JPEG by their signatures; Word (DOCX) and Excel (XLSX) documents are zip
archives, told apart by the parts inside them (``word/`` or ``xl/``, with the
``[Content_Types].xml`` every Office Open XML document has). Anything else is refused,
as is an empty file or one over ``MAX_BYTES``.

This module is the one upload policy: the size limit, how many files one upload box
takes, the kinds accepted and the words that tell people so. The browser's upload
boxes, the ``/_upload`` size guard and the services all read them from here.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from enum import StrEnum

MAX_MEGABYTES = 10
MAX_BYTES = MAX_MEGABYTES * 1024 * 1024
"""At most 10 MB per file."""
MAX_FILES_PER_UPLOAD = 10
"""The most files one upload box takes at once (its ``max_files``)."""
MAX_NAME_LENGTH = 120

KINDS_TEXT = "PDF, Word (DOCX), Excel (XLSX), PNG or JPEG"
"""The accepted kinds as people read them."""
SIZE_TEXT = f"{MAX_MEGABYTES} MB"
REFUSED_KIND = f"This file cannot be accepted: it must be a {KINDS_TEXT} file, and its content is not any of these"
REFUSED_EMPTY = "The selected file is empty"
REFUSED_SIZE = f"The selected file must be smaller than {SIZE_TEXT}"


class FileKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PNG = "png"
    JPEG = "jpeg"


CONTENT_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
}

EXTENSIONS: dict[FileKind, str] = {
    FileKind.PDF: ".pdf", FileKind.DOCX: ".docx", FileKind.XLSX: ".xlsx", FileKind.PNG: ".png", FileKind.JPEG: ".jpg",
}

ACCEPT: dict[str, list[str]] = {
    CONTENT_TYPES[kind]: [EXTENSIONS[kind], ".jpeg"] if kind is FileKind.JPEG else [EXTENSIONS[kind]]
    for kind in FileKind
}
"""What an upload box offers in the browser's file picker (a courtesy: ``check_upload`` decides)."""


@dataclass(frozen=True)
class UploadCheck:
    """The verdict on one file: its kind when accepted, or why it was refused."""

    kind: FileKind | None
    error: str | None

    @property
    def accepted(self) -> bool:
        return self.error is None


def sniff(content: bytes) -> FileKind | None:
    """The kind of file ``content`` is, judged by its bytes alone, or None."""
    if content.startswith(b"%PDF-"):
        return FileKind.PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if content.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if content.startswith(b"PK\x03\x04"):
        return _office_kind(content)
    return None


def _office_kind(content: bytes) -> FileKind | None:
    """DOCX or XLSX from the archive's list of parts; nothing is extracted."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return FileKind.DOCX
    if any(name.startswith("xl/") for name in names):
        return FileKind.XLSX
    return None


def check_upload(content: bytes) -> UploadCheck:
    """Accept a file of an allowed kind, not empty and not over ``MAX_BYTES``."""
    if not content:
        return UploadCheck(None, REFUSED_EMPTY)
    if len(content) > MAX_BYTES:
        return UploadCheck(None, REFUSED_SIZE)
    kind = sniff(content)
    if kind is None:
        return UploadCheck(None, REFUSED_KIND)
    return UploadCheck(kind, None)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def display_name(name: str | None, kind: FileKind) -> str:
    """A safe name to show and to offer on download: no path, no control characters,
    at most ``MAX_NAME_LENGTH`` characters, ending in the extension of its real kind."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE.sub("_", base).strip(" ._") or "document"
    stem, dot, ext = base.rpartition(".")
    stem = stem if dot else base
    extension = EXTENSIONS[kind]
    if dot and f".{ext.lower()}" in (extension, ".jpeg" if kind is FileKind.JPEG else extension):
        extension = f".{ext.lower()}"
    return stem[: MAX_NAME_LENGTH - len(extension)] + extension
