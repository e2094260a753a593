"""The documents' fonts, parsed once per process instead of once per document.

Adding DejaVu Sans's three styles to a document cost about 80 ms of CPU (fontTools reading
each file, fpdf2 mapping every character to its width and glyph): close to a third of a
34-page report and most of a one-page letter. The first document of a process adds each
font as fpdf2 does and keeps it as a template; every document then gets its own font made
from the template: the read-only maps (widths, glyph ids, character map) shared, and what a
document changes its own: the subset it fills as it draws, the font descriptor the output
numbers, and a copy of the parsed font file (the output subsets it in place), unpickled
from the template's in a few milliseconds.
"""

import copy
import pickle
from collections import defaultdict
from functools import lru_cache

from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

_SHARED = ("type", "name", "glyph_ids", "sp", "ss", "up", "ut", "ttffile", "emphasis", "scale", "cmap",
           "unicode_range", "palette_index", "is_compressed", "is_cff", "is_cid_keyed", "is_symbol", "cff_ros",
           "collection_font_number", "color_font")
"""What a document only reads of a font: shared by every document's copy."""


@lru_cache(maxsize=8)
def _template(path: str, style: str) -> tuple[TTFFont, bytes]:
    """The font as fpdf2 builds it, and its parsed font file, every table read, pickled."""
    scratch = FPDF()
    scratch.add_font("template", style, path)
    (font,) = scratch.fonts.values()
    for tag in font.ttfont.keys():
        font.ttfont[tag]
    font.ttfont.reader = None
    return font, pickle.dumps(font.ttfont, protocol=pickle.HIGHEST_PROTOCOL)


def add_document_font(pdf: FPDF, family: str, style: str, path: str) -> None:
    """What ``pdf.add_font(family, style, path)`` does for a TrueType font, from the template."""
    template, parsed = _template(path, style)
    font = object.__new__(TTFFont)
    for name in _SHARED:
        if hasattr(template, name):  # fpdf2 leaves some unset (no unicode range given)
            setattr(font, name, getattr(template, name))
    font.i = len(pdf.fonts) + 1
    font.fontkey = f"{family.lower()}{style}"
    font.ttfont = pickle.loads(parsed)  # noqa: S301  (our own pickle of our own font file, made in this process)
    font.desc = copy.copy(template.desc)
    font.cw = defaultdict(template.cw.default_factory, template.cw)
    font.missing_glyphs, font.biggest_size_pt, font._hbfont = [], 0, None
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font
