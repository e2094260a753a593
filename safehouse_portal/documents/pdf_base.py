"""The page frame of every document: fonts, marking, page numbers, headings, text and tables.

Reports are confidential, so every page carries the protective marking at its top and
bottom. Text is set in DejaVu Sans, embedded from ``assets/fonts`` (never a system font),
so names and quotes in Latin, Cyrillic, Greek and Arabic scripts print. Text in a script
that needs shaping (Arabic and Hebrew, Indic scripts, combining marks) goes through HarfBuzz
(fpdf2's text shaping), so Arabic prints joined and right to left; everything else is drawn
unshaped, because shaping every string made the 30-page report six times slower and larger.

Lines are broken here rather than by fpdf2's ``multi_cell``: its line breaker measures
the growing line again for every character, which made a 30-page report take seconds.
Words are measured once each and cached, and each line is drawn with one ``cell``; a plain
line (left-aligned, unshaped, no border, fill or link) is drawn by fpdf2's ``text`` at the
place ``cell`` would put it, which skips the styled-fragment machinery that cost half of
the report's time.
"""

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import PageMode, TextMode, XPos, YPos
from fpdf.prefs import ViewerPreferences
from fpdf.outline import OutlineSection

from safehouse_portal.documents.font_cache import add_document_font
from safehouse_portal.settings import get_settings

PROTECTIVE_MARKING = "Official - sensitive: not for publication"
FAMILY = "DejaVu"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
AUTHOR = "Care Quality Commission"
BODY_SIZE = 10
LINE_HEIGHT = 5.0
CELL_PADDING = 1.5
GREY = (80, 90, 95)
RULE = (177, 180, 182)
HEAD_FILL = (243, 242, 241)
NEEDS_SHAPING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f"
    "\u1780-\u17ff\u1ab0-\u1aff\u1dc0-\u1dff\u200c-\u200f\u202a-\u202e\u2066-\u2069"
    "\u20d0-\u20ff\ufb1d-\ufdff\ufe20-\ufe2f\ufe70-\ufefe]"
)
"""Characters whose text must be shaped to print right: right-to-left and joining scripts
(Hebrew, Arabic, Syriac, Thaana), Indic and South-East Asian scripts, combining marks and
direction controls."""


_PLAIN_OPTIONS = frozenset({"new_x", "new_y"})


def needs_shaping(text: str) -> bool:
    """Whether ``text`` holds a character that prints wrongly unless HarfBuzz shapes it."""
    return NEEDS_SHAPING.search(text) is not None


@dataclass(frozen=True)
class Column:
    """One column of a table: its heading and its share of the text width."""

    heading: str
    share: float


