"""The annual programme report's content: its tables and sentences, pure given the figures.

The figures arrive as plain numbers in the shapes ``safehouse stats ... --json`` prints (the
service gets them from the same functions), so the report and the commands cannot disagree.
Nothing here reads the database or the clock. The sections follow CQC's 2021-22 programme
report: the programme in numbers, judgements by key question (Figure 1), recommendations by
timescale and service kind (Figure 2), their themes, what survivors told us, good practice,
the timeliness of the programme's own steps and the analytical approach.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from safehouse_portal.domain.dates import format_date
from safehouse_portal.domain.enums import (
    KEY_QUESTION_LABELS, RATING_LABELS, THEME_LABELS, KeyQuestion, Rating, Theme, Timescale,
)
from safehouse_portal.domain.milestones import MILESTONE_LABELS, Milestone
from safehouse_portal.domain.survey import SUPPRESSION_THRESHOLD, shown_counts

TITLE = "Services for survivors of human trafficking and modern slavery"
TOTAL = "total"
FEWER_THAN = f"fewer than {SUPPRESSION_THRESHOLD}"
FIGURE_2_ROWS = {
    Timescale.IMMEDIATELY.value: "Immediately",
    Timescale.WITHIN_21_DAYS.value: "Within 21 days of receiving our report",
    Timescale.WITHIN_3_MONTHS.value: "Within 3 months of receiving our report",
    Timescale.WITHIN_6_MONTHS.value: "Within 6 months of receiving our report",
    TOTAL: "Total recommendations",
}
FIGURE_2_COLUMNS = {"safehouse": "Safehouse", "outreach": "Outreach", TOTAL: "Total"}
SUPPORT_ANSWERS = {"yes": "Yes", "partly": "Partly", "no": "No", "not_answered": "Not answered"}
TIMELINESS_COLUMNS = {"fallen_due": "Fallen due", "met_on_time": "Met on time", "met_late": "Met late",
                      "share_on_time": "Share met on time", "median_days_late": "Median working days late",
                      "overdue": "Overdue now"}


@dataclass(frozen=True)
class GoodPracticeEntry:
    """One published example of good practice, anonymised: never the provider or the location."""

    title: str = ""
    what: str = ""
    why: str = ""
    key_question: str = ""
    """The key question in words ("Caring")."""
    themes: tuple[str, ...] = ()
    year: str = ""
    """The programme year it was found in ("2025-26")."""
    service_kind: str = ""
    """"Safehouse" or "Outreach"."""


ENGLISH_LANGUAGE_NAMES = {
    "en": "English", "sq": "Albanian", "vi": "Vietnamese", "ar": "Arabic", "ti": "Tigrinya", "am": "Amharic",
    "ro": "Romanian", "pl": "Polish", "zh-Hans": "Chinese (simplified)", "zh": "Chinese", "fa": "Persian (Farsi)",
    "ckb": "Kurdish (Sorani)", "ku": "Kurdish", "ur": "Urdu", "es": "Spanish", "fr": "French", "pt": "Portuguese",
    "so": "Somali", "uk": "Ukrainian", "ru": "Russian", "bg": "Bulgarian", "lt": "Lithuanian", "sk": "Slovak",
    "cs": "Czech", "hu": "Hungarian", "pa": "Punjabi", "bn": "Bengali", "tr": "Turkish", "ps": "Pashto",
}
"""Survey languages by their English names: an en-GB report names them so (the survey names each in itself)."""


@dataclass(frozen=True)
class SurveyGroup:
    """One group of a survey breakdown as the service shows it (hidden when too small)."""

    key: str = ""
    """The group's key: a month (2026-11), a kind of service, or a language's code."""
    label: str = ""
    responses: str = ""
    share_yes: str = ""
    hidden: bool = False


@dataclass(frozen=True)
class ProgrammeFigures:
    """Everything the report says, as numbers: each in the shape its ``safehouse stats`` command prints."""

    date_from: date | None = None
    date_to: date | None = None
    made_on: date | None = None
    reports: int = 0
    providers: int = 0
    locations: int = 0
    providers_in_programme: int = 0
    locations_in_programme: int = 0
    judgements: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """``stats judgements --json``: key question -> rating -> reports."""
    timescales: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """``stats recommendations --json``: timescale -> service kind -> recommendations, with totals."""
    themes: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    """The analytics themes view: theme -> key question -> recommendations, with totals."""
    survey: Mapping[str, object] = field(default_factory=dict)
    """``stats survey --json``: responses, got_support_needed, share_yes."""
    survey_breakdowns: Sequence[tuple[str, Sequence[SurveyGroup]]] = ()
    timeliness: Mapping[str, Mapping[str, float | int | None]] = field(default_factory=dict)
    """The analytics timeliness view: milestone -> column -> number (None when there is none)."""
    good_practice: Sequence[GoodPracticeEntry] = ()


@dataclass(frozen=True)
class Table:
    """A table as printed: headings with their share of the width, rows of text; the last row may be totals."""

    headings: tuple[str, ...] = ()
    shares: tuple[float, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Bar:
    """One bar of a stacked bar chart: its label and its (series key, value) segments."""

    label: str = ""
    segments: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class ProgrammeReportContent:
    """The report ready to draw."""

    title: str = TITLE
    period: str = ""
    made_on: str = ""
    summary: tuple[str, ...] = ()
    numbers: Table = Table()
    judgements: Table = Table()
    judgement_bars: tuple[Bar, ...] = ()
    judgement_series: tuple[tuple[str, str], ...] = ()
    reports: int = 0
    recommendations: int = 0
    timescales: Table = Table()
    themes: Table = Table()
    theme_bars: tuple[Bar, ...] = ()
    survey: tuple[str, ...] = ()
    survey_table: Table = Table()
    survey_breakdowns: tuple[tuple[str, Table], ...] = ()
    good_practice: tuple[GoodPracticeEntry, ...] = ()
    timeliness: Table = Table()
    methodology: tuple[str, ...] = ()


def period_text(date_from: date | None, date_to: date | None) -> str:
    """The period in words: ``1 April 2025 to 31 March 2026``."""
    start = format_date(date_from) if date_from else "the start of the programme"
    end = format_date(date_to) if date_to else "today"
    return f"{start} to {end}"


def numbers_table(figures: ProgrammeFigures) -> Table:
    """The programme in numbers: providers, locations, reports, recommendations, survey responses."""
    recommendations = figures.timescales.get(TOTAL, {}).get(TOTAL, 0)
    return Table(("Measure", "Number"), (0.75, 0.25), (
        ("Provider organisations with a report issued in the period", str(figures.providers)),
        ("Provider organisations in the programme", str(figures.providers_in_programme)),
        ("Locations (safehouses and outreach services) covered by those reports", str(figures.locations)),
        ("Active locations in the programme", str(figures.locations_in_programme)),
        ("Inspection reports issued", str(figures.reports)),
        ("Time-bound recommendations made", str(recommendations)),
        ("Survivor survey responses", str(figures.survey.get("responses", 0))),
    ))


def judgements_table(judgements: Mapping[str, Mapping[str, int]]) -> Table:
    """Figure 1 as a table: key questions down, the three judgements across, each row's total."""
    ratings = [r.value for r in Rating]
    rows = []
    for kq in KeyQuestion:
        values = [int(judgements.get(kq.value, {}).get(r, 0)) for r in ratings]
        rows.append((KEY_QUESTION_LABELS[kq], *(str(v) for v in values), str(sum(values))))
    headings = ("Key question", *(RATING_LABELS[Rating(r)] for r in ratings), "Reports judged")
    return Table(headings, (0.22, 0.2, 0.2, 0.2, 0.18), tuple(rows))


