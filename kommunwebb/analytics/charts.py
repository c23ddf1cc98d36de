"""A line chart as SVG geometry, computed on the server: no charting library, no script.
The template draws it (``analytics/admin/chart.html``) beside a table with the same data."""

from __future__ import annotations

import math
from dataclasses import dataclass

WIDTH = 720
HEIGHT = 260
LEFT = 64  # room for the y-axis labels
RIGHT = 12
TOP = 12
BOTTOM = 36  # room for the x-axis labels


def nice_step(maximum: float, ticks: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` grid lines."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(factor * power, 1)
    return 10 * power  # pragma: no cover


@dataclass
class Series:
    key: str
    label: str
    values: list[int]
    points: str = ""


@dataclass
class LineChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int
    y_ticks: list[tuple[float, int]]
    x_labels: list[tuple[float, str]]
    series: list[Series]
    markers: list[tuple[float, float]]


def line_chart(labels: list[str], series: list[Series], max_x_labels: int = 7) -> LineChart:
    count = len(labels)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    top_value = max((max(s.values, default=0) for s in series), default=0)
    step = nice_step(top_value)
    y_max = max(step * math.ceil(top_value / step), step)

    def x(index: int) -> float:
        return LEFT + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h - plot_h * value / y_max

    for item in series:
        item.points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(item.values))
    ticks = []
    value = 0
    while value <= y_max:
        ticks.append((round(y(value), 1), int(value)))
        value += step
    every = max(1, math.ceil(count / max_x_labels))
    x_labels = [(round(x(i), 1), labels[i]) for i in range(0, count, every)]
    markers = (
        [(round(x(i), 1), round(y(v), 1)) for i, v in enumerate(series[0].values)]
        if series and count <= 31
        else []
    )
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=TOP + plot_h,
        y_ticks=ticks,
        x_labels=x_labels,
        series=series,
        markers=markers,
    )