class SafehouseDocument(FPDF):
    """An A4 document with the protective marking and "Page N of M" on every page."""

    def __init__(self, *, title: str, subject: str = "", lang: str = "en-GB", status_mark: str = "") -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.status_mark = status_mark
        for style, name in FONT_FILES.items():
            add_document_font(self, FAMILY, style, str(get_settings().fonts_dir / name))
        self.document_title = title
        self.set_title(title)
        self.set_subject(subject or title)
        self.set_author(AUTHOR)
        self.set_creator("Safehouse Portal")
        self.set_keywords(PROTECTIVE_MARKING)
        self.set_lang(lang)
        self.page_mode = PageMode.USE_OUTLINES
        self.set_display_mode("fullwidth")
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_margins(20, 24, 20)
        self.set_auto_page_break(True, margin=22)
        self.set_font(FAMILY, "", BODY_SIZE)
        self.set_text_shaping(True)
        self._shaping = self.text_shaping
        self.text_shaping = None
        self._widths: dict[tuple[str, float, str], float] = {}

    @contextmanager
    def _shaped_if_needed(self, text: str) -> Iterator[None]:
        """Shape ``text`` (bidirectional, joined) only when its script needs it."""
        if not text or not needs_shaping(text):
            yield
            return
        self.text_shaping = self._shaping
        try:
            yield
        finally:
            self.text_shaping = None

    def cell(self, w=None, h=None, text="", *args, **kwargs) -> bool:  # noqa: ANN001 (fpdf2's signature)
        """fpdf2's ``cell``, with the text shaped when its script needs it; a plain line drawn directly."""
        if not args and kwargs.keys() <= _PLAIN_OPTIONS and self._is_plain(w, h, text):
            return self._plain_line(w, h, text, XPos.coerce(kwargs.get("new_x", XPos.RIGHT)),
                                    YPos.coerce(kwargs.get("new_y", YPos.TOP)))
        with self._shaped_if_needed(text):
            return super().cell(w, h, text, *args, **kwargs)

    def _is_plain(self, w: object, h: object, text: object) -> bool:
        """Whether ``cell`` would draw just this text, left-aligned, in the current font and colour."""
        return (isinstance(w, int | float) and w > 0 and isinstance(h, int | float) and isinstance(text, str)
                and bool(text) and not needs_shaping(text) and self.page > 0 and self.current_font is not None
                and (not self.str_alias_nb_pages or self.str_alias_nb_pages not in text)
                and not self.underline and not self.strikethrough and self.text_mode == TextMode.FILL
                and not self.char_spacing and self.font_stretching == 100 and not self._record_text_quad_points)

    def _plain_line(self, w: float, h: float, text: str, new_x: XPos, new_y: YPos) -> bool:
        """What ``cell`` does for a plain line: break the page if the line does not fit, draw
        the text on the cell's baseline after its left margin, and move on."""
        if new_x not in (XPos.RIGHT, XPos.LMARGIN) or new_y not in (YPos.TOP, YPos.NEXT):
            return super().cell(w, h, text, new_x=new_x, new_y=new_y)
        broke = self._perform_page_break_if_need_be(h)
        self.text(self.x + self.c_margin, self.y + 0.5 * h + 0.3 * self.font_size, text)
        self._lasth = h
        self.x = self.x + w if new_x == XPos.RIGHT else self.l_margin
        if new_y == YPos.NEXT:
            self.y += h
        return broke

    def get_string_width(self, s: str, normalized: bool = False, markdown: bool = False) -> float:
        """fpdf2's width of ``s``, measured shaped when it will be drawn shaped."""
        with self._shaped_if_needed(s):
            return super().get_string_width(s, normalized, markdown)

    def header(self) -> None:
        """The marking, centred above the text on every page, and "DRAFT" on a draft."""
        self._marking(y=10)
        if self.status_mark:
            self.set_font(FAMILY, "B", 9)
            self.set_xy(self.l_margin, 15)
            self.cell(self.epw, 4, self.status_mark, align="R")
            self.set_font(FAMILY, "", BODY_SIZE)
        self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:
        """The marking again, and the page number out of the total."""
        self._marking(y=-16)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*GREY)
        self.set_xy(self.l_margin, -11)
        self.cell(self.epw / 2, 4, self.document_title[:90])
        self.cell(self.epw / 2, 4, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(0, 0, 0)

    def _marking(self, *, y: float) -> None:
        self.set_font(FAMILY, "B", 8)
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, y)
        self.cell(self.epw, 4, PROTECTIVE_MARKING, align="C")
        self.set_font(FAMILY, "", BODY_SIZE)

    def text_width(self, text: str) -> float:
        """The width of ``text`` in the current font, measured once per word."""
        key = (self.font_style, self.font_size_pt, text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.get_string_width(text)
        return width

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width``; newlines are kept."""
        lines: list[str] = []
        space = self.text_width(" ")
        for paragraph in text.split("\n"):
            line, line_width = "", 0.0
            for word in paragraph.split():
                for piece in self._fit_word(word, width):
                    piece_width = self.text_width(piece)
                    if line and line_width + space + piece_width > width:
                        lines.append(line)
                        line, line_width = piece, piece_width
                    else:
                        line_width += (space if line else 0.0) + piece_width
                        line = f"{line} {piece}" if line else piece
            lines.append(line)
        return lines

    def _fit_word(self, word: str, width: float) -> list[str]:
        """A word too long for a line, cut into pieces that fit (a URL, a long name)."""
        if self.text_width(word) <= width:
            return [word]
        pieces, piece = [], ""
        for char in word:
            if piece and self.get_string_width(piece + char) > width:
                pieces.append(piece)
                piece = ""
            piece += char
        return [*pieces, piece] if piece else pieces

    def heading(self, text: str, *, level: int = 0, toc: bool = True) -> None:
        """A heading: always one of the PDF's bookmarks (its outline), in every document.

        ``toc`` is kept for the letters and forms, which have no table of contents; only the
        report prints one, from the same outline.
        """
        size = (16, 13, 11)[min(level, 2)]
        needed = LINE_HEIGHT * 6
        if self.get_y() + needed > self.page_break_trigger:
            self.add_page()
        self.ln(3 if level else 5)
        self.start_section(text, level=level)
        self.set_font(FAMILY, "B", size)
        for line in self.wrap(text, self.epw):
            self.cell(self.epw, size * 0.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)
        self.set_font(FAMILY, "", BODY_SIZE)

    def paragraph(self, text: str, *, style: str = "", size: float = BODY_SIZE, indent: float = 0.0,
                  colour: tuple[int, int, int] = (0, 0, 0)) -> None:
        """Wrapped text in the given style, followed by a little space."""
        self.set_font(FAMILY, style, size)
        self.set_text_color(*colour)
        height = size * 0.5
        for line in self.wrap(text, self.epw - indent):
            self.set_x(self.l_margin + indent)
            self.cell(self.epw - indent, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)
        self.set_text_color(0, 0, 0)
        self.set_font(FAMILY, "", BODY_SIZE)

    def labelled(self, label: str, value: str) -> None:
        """A bold label and its value on the same line, the value wrapping under itself."""
        self.set_font(FAMILY, "B", BODY_SIZE)
        label_width = min(self.text_width(label) + 3, self.epw * 0.4)
        self.cell(label_width, LINE_HEIGHT, label)
        self.set_font(FAMILY, "", BODY_SIZE)
        lines = self.wrap(value or "-", self.epw - label_width)
        for index, line in enumerate(lines):
            if index:
                self.set_x(self.l_margin + label_width)
            self.cell(self.epw - label_width, LINE_HEIGHT, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def key_values(self, rows: Sequence[tuple[str, str]], *, key_share: float = 0.32) -> None:
        """A two-column table of labels and values, without a heading row."""
        self.table([Column("", key_share), Column("", 1 - key_share)], rows, heading_row=False,
                   bold_first=True)

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], *, heading_row: bool = True,
              bold_first: bool = False, size: float = 9) -> None:
        """A ruled table whose cells wrap; the heading row repeats on every page the table reaches.

        No column is narrower than its longest word (a "No." column never wraps its heading
        or its numbers); the widest column gives up the room.
        """
        widths = self._fitted_widths(columns, rows, size)
        height = size * 0.48

        def heading() -> None:
            if heading_row:
                self._table_row([c.heading for c in columns], widths, height, size, head=True)

        heading()
        for row in rows:
            self.set_font(FAMILY, "", size)
            lines = [self._cell_lines(text, width, size, bold_first and i == 0)
                     for i, (text, width) in enumerate(zip(row, widths))]
            row_height = max(len(cell) for cell in lines) * height + 2 * CELL_PADDING
            if self.get_y() + row_height > self.page_break_trigger and row_height < self.eph / 2:
                self.add_page()
                heading()
            self._draw_row(lines, widths, height, size, bold_first=bold_first, on_new_page=heading)
        self.ln(3)
        self.set_font(FAMILY, "", BODY_SIZE)

    def _fitted_widths(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], size: float) -> list[float]:
        """Each column's share of the page, widened where needed to fit its longest word."""
        widths = [self.epw * column.share for column in columns]
        needed = []
        for index, column in enumerate(columns):
            self.set_font(FAMILY, "B", size)
            longest = max((self.text_width(word) for word in column.heading.split()), default=0.0)
            self.set_font(FAMILY, "", size)
            for row in rows:
                cell = row[index] if index < len(row) else ""
                words = (cell or "").split()
                if len(words) <= 2:
                    longest = max([longest, *(self.text_width(word) for word in words)])
            needed.append(min(longest + 2 * CELL_PADDING + 0.5, self.epw * 0.4))
        for index, want in enumerate(needed):
            deficit = want - widths[index]
            if deficit > 0:
                widest = max(range(len(widths)), key=lambda i: widths[i] - needed[i])
                if widest != index and widths[widest] - deficit >= needed[widest]:
                    widths[index] += deficit
                    widths[widest] -= deficit
        return widths

    def _cell_lines(self, text: str, width: float, size: float, bold: bool) -> list[str]:
        self.set_font(FAMILY, "B" if bold else "", size)
        return self.wrap(text or "", width - 2 * CELL_PADDING)

    def _table_row(self, texts: Sequence[str], widths: Sequence[float], height: float, size: float, *,
                   head: bool) -> None:
        lines = [self._cell_lines(text, width, size, head) for text, width in zip(texts, widths)]
        self._draw_row(lines, widths, height, size, head=head)

    def _draw_row(self, lines: Sequence[list[str]], widths: Sequence[float], height: float, size: float, *,
                  head: bool = False, bold_first: bool = False, on_new_page: Callable[[], None] | None = None) -> None:
        """One row: a ruled box per cell; a row taller than a page continues on the next (under the heading)."""
        remaining = [list(cell) for cell in lines]

        def new_page() -> None:
            self.add_page()
            if on_new_page is not None:
                on_new_page()

        while any(remaining):
            room = int((self.page_break_trigger - self.get_y() - 2 * CELL_PADDING) // height)
            if room < 1:
                new_page()
                continue
            chunk = [cell[:room] for cell in remaining]
            remaining = [cell[room:] for cell in remaining]
            row_height = max(len(cell) for cell in chunk) * height + 2 * CELL_PADDING
            x, y = self.l_margin, self.get_y()
            self.set_draw_color(*RULE)
            for index, (cell, width) in enumerate(zip(chunk, widths)):
                if head:
                    self.set_fill_color(*HEAD_FILL)
                    self.rect(x, y, width, row_height, style="DF")
                else:
                    self.rect(x, y, width, row_height)
                self.set_font(FAMILY, "B" if head or (bold_first and index == 0) else "", size)
                for number, line in enumerate(cell):
                    self.set_xy(x + CELL_PADDING, y + CELL_PADDING + number * height)
                    self.cell(width - 2 * CELL_PADDING, height, line)
                x += width
            self.set_xy(self.l_margin, y + row_height)
            if any(remaining):
                new_page()

    def bullets(self, items: Sequence[str], *, size: float = BODY_SIZE) -> None:
        """A bulleted list whose items wrap under their own first word."""
        self.set_font(FAMILY, "", size)
        indent = 6
        for item in items:
            for index, line in enumerate(self.wrap(item, self.epw - indent)):
                self.set_x(self.l_margin)
                self.cell(indent, size * 0.5, "\u2022" if index == 0 else "")
                self.cell(self.epw - indent, size * 0.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1.5)

    def bytes(self) -> bytes:
        """The finished document."""
        return bytes(self.output())


def render_toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
    """The table of contents: each section with its page number, linked to its page."""
    pdf.set_font(FAMILY, "B", 16)
    pdf.set_x(pdf.l_margin)
    pdf.cell(pdf.epw, 10, "Contents", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    for section in outline:
        indent = 6 * section.level
        pdf.set_font(FAMILY, "B" if section.level == 0 else "", 10 if section.level == 0 else 9)
        link = pdf.add_link(page=section.page_number)
        name = section.name if len(section.name) < 95 else section.name[:92] + "..."
        pdf.set_x(pdf.l_margin + indent)
        pdf.cell(pdf.epw - indent - 15, 5.5, name, link=link)
        pdf.cell(15, 5.5, str(section.page_number), align="R", link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", BODY_SIZE)


def build(title: str, draw: Callable[[SafehouseDocument], None], *, subject: str = "",
          status_mark: str = "") -> bytes:
    """A new document titled ``title``, drawn by ``draw``, as bytes."""
    pdf = SafehouseDocument(title=title, subject=subject, status_mark=status_mark)
    draw(pdf)
    return pdf.bytes()
