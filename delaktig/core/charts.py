"""Charts drawn on the server as SVG, with presentation attributes only (the CSP forbids inline styles).

A chart never stands alone: the page shows a table with the same numbers beside it, and the SVG
carries a title and description for screen readers.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_COLOURS = ("#00558c", "#b8420f", "#1e6b33", "#6b3fa0", "#8a5300", "#4a4a4a")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def bar_chart_svg(bars: Sequence[Bar], *, title: str, description: str = "", width: int = 640) -> SafeString:
    """Return a horizontal bar chart as accessible inline SVG."""
    label_width, row_height, padding = 220, 28, 8
    height = max(len(bars), 1) * row_height + 2 * padding
    largest = max((bar.value for bar in bars), default=0) or 1
    scale = (width - label_width - 60) / largest
    rows = []
    for index, bar in enumerate(bars):
        y = padding + index * row_height
        length = max(bar.value * scale, 0)
        rows.append(
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end">{escape(bar.label[:34])}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row_height - 10}" '
            f'fill="{BAR_COLOURS[index % len(BAR_COLOURS)]}"></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 18}">{escape(_number(bar.value))}</text>'
        )
    # Every text part above is escaped.
    return mark_safe(
        f'<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="chart-title">{escape(title)}</title><desc id="chart-desc">{escape(description)}</desc>'
        f"{''.join(rows)}</svg>"
    )


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