def judgement_bars(judgements: Mapping[str, Mapping[str, int]]) -> tuple[Bar, ...]:
    """Figure 1 as bars: one per key question, stacked by judgement."""
    return tuple(Bar(KEY_QUESTION_LABELS[kq], tuple((r.value, int(judgements.get(kq.value, {}).get(r.value, 0)))
                                                    for r in Rating)) for kq in KeyQuestion)


def timescales_table(timescales: Mapping[str, Mapping[str, int]]) -> Table:
    """Figure 2, exactly as the 2021-22 report lays it out: timescales down, service kinds across, totals."""
    rows = tuple((label, *(str(int(timescales.get(row, {}).get(col, 0))) for col in FIGURE_2_COLUMNS))
                 for row, label in FIGURE_2_ROWS.items())
    return Table(("Timescale", *FIGURE_2_COLUMNS.values()), (0.52, 0.16, 0.16, 0.16), rows)


def themes_table(themes: Mapping[str, Mapping[str, int]]) -> Table:
    """Recommendations by theme, most first (ties in the framework's order), with the key question most behind each."""
    rows = []
    order = [t for t in Theme if t in {Theme(k) for k in themes if k != TOTAL}]
    counted = [(t, int(themes[t.value].get(TOTAL, 0))) for t in order]
    counted.sort(key=lambda pair: -pair[1])
    for theme, total in counted:
        if theme is Theme.OTHER and not total:
            continue
        by_kq = {kq: int(themes[theme.value].get(kq.value, 0)) for kq in KeyQuestion}
        top = max(by_kq.values(), default=0)
        mostly = ", ".join(KEY_QUESTION_LABELS[kq] for kq, n in by_kq.items() if n == top and n) or "-"
        rows.append((THEME_LABELS[theme], str(total), mostly))
    rows.append(("Total", str(int(themes.get(TOTAL, {}).get(TOTAL, 0))), ""))
    return Table(("Theme", "Recommendations", "Mostly under"), (0.45, 0.25, 0.3), tuple(rows))


