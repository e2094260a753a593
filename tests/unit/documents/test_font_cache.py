"""Fonts are parsed once per process, yet each document embeds and prints only its own characters."""

import io

from pypdf import PdfReader

from safehouse_portal.documents.pdf_base import SafehouseDocument


def _letter(text: str) -> bytes:
    pdf = SafehouseDocument(title="Letter")
    pdf.add_page()
    pdf.paragraph(text)
    pdf.paragraph(text, style="B")
    return pdf.bytes()


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_a_document_made_after_another_embeds_none_of_the_others_characters():
    first = _letter("Dear provider, thank you.")
    _letter("Шановний постачальнику, Αγαπητέ πάροχε, عزيزي مقدم الخدمة")
    again = _letter("Dear provider, thank you.")
    assert len(again) == len(first)
    assert "Dear provider, thank you." in _text(again)


def test_every_document_prints_its_own_script():
    cyrillic = _letter("Шановний постачальнику")
    latin = _letter("Dear provider")
    assert "Шановний постачальнику" in _text(cyrillic)
    assert "Dear provider" in _text(latin) and "Шановний" not in _text(latin)
