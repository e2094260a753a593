"""The annual programme report as a PDF, drawn from ``ProgrammeReportContent``.

Pure: the same content always gives the same pages. It follows CQC's 2021-22 programme
report: cover, contents, summary, the programme in numbers, Figure 1 (judgements by key
question, a chart and its table), Figure 2 (recommendations by timescale and service type),
themes, what survivors told us, good practice, timeliness and the analytical approach. The
charts are drawn by fpdf2 as vector shapes (never pictures of a screen); each is followed
by the table it is drawn from, which is what a screen reader reads.
"""

from collections.abc import Sequence

from safehouse_portal.documents.pdf_base import (
    FAMILY, GREY, PROTECTIVE_MARKING, Column, SafehouseDocument, render_toc,
)
from safehouse_portal.documents.programme_report_content import Bar, ProgrammeReportContent, Table

SUBTITLE = ("CQC's inspections of safehouse and outreach support services delivered under the Modern Slavery "
            "Victim Care Contract")
CONFIDENTIALITY = ("This report is for CQC, the prime contractor and the Home Office. It holds no provider's, "
                   "location's or survivor's name, and survey figures of fewer than five responses are never shown.")
SERIES_COLOURS = {
    "meeting": (0, 112, 60), "requires_improvement": (244, 119, 56), "not_meeting": (212, 53, 28),
    "safe": (29, 112, 184), "effective": (0, 112, 60), "caring": (145, 43, 136), "responsive": (244, 119, 56),
    "well_led": (80, 90, 95),
}
DARK_TEXT_ON = frozenset({"requires_improvement", "responsive"})
"""Series whose colour is light enough that a number on it is printed in black, not white."""
BAR_HEIGHT, BAR_GAP = 6.5, 2.5
KQ_SERIES = (("safe", "Safe"), ("effective", "Effective"), ("caring", "Caring"), ("responsive", "Responsive"),
             ("well_led", "Well-led"))


def render_programme_report(content: ProgrammeReportContent) -> bytes:
    """The report as PDF bytes."""
    pdf = SafehouseDocument(title=f"Safehouse and outreach programme report, {content.period}",
                            subject="Annual report of the safehouse and outreach inspection programme")
    pdf.add_page()
    _cover(pdf, content)
    pdf.add_page()
    pdf.insert_toc_placeholder(render_toc, allow_extra_pages=True, reset_page_indices=False)
    pdf.heading("Summary")
    for line in content.summary:
        pdf.paragraph(line)
    pdf.heading("The programme in numbers")
    _table(pdf, content.numbers)
    _judgements(pdf, content)
    _recommendations(pdf, content)
    _survey(pdf, content)
    _good_practice(pdf, content)
    _keep_together(pdf, 40 + _table_height(content.timeliness))
    pdf.heading("Timeliness of the programme's own steps")
    pdf.paragraph("Each deadline of the inspection timeline that fell due in the period, counted in working days. "
                  "A deadline falls due once it is met or its day has passed.")
    if content.timeliness.rows:
        _table(pdf, content.timeliness, size=8)
    else:
        pdf.paragraph("No deadline fell due in the period.")
    pdf.heading("Analytical approach")
    for line in content.methodology:
        pdf.paragraph(line)
    return pdf.bytes()


def _cover(pdf: SafehouseDocument, content: ProgrammeReportContent) -> None:
    pdf.ln(18)
    pdf.paragraph("Care Quality Commission", style="B", size=12, colour=GREY)
    pdf.paragraph("Programme report", size=12, colour=GREY)
    pdf.ln(4)
    pdf.paragraph(content.title, style="B", size=22)
    pdf.paragraph(SUBTITLE, size=13)
    pdf.paragraph(content.period.capitalize() if content.period[:1].islower() else content.period, style="B",
                  size=14)
    pdf.ln(4)
    pdf.key_values([("Period", content.period), ("Reports issued", str(content.reports)),
                    ("Recommendations", str(content.recommendations)), ("Produced on", content.made_on),
                    ("Protective marking", PROTECTIVE_MARKING)])
    pdf.paragraph(CONFIDENTIALITY, size=9)


def _judgements(pdf: SafehouseDocument, content: ProgrammeReportContent) -> None:
    _keep_together(pdf, 40 + _chart_height(content.judgement_bars) + _table_height(content.judgements))
    pdf.heading("How services were rated")
    pdf.paragraph("Using the assessment framework for this programme, we judged each key question of each service "
                  "as meeting requirements, requiring improvement or not meeting requirements.")
    pdf.heading("Figure 1: inspection report judgements by key question", level=1)
    _stacked_bars(pdf, content.judgement_bars, content.judgement_series)
    _table(pdf, content.judgements)
    pdf.paragraph(f"Base: {content.reports} {'report' if content.reports == 1 else 'reports'}", size=9, colour=GREY)