def theme_bars(themes: Mapping[str, Mapping[str, int]]) -> tuple[Bar, ...]:
    """The themes as bars, one per theme, stacked by key question (in the themes table's order)."""
    bars = []
    for row in themes_table(themes).rows[:-1]:
        theme = next(t for t in Theme if THEME_LABELS[t] == row[0])
        bars.append(Bar(row[0], tuple((kq.value, int(themes[theme.value].get(kq.value, 0))) for kq in KeyQuestion)))
    return tuple(bars)


def survey_table(survey: Mapping[str, object]) -> Table:
    """Did survivors get the support they needed from staff: each answer, counts under five hidden."""
    counts = dict(survey.get("got_support_needed", {}) or {})
    responses = int(survey.get("responses", 0) or 0)
    shown = shown_counts({key: int(counts.get(key, 0)) for key in SUPPORT_ANSWERS})
    rows = [(label, FEWER_THAN if shown[key] is None else str(shown[key])) for key, label in SUPPORT_ANSWERS.items()]
    rows.append(("All responses", str(responses)))
    return Table(("Answer", "Responses"), (0.6, 0.4), tuple(rows))


def survey_sentences(survey: Mapping[str, object]) -> tuple[str, ...]:
    """What survivors told us, in sentences; nothing but the count when there are too few responses."""
    responses = int(survey.get("responses", 0) or 0)
    if responses == 0:
        return ("No survivor survey responses were received in the period.",)
    if responses < SUPPRESSION_THRESHOLD:
        return (f"Fewer than {SUPPRESSION_THRESHOLD} survivors answered the survey in the period, so no figures "
                "are shown, to protect their anonymity.",)
    share = float(survey.get("share_yes", 0.0) or 0.0)
    return (
        f"We gathered survivors' experiences through a confidential survey offered in the most common languages "
        f"of the services. It received {responses} responses in the period.",
        f"{share:.1f}% of respondents said they received the support they needed from staff in the service.",
    )


def breakdown_table(title: str, groups: Sequence[SurveyGroup]) -> Table:
    """One survey breakdown; a group of fewer than five responses is hidden whole."""
    rows = tuple((ENGLISH_LANGUAGE_NAMES.get(g.key, g.label), FEWER_THAN if g.hidden else g.responses, "hidden" if g.hidden else g.share_yes)
                 for g in groups)
    return Table((title.removeprefix("By ").capitalize(), "Responses", "Share answering yes"), (0.5, 0.25, 0.25),
                 rows)


def timeliness_table(timeliness: Mapping[str, Mapping[str, float | int | None]]) -> Table:
    """The programme's own deadlines: fallen due, met on time or late, share on time, median lateness, overdue."""
    rows = []
    for key, values in timeliness.items():
        cells = []
        for column in TIMELINESS_COLUMNS:
            value = values.get(column)
            if value is None:
                cells.append("-")
            elif column == "share_on_time":
                cells.append(f"{value:.0f}%")
            else:
                cells.append(f"{value:g}")
        rows.append((MILESTONE_LABELS[Milestone(key)], *cells))
    return Table(("Deadline", *TIMELINESS_COLUMNS.values()), (0.25, 0.11, 0.12, 0.11, 0.13, 0.15, 0.13), tuple(rows))


