"""Inline SVG for the cohort report: a score histogram and a pass-rate bar.
Plain shapes and text the report computes (counts, percentages); nothing
from a submission is ever drawn, and no style attribute is used (the page's
Content-Security-Policy allows only its own style sheet)."""

from __future__ import annotations

from .escape import html as escape

WIDTH, HEIGHT = 420, 170
LEFT, BOTTOM, TOP = 30, 30, 12


def histogram(counts: list[int], title: str) -> str:
    """Bars of ``counts`` over equal bins of 0..100 % of the maximum score."""
    bins = len(counts)
    plot_w, plot_h = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    top = max(counts, default=0) or 1
    bar_w = plot_w / bins
    parts = [f'<svg class="histogram" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}"'
             f' height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
             f' aria-label="{escape(title)}">',
             f'<title>{escape(title)}</title>',
             f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}"'
             f' y2="{TOP + plot_h}"/>']
    for i, count in enumerate(counts):
        h = plot_h * count / top
        x = LEFT + i * bar_w
        low, high = 100 * i // bins, 100 * (i + 1) // bins
        span = f"{low}–{high} %" + (" (full marks included)" if i == bins - 1 else "")
        parts.append(f'<rect class="bar" x="{x + 1:.1f}" y="{TOP + plot_h - h:.1f}"'
                     f' width="{bar_w - 2:.1f}" height="{h:.1f}">'
                     f'<title>{count} scored {span}</title></rect>')
        if count:
            parts.append(f'<text class="count" x="{x + bar_w / 2:.1f}"'
                         f' y="{TOP + plot_h - h - 2:.1f}">{count}</text>')
    for i in range(0, bins + 1, max(1, bins // 5)):
        parts.append(f'<text class="tick" x="{LEFT + i * bar_w:.1f}"'
                     f' y="{TOP + plot_h + 14}">{100 * i // bins}</text>')
    parts.append(f'<text class="label" x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 2}">'
                 'score, % of the maximum</text>')
    parts.append(f'<text class="label" x="2" y="{TOP + 8}">n</text></svg>')
    return "".join(parts)


def rate_bar(rate: float) -> str:
    """A 100-wide bar filled to ``rate`` (0..1)."""
    filled = round(100 * min(max(rate, 0.0), 1.0), 1)
    return ('<svg class="rate" xmlns="http://www.w3.org/2000/svg" width="100" height="10"'
            ' viewBox="0 0 100 10" aria-hidden="true">'
            '<rect class="rate-bg" x="0" y="0" width="100" height="10"/>'
            f'<rect class="rate-fill" x="0" y="0" width="{filled}" height="10"/></svg>')
