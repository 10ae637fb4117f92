"""The timeline picture: an inline SVG drawn on the server from a chart dict of `yntymaq.views`.

One row per entity, one bar per interval. A date known only to the year or the month may stand for
any day of it, so that stretch of the bar is drawn hatched and faded; the solid part is where the
fact certainly held. An open end runs to today. No script and no external file is needed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from markupsafe import Markup, escape

from yntymaq.vocab import Date, Precision

KINDS = ("member", "observer", "suspended", "chair")
WIDTH = 960
LABEL_WIDTH = 200
RIGHT_PAD = 14
AXIS_HEIGHT = 24
ROW_HEIGHT = 18
BAR_HEIGHT = 12
MIN_BAR = 2.0  # a bar of a few days must still be visible
MAX_LABEL = 30


def _day_after(d: dt.date) -> dt.date:
    return d + dt.timedelta(days=1)


def _window(date: Date) -> tuple[dt.date, dt.date]:
    """The first day a date may stand for and the day after the last (equal for a known day)."""
    if date.precision is Precision.DAY:
        return date.earliest, date.earliest
    return date.earliest, _day_after(date.latest)


def chart_span(chart: dict) -> tuple[dt.date, dt.date]:
    """The years every group of a chart shares, so that their axes line up: from the first start
    (rounded down to five years) to the end of the current year."""
    today = Date.parse(chart["today"]).earliest
    starts = [Date.parse(bar["start"]).earliest for group in chart["groups"] for row in group["rows"]
              for bar in row["bars"] if bar["start"]]
    first = min(starts, default=today)
    return dt.date(first.year - first.year % 5, 1, 1), dt.date(today.year + 1, 1, 1)


class _Scale:
    def __init__(self, start: dt.date, end: dt.date):
        self.start, self.end = start.toordinal(), end.toordinal()
        self.width = WIDTH - LABEL_WIDTH - RIGHT_PAD

    def x(self, day: dt.date) -> float:
        ratio = (day.toordinal() - self.start) / max(1, self.end - self.start)
        return round(LABEL_WIDTH + min(1.0, max(0.0, ratio)) * self.width, 2)


def _rect(x0: float, x1: float, y: float, css: str, fill: str | None = None) -> str:
    width = max(MIN_BAR, x1 - x0)
    fill_attr = f' fill="url(#{fill})"' if fill else ""
    return f'<rect x="{x0}" y="{y}" width="{round(width, 2)}" height="{BAR_HEIGHT}" class="{css}"{fill_attr}/>'


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def render_chart(group: dict, *, today: str, span: tuple[dt.date, dt.date], uid: str,
                 entity_url: Callable[[str], str], open_label: str, highlight: str | None = None) -> Markup:
    """One group of a chart (membership, or the chairs of one body) as an inline SVG."""
    scale = _Scale(*span)
    today_day = Date.parse(today).earliest
    rows = group["rows"]
    height = AXIS_HEIGHT + len(rows) * ROW_HEIGHT + 6
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
           f'role="group" aria-labelledby="{uid}-title">',
           f'<title id="{uid}-title">{escape(group["title"])}</title>', "<defs>"]
    for kind in KINDS:
        out.append(f'<pattern id="{uid}-hatch-{kind}" width="5" height="5" patternUnits="userSpaceOnUse" '
                   f'patternTransform="rotate(45)"><rect width="5" height="5" class="hatch-bg"/>'
                   f'<line x1="0" y1="0" x2="0" y2="5" class="hatch-line kind-{kind}"/></pattern>')
    out.append("</defs>")

    # Axis: a tick every five years on a short span, every ten on a long one.
    step = 5 if span[1].year - span[0].year <= 40 else 10
    bottom = AXIS_HEIGHT + len(rows) * ROW_HEIGHT
    for year in range(span[0].year, span[1].year + 1):
        if year % step:
            continue
        x = scale.x(dt.date(year, 1, 1))
        out.append(f'<line x1="{x}" y1="{AXIS_HEIGHT - 4}" x2="{x}" y2="{bottom}" class="grid"/>'
                   f'<text x="{x}" y="{AXIS_HEIGHT - 8}" class="tick" text-anchor="middle">{year}</text>')

    for i, row in enumerate(rows):
        y = AXIS_HEIGHT + i * ROW_HEIGHT
        entity = row["entity"]
        css = "row row-hl" if entity["id"] == highlight else "row"
        out.append(f'<g class="{css}" data-entity="{escape(entity["id"])}">')
        out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{ROW_HEIGHT}" class="stripe stripe-{i % 2}"/>')
        out.append(f'<a href="{escape(entity_url(entity["id"]))}"><text x="{LABEL_WIDTH - 8}" y="{y + ROW_HEIGHT - 5}" '
                   f'class="label" text-anchor="end">{escape(_short(entity["label"]))}'
                   f'<title>{escape(entity["label"])}</title></text></a>')
        for bar in row["bars"]:
            out.append(_bar(bar, scale, y + (ROW_HEIGHT - BAR_HEIGHT) / 2, uid, today_day, entity, entity_url,
                            open_label))
        out.append("</g>")
    x_today = scale.x(today_day)
    out.append(f'<line x1="{x_today}" y1="{AXIS_HEIGHT - 4}" x2="{x_today}" y2="{bottom}" class="today"/>')
    out.append("</svg>")
    return Markup("".join(out))


def _bar(bar: dict, scale: _Scale, y: float, uid: str, today: dt.date, entity: dict,
         entity_url: Callable[[str], str], open_label: str) -> str:
    kind = bar["kind"] if bar["kind"] in KINDS else "member"
    start = Date.parse(bar["start"]) if bar["start"] else None
    end = Date.parse(bar["end"]) if bar["end"] else None
    # An unknown start is uncertain from the left edge; an open end holds to today.
    s_lo, s_hi = _window(start) if start else (dt.date.fromordinal(scale.start), dt.date.fromordinal(scale.start))
    e_lo, e_hi = _window(end) if end else (today, today)
    hatch = f"{uid}-hatch-{kind}"
    parts = []
    if start is None:
        parts.append(_rect(scale.x(s_lo), scale.x(e_lo), y, f"bar-part uncertain kind-{kind}", hatch))
    elif s_hi > e_lo:  # the uncertain ends overlap: nothing of the bar is certain
        parts.append(_rect(scale.x(s_lo), scale.x(e_hi), y, f"bar-part uncertain kind-{kind}", hatch))
    else:
        if s_hi > s_lo:
            parts.append(_rect(scale.x(s_lo), scale.x(s_hi), y, f"bar-part uncertain kind-{kind}", hatch))
        parts.append(_rect(scale.x(s_hi), scale.x(e_lo), y, f"bar-part solid kind-{kind}"))
        if e_hi > e_lo:
            parts.append(_rect(scale.x(e_lo), scale.x(e_hi), y, f"bar-part uncertain kind-{kind}", hatch))
    tip = f'{entity["label"]}: {bar["label"]}, {bar["start"] or "?"} – {bar["end"] or open_label}'
    body = f'<title>{escape(tip)}</title>{"".join(parts)}'
    css = f"bar kind-{kind}" + ("" if end else " open")
    if bar.get("meeting"):
        return f'<a href="{escape(entity_url(bar["meeting"]["id"]))}" class="{css}">{body}</a>'
    return f'<g class="{css}">{body}</g>'
