"""The house chart style, registered once as an Altair theme.

Every chart builder in :mod:`analysis.charts` goes through :func:`publishable`,
which adds the title, subtitle, source line, notes and "data as of" line and
stores the alt text in the chart's ``description``.
"""
from __future__ import annotations

import altair as alt

THEME_NAME = "siege_data"
FONT = "Helvetica Neue, Helvetica, Arial, 'Noto Sans Arabic', sans-serif"
INK = "#222222"
MUTED = "#666666"

#: Okabe-Ito: distinguishable with the common forms of colour blindness
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

#: fixed colours for the besieging party, so every chart agrees
PARTY_COLOURS = {
    "government": "#D55E00",
    "isil": "#000000",
    "nsag": "#0072B2",
    "hts": "#56B4E9",
    "mixed": "#CC79A7",
    "": "#999999",
}
PARTY_LABELS = {
    "government": "Syrian government and allies",
    "isil": "ISIL",
    "nsag": "Opposition armed groups",
    "hts": "HTS / Jaysh al-Fateh",
    "mixed": "Several parties",
    "": "Not stated",
}
#: one colour and one shape per outcome, on every chart (timeline, aid chart, overview)
OUTCOME_LABELS = ["evacuation batch", "aid delivered", "aid partly delivered", "aid turned back", "aid planned"]
OUTCOME_COLOURS = {"evacuation batch": PALETTE[0], "aid delivered": PALETTE[2], "aid partly delivered": PALETTE[1],
                   "aid turned back": PALETTE[3], "aid planned": "#999999"}
OUTCOME_SHAPES = {"evacuation batch": "circle", "aid delivered": "triangle-up", "aid partly delivered": "diamond",
                  "aid turned back": "cross", "aid planned": "square"}
#: a figure claimed by a party to the war, on every chart
CLAIM_COLOUR = PALETTE[4]
AID_OUTCOME = {"delivered": "aid delivered", "partial": "aid partly delivered", "refused": "aid turned back",
               "planned": "aid planned"}
WIDTH = 600


def theme() -> dict:
    return {
        "config": {
            "font": FONT,
            "background": "#ffffff",
            "padding": {"left": 8, "right": 16, "top": 8, "bottom": 8},
            "view": {"stroke": None, "continuousWidth": WIDTH, "continuousHeight": 300},
            "title": {
                "anchor": "start", "fontSize": 18, "fontWeight": 700, "color": INK, "offset": 12,
                "subtitleFontSize": 13, "subtitleColor": MUTED, "subtitlePadding": 6, "font": FONT,
                "subtitleFont": FONT,
            },
            "axis": {
                "labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": 400, "labelColor": MUTED,
                "titleColor": MUTED, "gridColor": "#e6e6e6", "domainColor": "#999999", "tickColor": "#999999",
            },
            "axisX": {"grid": False},
            "axisTemporal": {"format": "%b %Y", "labelOverlap": "greedy", "tickCount": 6},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "top", "titleFontWeight": 400},
            "range": {"category": PALETTE},
            "line": {"strokeWidth": 2},
            "bar": {"color": PALETTE[0]},
            "point": {"filled": True, "size": 50},
            "text": {"font": FONT, "color": INK},
        }
    }


@alt.theme.register(THEME_NAME, enable=True)
def _registered() -> alt.theme.ThemeConfig:
    return theme()  # type: ignore[return-value]


def enable() -> None:
    """Make the house theme active (importing this module already does)."""
    alt.theme.enable(THEME_NAME)


def footer_lines(source_line: str, notes: list[str] | None = None, data_as_of: str | None = None) -> list[str]:
    lines = [f"Source: {source_line}"] if source_line else []
    for note in notes or []:
        lines.append(f"Note: {note}")
    if data_as_of:
        lines.append(f"Data as of {data_as_of}. siege-data.")
    return lines


def publishable(chart: alt.TopLevelMixin, *, title: str, subtitle: str | list[str] | None, source_line: str,
                alt_text: str, notes: list[str] | None = None, data_as_of: str | None = None,
                width: int = WIDTH) -> alt.TopLevelMixin:
    """Add the house furniture: title, subtitle, a footer with source, notes and date, and alt text.

    The footer is a second title anchored at the bottom (via a concat wrapper)
    so it travels with every export (SVG, PNG and the Vega-Lite JSON).
    """
    subtitle_lines = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    footer = footer_lines(source_line, notes, data_as_of)
    body = chart.properties(width=width)
    framed = alt.vconcat(body, title=alt.TitleParams(text=title, subtitle=subtitle_lines))
    framed = framed.properties(description=alt_text)
    framed = framed.configure_concat(spacing=4)
    framed.usermeta = {"footer": footer, "alt_text": alt_text, "source_line": source_line}
    if footer:
        framed = _add_footer(framed, footer)
    return framed


def _add_footer(chart: alt.VConcatChart, footer: list[str]) -> alt.VConcatChart:
    """Append the footer as a text-only view under the chart (keeps lines left-aligned in exports)."""
    import pandas as pd

    lines = pd.DataFrame({"line": footer, "order": range(len(footer))})
    text = (
        alt.Chart(lines)
        .mark_text(align="left", baseline="top", fontSize=11, color=MUTED, dx=0)
        .encode(y=alt.Y("order:O", axis=None), text="line:N", x=alt.value(0))
        .properties(height=16 * len(footer), width=WIDTH)
    )
    chart.vconcat = [*chart.vconcat, text]
    return chart