def _recommendations(pdf: SafehouseDocument, content: ProgrammeReportContent) -> None:
    pdf.heading("Recommendations")
    pdf.paragraph("We assessed standards against the contract's obligations and made time-bound recommendations "
                  "to show where services needed to improve, with a timescale in which to do so. "
                  f"We made {content.recommendations} "
                  f"{'recommendation' if content.recommendations == 1 else 'recommendations'} in total.")
    pdf.heading("Figure 2: Number of time-bound recommendations by timescale and service type", level=1)
    _table(pdf, content.timescales)
    _keep_together(pdf, 20 + _chart_height(content.theme_bars) + _table_height(content.themes))
    pdf.heading("Themes of recommendations", level=1)
    pdf.paragraph("The main areas we asked providers to improve, by the number of recommendations in each, and "
                  "the key question most of them were made under.")
    if content.theme_bars:
        _stacked_bars(pdf, content.theme_bars, KQ_SERIES)
    _table(pdf, content.themes)


def _survey(pdf: SafehouseDocument, content: ProgrammeReportContent) -> None:
    pdf.heading("What survivors told us")
    for line in content.survey:
        pdf.paragraph(line)
    if not content.survey_table.rows:
        return
    pdf.heading("Did you get the support you needed from staff?", level=1)
    _table(pdf, content.survey_table)
    for title, table in content.survey_breakdowns:
        pdf.heading(f"Survey responses {title[:1].lower()}{title[1:].replace(' of response', '')}", level=1)
        _table(pdf, table)
    pdf.paragraph("Counts of fewer than five responses are hidden to protect survivors' anonymity.", size=9,
                  colour=GREY)


def _good_practice(pdf: SafehouseDocument, content: ProgrammeReportContent) -> None:
    pdf.heading("Good practice")
    if not content.good_practice:
        pdf.paragraph("No examples of good practice had been published in the programme's good-practice library "
                      "for this period.")
        return
    pdf.paragraph("Examples of good practice that inspectors found, published in the programme's good-practice "
                  "library so that every provider can learn from them. They name no provider or location.")
    for entry in content.good_practice:
        pdf.heading(entry.title, level=1)
        pdf.key_values([("Key question", entry.key_question or "-"), ("Themes", ", ".join(entry.themes) or "-"),
                        ("Year", entry.year or "-"), ("Service kind", entry.service_kind or "-")], key_share=0.25)
        pdf.paragraph("What they do", style="B")
        pdf.paragraph(entry.what or "-")
        pdf.paragraph("Why it works", style="B")
        pdf.paragraph(entry.why or "-")


def _keep_together(pdf: SafehouseDocument, height: float) -> None:
    """Start a new page unless ``height`` millimetres (a heading, its chart and its table) fit on this one."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()


def _chart_height(bars: Sequence[Bar]) -> float:
    return len(bars) * (BAR_HEIGHT + BAR_GAP) + 24


def _table_height(table: Table) -> float:
    """Roughly: a two-line heading row and one line a row."""
    return 12 + 7 * len(table.rows)


def _table(pdf: SafehouseDocument, table: Table, *, size: float = 9) -> None:
    pdf.table([Column(h, s) for h, s in zip(table.headings, table.shares)], table.rows, size=size)


def _stacked_bars(pdf: SafehouseDocument, bars: Sequence[Bar], series: Sequence[tuple[str, str]]) -> None:
    """Horizontal bars, one per row, stacked by series, each segment's number printed on it; then a legend."""
    label_width, bar_height, gap = 48.0, BAR_HEIGHT, BAR_GAP
    height = len(bars) * (bar_height + gap) + 14
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    largest = max((sum(v for _, v in bar.segments) for bar in bars), default=0) or 1
    area = pdf.epw - label_width - 12
    top = pdf.get_y() + 2
    pdf.set_draw_color(255, 255, 255)
    for index, bar in enumerate(bars):
        y = top + index * (bar_height + gap)
        pdf.set_font(FAMILY, "", 9)
        pdf.set_xy(pdf.l_margin, y)
        pdf.cell(label_width - 2, bar_height, bar.label, align="R")
        x = pdf.l_margin + label_width
        for key, value in bar.segments:
            if not value:
                continue
            width = area * value / largest
            pdf.set_fill_color(*SERIES_COLOURS.get(key, GREY))
            pdf.rect(x, y, width, bar_height, style="F")
            if pdf.text_width(str(value)) + 1.5 < width:
                pdf.set_text_color(*((0, 0, 0) if key in DARK_TEXT_ON else (255, 255, 255)))
                pdf.set_font(FAMILY, "B", 8)
                pdf.set_xy(x, y)
                pdf.cell(width, bar_height, str(value), align="C")
                pdf.set_text_color(0, 0, 0)
            x += width
        pdf.set_font(FAMILY, "", 8)
        pdf.set_xy(x + 1, y)
        pdf.cell(10, bar_height, str(sum(v for _, v in bar.segments)))
    _legend(pdf, series, top + len(bars) * (bar_height + gap) + 1)


def _legend(pdf: SafehouseDocument, series: Sequence[tuple[str, str]], y: float) -> None:
    x = pdf.l_margin
    pdf.set_font(FAMILY, "", 8)
    for key, label in series:
        width = pdf.text_width(label) + 8
        if x + width > pdf.l_margin + pdf.epw:
            x, y = pdf.l_margin, y + 5
        pdf.set_fill_color(*SERIES_COLOURS.get(key, GREY))
        pdf.rect(x, y + 0.8, 3.5, 3.5, style="F")
        pdf.set_xy(x + 4.5, y)
        pdf.cell(width - 4.5, 5, label)
        x += width + 3
    pdf.set_xy(pdf.l_margin, y + 8)
    pdf.set_font(FAMILY, "", 10)