METHODOLOGY = (
    "The figures in this report are worked out by the Safehouse Portal from the programme's own records, by the "
    "same rules as the programme's analytics and its 'safehouse stats' commands, so they always agree.",
    "Reports: an inspection counts when its final report was issued in the period (the period is of report "
    "issue dates). A report's service kind is safehouse when any of its locations is a safehouse, and outreach "
    "when all of them are outreach services.",
    "Judgements: each key question's judgement is the lead inspector's decision where one was recorded, "
    "otherwise it is worked out from the KLOE judgements (not meeting requirements if any KLOE is, requires "
    "improvement if any KLOE does, meeting requirements otherwise). Focused and assurance inspections judge only "
    "some key questions, so each key question has its own number of reports judged.",
    "Recommendations: every time-bound recommendation in the reports issued in the period, by the timescale set "
    "in the report (running from the day the provider receives it), by service kind and by theme.",
    "Survivor survey: every response dated in the period, from every inspection's survey. A count of fewer than "
    f"{SUPPRESSION_THRESHOLD} responses is never shown, nor is any group of a breakdown with fewer than "
    f"{SUPPRESSION_THRESHOLD} responses, so that no survivor can be recognised. The share answering yes is of all "
    "responses, those that did not answer the question included.",
    "Good practice: examples nominated by inspectors and published in the programme's good-practice library after "
    "review and anonymisation; they name neither the provider nor the location.",
    "Timeliness: the deadlines of every inspection in the programme that fell due in the period, counted in "
    "working days (Monday to Friday, excluding bank holidays in England and Wales and the programme's closure "
    "days). A deadline that was extended counts from its new date.",
)


def build_content(figures: ProgrammeFigures) -> ProgrammeReportContent:
    """The whole report's content from the figures."""
    recommendations = int(figures.timescales.get(TOTAL, {}).get(TOTAL, 0))
    shown = int(figures.survey.get("responses", 0) or 0) >= SUPPRESSION_THRESHOLD
    return ProgrammeReportContent(
        period=period_text(figures.date_from, figures.date_to),
        made_on=format_date(figures.made_on),
        summary=summary(figures),
        numbers=numbers_table(figures),
        judgements=judgements_table(figures.judgements),
        judgement_bars=judgement_bars(figures.judgements),
        judgement_series=tuple((r.value, RATING_LABELS[r]) for r in Rating),
        reports=figures.reports,
        recommendations=recommendations,
        timescales=timescales_table(figures.timescales),
        themes=themes_table(figures.themes),
        theme_bars=theme_bars(figures.themes),
        survey=survey_sentences(figures.survey),
        survey_table=survey_table(figures.survey) if shown else Table(),
        survey_breakdowns=tuple((title, breakdown_table(title, groups)) for title, groups in figures.survey_breakdowns
                                if shown),
        good_practice=tuple(figures.good_practice),
        timeliness=timeliness_table(figures.timeliness),
        methodology=METHODOLOGY,
    )


def summary(figures: ProgrammeFigures) -> tuple[str, ...]:
    """The key figures in a few sentences."""
    period = period_text(figures.date_from, figures.date_to)
    recommendations = int(figures.timescales.get(TOTAL, {}).get(TOTAL, 0))
    lines = [f"From {period} we issued {figures.reports} inspection "
             f"{'report' if figures.reports == 1 else 'reports'} covering {figures.locations} safehouse and outreach "
             f"locations of {figures.providers} provider organisations, and made {recommendations} time-bound "
             f"{'recommendation' if recommendations == 1 else 'recommendations'}."]
    strongest = _share_meeting(figures.judgements)
    if strongest:
        best = max(strongest, key=lambda kq: strongest[kq])
        worst = min(strongest, key=lambda kq: strongest[kq])
        lines.append(f"{KEY_QUESTION_LABELS[best]} was the strongest key question: {strongest[best]:.0f}% of the "
                     f"reports that judged it found services meeting requirements. {KEY_QUESTION_LABELS[worst]} "
                     f"needed most improvement ({strongest[worst]:.0f}% meeting requirements).")
    lines.extend(survey_sentences(figures.survey)[-1:])
    return tuple(lines)


def _share_meeting(judgements: Mapping[str, Mapping[str, int]]) -> dict[KeyQuestion, float]:
    shares = {}
    for kq in KeyQuestion:
        row = judgements.get(kq.value, {})
        judged = sum(int(v) for v in row.values())
        if judged:
            shares[kq] = 100 * int(row.get(Rating.MEETING.value, 0)) / judged
    return shares
