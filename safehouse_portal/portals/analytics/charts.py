"""The analytics charts: stacked bars drawn by Reflex's recharts, one per view.

A chart never carries meaning by colour alone: each has a legend and a tooltip, and the
table under it holds the same numbers in words.
"""

import reflex as rx

from safehouse_portal.domain.enums import KEY_QUESTION_LABELS, RATING_LABELS, KeyQuestion, Rating
from safehouse_portal.documents.analytics import DELIVERY, DELIVERY_LABELS
from safehouse_portal.documents.analytics_timeliness import STATE_LABELS, STATES
from safehouse_portal.services.analytics.views import COLOURS, KIND_LABELS

SERIES: dict[str, list[tuple[str, str]]] = {
    "judgements": [(r.value, RATING_LABELS[r]) for r in Rating],
    "timescales": list(KIND_LABELS.items()),
    "themes": [(kq.value, KEY_QUESTION_LABELS[kq]) for kq in KeyQuestion],
    "timeliness": [(s, STATE_LABELS[s]) for s in STATES],
    "delivery": [(d, DELIVERY_LABELS[d]) for d in DELIVERY],
}
"""Each view's bars: (key in the chart data, label)."""


def _bar_chart(view: str, data: rx.Var) -> rx.Component:
    horizontal = view in ("themes", "delivery")
    bars = [rx.recharts.bar(data_key=key, name=label, stack_id="stack", fill=COLOURS[key],
                            is_animation_active=False) for key, label in SERIES[view]]
    axes = ([rx.recharts.x_axis(type_="number", allow_decimals=False),
             rx.recharts.y_axis(data_key="name", type_="category", width=220)] if horizontal else
            [rx.recharts.x_axis(data_key="name"), rx.recharts.y_axis(allow_decimals=False)])
    return rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3"), *axes, *bars,
        rx.recharts.legend(), rx.recharts.graphing_tooltip(),
        data=data, layout="vertical" if horizontal else "horizontal", width="100%", height=380,
    )


def chart(view: rx.Var, data: rx.Var) -> rx.Component:
    """The chart of ``view`` drawn from ``data`` (one dict per table row)."""
    return rx.el.div(
        rx.match(view, *[(key, _bar_chart(key, data)) for key in SERIES], rx.fragment()),
        role="img", aria_label="Chart of the table below", id="analytics-chart", class_name="analytics-chart",
    )
