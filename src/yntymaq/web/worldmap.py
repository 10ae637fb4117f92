"""The members map and the member-count chart as inline SVG, drawn on the server.

The outlines are Natural Earth's, built into `static/world.json` by `make map` (see
`web-assets/build-map.mjs`), keyed by ISO 3166-1 numeric codes; CLDR (through Babel) gives each its
alpha-2 code, the id of the state's entity. Nothing is fetched at run time; without the built file the
page shows its table and chart and says how to build the map.
"""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape
from pathlib import Path

WORLD = Path(__file__).resolve().parent / "static" / "world.json"
SMALL = 4.0
"""A shape narrower and lower than this many pixels also gets a circle, so that it can be seen and pointed at."""
_SAME_STATE = {"Somaliland": "SO"}
"""Areas Natural Earth draws apart, without a code, that are internationally part of a state."""


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> dict:
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    data = json.loads(path.read_text(encoding="utf-8"))
    for shape in data["shapes"]:
        codes = aliases.get(shape["id"]) if shape["id"] else None
        shape["state"] = codes[0] if codes else _SAME_STATE.get(shape["name"], "")
    return data


def world(path: Path = WORLD) -> dict | None:
    """The built outlines (`shapes` with `state`, the alpha-2 code or ""), or None when not built."""
    if not path.exists():
        return None
    return _load(path, path.stat().st_mtime)


def render_map(statuses: dict[str, str], labels: dict[str, str], status_labels: dict[str, str], *,
               title: str, none_label: str, path: Path = WORLD) -> str | None:
    """The world with each state's shape classed by its status (`st-member`, `st-suspended`,
    `st-observer`, `st-none`) and named in a <title>; every state shape carries `data-state`."""
    data = world(path)
    if data is None:
        return None
    out = [f'<svg class="world-map" id="world-map" viewBox="0 0 {data["width"]} {data["height"]}" role="img" '
           f'aria-labelledby="world-map-title" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="world-map-title">{escape(title)}</title>']
    dots = []
    for shape in data["shapes"]:
        state = shape["state"]
        status = statuses.get(state, "none")
        name = labels.get(state) or shape["name"]
        what = status_labels.get(status, none_label)
        attrs = f' data-state="{escape(state)}"' if state else ""
        out.append(f'<path class="st-{status}"{attrs} d="{shape["d"]}"><title>{escape(name)}: {escape(what)}</title></path>')
        x0, y0, x1, y1 = shape["box"]
        if state and x1 - x0 < SMALL and y1 - y0 < SMALL:
            dots.append(f'<circle class="dot st-{status}" data-state="{escape(state)}" cx="{(x0 + x1) / 2:.1f}" '
                        f'cy="{(y0 + y1) / 2:.1f}" r="2.5"><title>{escape(name)}: {escape(what)}</title></circle>')
    out += dots
    out.append("</svg>")
    return "".join(out)


def render_count_chart(series: list[dict], *, at_year: int, title: str, keys=("members", "observers"),
                       width: int = 640, height: int = 220) -> str:
    """A step chart of the member count at the end of each year, with a marker at `at_year`
    (`#count-marker`, which the page's script moves with the slider)."""
    left, right, top, bottom = 36, 12, 12, 28
    years = [p["year"] for p in series]
    if not years:
        return ""
    first, last = years[0], years[-1]
    top_value = max(max(p[k] for k in keys) for p in series) or 1
    top_value = ((top_value + 9) // 10) * 10
    span = max(last - first, 1)

    def x(year: float) -> float:
        return left + (year - first) / span * (width - left - right)

    def y(value: float) -> float:
        return top + (1 - value / top_value) * (height - top - bottom)

    out = [f'<svg class="count-chart" id="count-chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-labelledby="count-chart-title" xmlns="http://www.w3.org/2000/svg" '
           f'data-first="{first}" data-last="{last}" data-left="{left}" data-right="{right}" data-width="{width}">',
           f'<title id="count-chart-title">{escape(title)}</title>']
    for tick in range(0, top_value + 1, 10):
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
                   f'<text class="tick" x="{left - 4}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    for year in range(first - first % 10 + 10 if first % 10 else first, last + 1, 10):
        out.append(f'<text class="tick" x="{x(year):.1f}" y="{height - 8}" text-anchor="middle">{year}</text>')
    for key in keys:
        points = []
        for i, p in enumerate(series):
            if i:
                points.append(f"{x(p['year']):.1f},{y(series[i - 1][key]):.1f}")
            points.append(f"{x(p['year']):.1f},{y(p[key]):.1f}")
        out.append(f'<polyline class="line-{key}" fill="none" points="{" ".join(points)}"/>')
    for p in series:
        out.append(f'<circle class="pt-members" cx="{x(p["year"]):.1f}" cy="{y(p["members"]):.1f}" r="1.6">'
                   f'<title>{p["year"]}: {p["members"]} / {p["observers"]}</title></circle>')
    marker = x(min(max(at_year, first), last))
    out.append(f'<line id="count-marker" class="marker" x1="{marker:.1f}" x2="{marker:.1f}" y1="{top}" '
               f'y2="{height - bottom}"/>')
    out.append("</svg>")
    return "".join(out)
