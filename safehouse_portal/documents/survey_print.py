"""The survivor survey on paper: an A4 poster, a sheet of pocket cards and a paper questionnaire, per language.

Pure given their inputs (a language's texts, the link's address, the questions): the QR
code is drawn from segno's module matrix as vector squares, so it prints sharp at any size.
Text is set in a font that has the language's script, embedded from ``assets/fonts``:
Noto Sans Arabic (Arabic, Farsi, Sorani, Urdu: shaped by HarfBuzz and laid right to left),
Noto Sans Ethiopic (Tigrinya, Amharic), Noto Sans SC (Simplified Chinese) and DejaVu Sans
for Latin scripts (Vietnamese included), with DejaVu as the fallback for Latin in the others.
None of these documents carries an answer or anything about a person: they are handed to
survivors, so they carry no protective marking either.
"""

from collections.abc import Mapping, Sequence

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from safehouse_portal.documents.survey_paper import PaperQuestion, PrintLanguage
from safehouse_portal.settings import get_settings

LATIN, ARABIC, ETHIOPIC, CJK = "DejaVu", "NotoArabic", "NotoEthiopic", "NotoSC"
FONT_FILES: Mapping[str, Mapping[str, str]] = {
    LATIN: {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"},
    ARABIC: {"": "NotoSansArabic-Regular.ttf", "B": "NotoSansArabic-Bold.ttf"},
    ETHIOPIC: {"": "NotoSansEthiopic-Regular.ttf", "B": "NotoSansEthiopic-Bold.ttf"},
    CJK: {"": "NotoSansSC-Regular-subset.otf", "B": "NotoSansSC-Regular-subset.otf"},
}
"""Each family's regular and bold files (the CJK subset has one weight: headings are set larger instead)."""
_SCRIPT_RANGES = ((ARABIC, ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
                  (ETHIOPIC, ((0x1200, 0x139F), (0x2D80, 0x2DDF))),
                  (CJK, ((0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF))))
INK = (11, 12, 12)
GREY = (80, 90, 95)
BRAND = "Care Quality Commission"


def family_for(texts: Mapping[str, str]) -> str:
    """The font family whose script the translation's texts are written in (Latin by default)."""
    sample = " ".join(texts.get(key, "") for key in ("intro_title", "confidential", "start"))
    for family, ranges in _SCRIPT_RANGES:
        if any(lo <= ord(ch) <= hi for ch in sample for lo, hi in ranges):
            return family
    return LATIN


class _Sheet(FPDF):
    """An A4 page set in the language's font, right-aligned when the language is right to left."""

    def __init__(self, *, title: str, language: PrintLanguage) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        fonts = get_settings().fonts_dir
        for family, files in FONT_FILES.items():
            for style, name in files.items():
                self.add_font(family, style, str(fonts / name))
        self.family = family_for(language.texts)
        self.rtl = language.dir == "rtl"
        self.set_fallback_fonts([LATIN] if self.family != LATIN else [], exact_match=False)
        if self.family in (ARABIC, ETHIOPIC):
            self.set_text_shaping(use_shaping_engine=True, direction="rtl" if self.rtl else "ltr")
        self.set_title(title)
        self.set_author(BRAND)
        self.set_creator("Safehouse Portal")
        self.set_lang(language.code)
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=16)

    def font(self, size: float, bold: bool = False) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*INK)

    def latin(self, size: float, bold: bool = False, colour: tuple[int, int, int] = GREY) -> None:
        self.set_font(LATIN, "B" if bold else "", size)
        self.set_text_color(*colour)

    def lines(self, text: str, width: float) -> list[str]:
        """``text`` broken at spaces into lines no wider than ``width`` (or per character, for CJK)."""
        lines: list[str] = []
        for paragraph in text.split("\n"):
            units = list(paragraph) if self.family == CJK else paragraph.split(" ")
            joiner = "" if self.family == CJK else " "
            line = ""
            for unit in units:
                candidate = f"{line}{joiner}{unit}" if line else unit
                if line and self.get_string_width(candidate) > width:
                    lines.append(line)
                    line = unit
                else:
                    line = candidate
            lines.append(line)
        return lines

    def block(self, text: str, size: float, *, bold: bool = False, width: float | None = None,
              x: float | None = None, align: str | None = None, gap: float = 2.0) -> None:
        """A wrapped paragraph, aligned to the language's reading side (or ``align``)."""
        self.font(size, bold)
        width = self.epw if width is None else width
        left = self.l_margin if x is None else x
        side = align or ("R" if self.rtl else "L")
        for line in self.lines(text, width):
            self.set_x(left)
            self.cell(width, size * 0.48, line, align=side, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(gap)


def draw_qr(pdf: FPDF, data: str, x: float, y: float, size: float) -> None:
    """``data`` as a QR code (error correction M) ``size`` mm square, quiet zone included, at ``x``, ``y``."""
    qr = segno.make(data, error="m", micro=False)
    matrix = [list(row) for row in qr.matrix]
    modules = len(matrix) + 8
    unit = size / modules
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, size, size, style="F")
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                pdf.rect(x + (start + 4) * unit, y + (r + 4) * unit, (c - start) * unit, unit, style="F")
            else:
                c += 1


def poster(*, language: PrintLanguage, url: str, service: str = "") -> bytes:
    """An A4 poster: the invitation and the promise in ``language``, a large QR code and the address."""
    texts = language.texts
    pdf = _Sheet(title=f"Survivor survey poster ({language.name})", language=language)
    pdf.add_page()
    pdf.latin(11, bold=True, colour=INK)
    pdf.cell(pdf.epw, 6, BRAND, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.block(texts.get("intro_title", ""), 30, bold=True, gap=4)
    pdf.block(texts.get("confidential", ""), 17, bold=True, gap=3)
    pdf.block(texts.get("intro_body", ""), 13, gap=3)
    size = 92.0
    top = max(pdf.get_y() + 4, 128.0)
    draw_qr(pdf, url, (pdf.w - size) / 2, top, size)
    pdf.set_y(top + size + 3)
    pdf.latin(10, colour=INK)
    for line in _address_lines(pdf, url, pdf.epw):
        pdf.cell(pdf.epw, 5, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.block(texts.get("anonymous", ""), 12, gap=2, align="C")
    _foot(pdf, language, service)
    return bytes(pdf.output())


def pocket_cards(*, language: PrintLanguage, url: str) -> bytes:
    """An A4 sheet of eight pocket cards (85 x 55 mm, cut along the grey lines), each with the code."""
    texts = language.texts
    pdf = _Sheet(title=f"Survivor survey pocket cards ({language.name})", language=language)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    width, height, left, top = 85.0, 55.0, 17.5, 22.5
    for n in range(8):
        x, y = left + (n % 2) * (width + 5), top + (n // 2) * (height + 8)
        pdf.set_draw_color(177, 180, 182)
        pdf.set_line_width(0.2)
        pdf.rect(x, y, width, height)
        qr = 34.0
        text_x = x + 3 if not pdf.rtl else x + qr + 4
        qr_x = x + width - qr - 2 if not pdf.rtl else x + 2
        draw_qr(pdf, url, qr_x, y + 4, qr)
        pdf.set_xy(text_x, y + 4)
        pdf.block(texts.get("intro_title", ""), 10, bold=True, width=width - qr - 7, x=text_x, gap=1)
        pdf.set_x(text_x)
        pdf.block(texts.get("confidential", ""), 7.5, width=width - qr - 7, x=text_x, gap=1)
        pdf.latin(5.5)
        pdf.set_xy(x + 3, y + height - 12)
        for line in _address_lines(pdf, url, width - 6):
            pdf.set_x(x + 3)
            pdf.cell(width - 6, 2.8, line, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.latin(6, bold=True)
        pdf.set_xy(x + 3, y + height - 5)
        pdf.cell(width - 6, 3, BRAND, align="C")
    return bytes(pdf.output())


def paper_questionnaire(*, language: PrintLanguage, questions: Sequence[PaperQuestion], reference: str) -> bytes:
    """The questions on paper in ``language``: a box to tick per option and ruled space for comments.

    ``reference`` (the inspection's number, no name) lets an inspector enter the form against the
    right inspection; it says nothing about the person who fills it in.
    """
    texts = language.texts
    pdf = _Sheet(title=f"Survivor survey on paper ({language.name})", language=language)
    pdf.add_page()
    pdf.latin(9, colour=GREY)
    pdf.cell(pdf.epw, 5, f"{BRAND} - survivor survey - {reference} - {language.code}",
             new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.block(texts.get("intro_title", ""), 18, bold=True, gap=2)
    pdf.block(texts.get("confidential", ""), 11, bold=True, gap=1)
    pdf.block(texts.get("intro_body", ""), 10, gap=1)
    pdf.block(texts.get("anonymous", ""), 10, gap=4)
    for number, question in enumerate(questions, start=1):
        need = 10 + (len(question.options) * 7 if question.kind == "choice" else 40)
        if pdf.get_y() + need > pdf.page_break_trigger:
            pdf.add_page()
        pdf.block(f"{number}. {question.text}", 11, bold=True, gap=1)
        if question.kind == "choice":
            for _value, label in question.options:
                _tick_box(pdf, label)
        else:
            _ruled_lines(pdf, 6)
        pdf.ln(3)
    pdf.block(texts.get("thank_you_title", ""), 12, bold=True, gap=1)
    return bytes(pdf.output())


def _tick_box(pdf: _Sheet, label: str) -> None:
    box, y = 4.5, pdf.get_y()
    box_x = pdf.l_margin + pdf.epw - box if pdf.rtl else pdf.l_margin + 2
    text_x = pdf.l_margin if pdf.rtl else pdf.l_margin + box + 5
    pdf.set_draw_color(*INK)
    pdf.set_line_width(0.35)
    pdf.rect(box_x, y + 0.3, box, box)
    pdf.font(10.5)
    pdf.set_xy(text_x, y)
    pdf.cell(pdf.epw - box - 5, 5, label, align="R" if pdf.rtl else "L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _ruled_lines(pdf: _Sheet, count: int) -> None:
    pdf.set_draw_color(177, 180, 182)
    pdf.set_line_width(0.2)
    for _ in range(count):
        y = pdf.get_y() + 7
        pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
        pdf.set_y(y)


def _address_lines(pdf: FPDF, url: str, width: float) -> list[str]:
    """The address split where it must be to fit ``width`` (it has no spaces)."""
    lines, line = [], ""
    for ch in url:
        if line and pdf.get_string_width(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


def _foot(pdf: _Sheet, language: PrintLanguage, service: str) -> None:
    pdf.set_y(-24)
    pdf.latin(8.5)
    note = (f"For staff: display where survivors using {service or 'the service'} can see it. "
            f"Answers go to CQC only; the service never sees them. Language: {language.code}.")
    for line in _address_lines_words(pdf, note, pdf.epw):
        pdf.cell(pdf.epw, 4, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _address_lines_words(pdf: FPDF, text: str, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and pdf.get_string_width(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line]
