"""Calm illustrations for the demo content, drawn with Pillow so nothing is downloaded.

Each scene is a function of the canvas and a seeded random generator, so the same name and seed
always give the same picture, at any size: every coordinate is a fraction of the canvas.
"""

import io
import math
import random
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFilter

DEFAULT_SIZE = (1600, 900)

Colour = tuple[int, int, int]


def _mix(a: Colour, b: Colour, t: float) -> Colour:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(size, stops: list[tuple[float, Colour]]) -> Image.Image:
    """A vertical gradient through colour stops given as (position 0–1, colour)."""
    width, height = size
    column = Image.new("RGB", (1, height))
    pixels = []
    for row in range(height):
        t = row / max(height - 1, 1)
        for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
            if p0 <= t <= p1:
                pixels.append(_mix(c0, c1, (t - p0) / max(p1 - p0, 1e-9)))
                break
        else:
            pixels.append(stops[-1][1])
    column.putdata(pixels)
    return column.resize((width, height))


def _sky(img, stops, top=0.0, bottom=1.0):
    width, height = img.size
    y0, y1 = int(top * height), int(bottom * height)
    img.paste(_gradient((width, max(y1 - y0, 1)), stops), (0, y0))


def _glow(img, centre, radius, colour, strength=0.55):
    """A soft disc of light: a sun, a moon or a lamp."""
    width, height = img.size
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx, cy, r = centre[0] * width, centre[1] * height, radius * width
    draw.ellipse([cx - r * 2.6, cy - r * 2.6, cx + r * 2.6, cy + r * 2.6], (*colour, 90))
    layer = layer.filter(ImageFilter.GaussianBlur(r * 1.2 + 1))
    draw = ImageDraw.Draw(layer)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], (*colour, 255))
    faded = Image.blend(Image.new("RGBA", img.size, (0, 0, 0, 0)), layer, strength)
    img.paste(Image.alpha_composite(img.convert("RGBA"), faded).convert("RGB"))
    ImageDraw.Draw(img).ellipse([cx - r, cy - r, cx + r, cy + r], colour)


def _clouds(img, rng, count, band, colour=(255, 255, 255), opacity=150):
    width, height = img.size
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(count):
        cx, cy = rng.uniform(0, 1) * width, rng.uniform(*band) * height
        length = rng.uniform(0.08, 0.18) * width
        for _ in range(5):
            dx = rng.uniform(-0.5, 0.5) * length
            dy = rng.uniform(-0.12, 0.05) * length
            rx, ry = length * rng.uniform(0.25, 0.45), length * rng.uniform(0.1, 0.18)
            draw.ellipse(
                [cx + dx - rx, cy + dy - ry, cx + dx + rx, cy + dy + ry], (*colour, opacity)
            )
    layer = layer.filter(ImageFilter.GaussianBlur(width / 160))
    img.paste(Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB"))


def _ridge(img, rng, base, amplitude, colour, waves=3):
    """A soft hill line across the picture, filled to the bottom."""
    width, height = img.size
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    points = []
    for step in range(0, 101):
        x = step / 100
        y = base + sum(
            amplitude / (i + 1) * math.sin(x * math.pi * (i + 1.3) + phase)
            for i, phase in enumerate(phases)
        )
        points.append((x * width, y * height))
    points += [(width, height), (0, height)]
    ImageDraw.Draw(img).polygon(points, colour)
    return points


def _water(img, top, colours, rng, shimmer: Colour):
    width, height = img.size
    _sky(img, colours, top=top)
    draw = ImageDraw.Draw(img)
    y0 = top * height
    for _ in range(int(height * (1 - top) / 6)):
        y = rng.uniform(y0 + 4, height)
        depth = (y - y0) / max(height - y0, 1)
        x = rng.uniform(0, width)
        length = width * rng.uniform(0.02, 0.08) * (0.5 + depth)
        draw.line([(x, y), (x + length, y)], shimmer, max(1, round(height / 450)))


def _conifer(draw, x, base, h, colour):
    w = h * 0.42
    trunk = h * 0.08
    draw.rectangle([x - w * 0.06, base - trunk, x + w * 0.06, base], (90, 70, 55))
    for tier in range(3):
        top = base - h + tier * h * 0.22
        bottom = base - trunk - (2 - tier) * h * 0.12
        half = w * (0.28 + tier * 0.12)
        draw.polygon([(x, top), (x + half, bottom), (x - half, bottom)], colour)


def _leafy(draw, x, base, h, colour, trunk=(105, 80, 60)):
    r = h * 0.3
    draw.rectangle([x - h * 0.025, base - h * 0.55, x + h * 0.025, base], trunk)
    draw.ellipse([x - r, base - h, x + r, base - h + 2 * r], colour)
    draw.ellipse([x - r * 1.2, base - h * 0.78, x, base - h * 0.78 + r * 1.3], colour)
    draw.ellipse([x, base - h * 0.8, x + r * 1.15, base - h * 0.8 + r * 1.3], colour)


def _skyline(img, rng, base, colour, max_height, windows: Colour | None = None, density=0.3):
    width, height = img.size
    draw = ImageDraw.Draw(img)
    x = -rng.uniform(0, 0.03) * width
    while x < width:
        w = rng.uniform(0.035, 0.09) * width
        h = rng.uniform(0.25, 1.0) * max_height * height
        top = base * height - h
        draw.rectangle([x, top, x + w, base * height], colour)
        if rng.random() < 0.15:
            draw.polygon([(x, top), (x + w / 2, top - w * 0.45), (x + w, top)], colour)
        elif rng.random() < 0.1:
            draw.rectangle([x + w * 0.45, top - h * 0.35, x + w * 0.55, top], colour)
        if windows:
            size = max(2, round(width / 260))
            for wy in range(round(top + size * 2), round(base * height - size * 2), size * 3):
                for wx in range(round(x + size * 1.5), round(x + w - size * 2), size * 3):
                    if rng.random() < density:
                        draw.rectangle([wx, wy, wx + size, wy + size], windows)
        x += w + rng.uniform(-0.005, 0.01) * width


def _lamp(img, x, base, h, light):
    width, height = img.size
    draw = ImageDraw.Draw(img)
    px, py = x * width, base * height
    draw.line([(px, py), (px, py - h * height)], (40, 40, 55), max(2, round(width / 400)))
    _glow(img, (x, base - h), 0.011, light, strength=0.8)


def _snow(img, rng, count, colour=(250, 250, 255)):
    width, height = img.size
    draw = ImageDraw.Draw(img)
    for _ in range(count):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        r = rng.uniform(0.6, 2.2) * width / 1000
        draw.ellipse([x - r, y - r, x + r, y + r], colour)


# --- Scenes -----------------------------------------------------------------------------------


def city_morning(img, rng):
    """A hazy skyline under a clear morning sky, green hills in front."""
    _sky(img, [(0, (120, 175, 225)), (0.55, (205, 225, 240)), (0.7, (250, 236, 205))])
    _glow(img, (0.78, 0.28), 0.035, (255, 244, 214))
    _clouds(img, rng, 4, (0.1, 0.35), opacity=120)
    _skyline(img, rng, 0.7, (150, 170, 195), 0.32)
    _skyline(img, rng, 0.72, (110, 135, 165), 0.22)
    _ridge(img, rng, 0.735, 0.015, (120, 170, 110))
    _ridge(img, rng, 0.88, 0.025, (80, 140, 90))
    draw = ImageDraw.Draw(img)
    width, height = img.size
    for i in range(7):
        x = (0.06 + i * 0.15 + rng.uniform(-0.03, 0.03)) * width
        _leafy(draw, x, 0.93 * height, rng.uniform(0.12, 0.18) * height, (60, 120, 75))


def park_path(img, rng):
    """A winding path through a park at sunrise."""
    _sky(img, [(0, (250, 200, 160)), (0.45, (255, 230, 190)), (0.6, (235, 240, 220))])
    _glow(img, (0.3, 0.42), 0.04, (255, 226, 160))
    _ridge(img, rng, 0.6, 0.02, (150, 190, 140))
    _ridge(img, rng, 0.7, 0.03, (110, 170, 110))
    width, height = img.size
    draw = ImageDraw.Draw(img)
    left, right = [], []
    for step in range(0, 41):
        t = step / 40
        y = 0.62 + 0.38 * t
        centre = 0.5 + 0.14 * math.sin(t * math.pi * 1.6 + 0.4)
        half = 0.004 + 0.12 * t**1.5
        left.append(((centre - half) * width, y * height))
        right.append(((centre + half) * width, y * height))
    draw.polygon(left + right[::-1], (235, 215, 180))
    for i in range(10):
        side = -1 if i % 2 else 1
        depth = 0.3 + 0.7 * (i / 9)
        x = 0.5 + side * (0.16 + 0.3 * depth) + rng.uniform(-0.04, 0.04)
        base = (0.64 + 0.3 * depth) * height
        _leafy(draw, x * width, base, (0.1 + 0.25 * depth) * height, (70, 135 - i * 3, 80))


def evening_street(img, rng):
    """A quiet street of houses at dusk, lit windows and street lamps."""
    _sky(img, [(0, (25, 35, 80)), (0.5, (80, 75, 140)), (0.75, (205, 140, 150))])
    _snow(img, rng, 60, (230, 230, 255))
    _glow(img, (0.82, 0.16), 0.022, (245, 245, 225), strength=0.4)
    _skyline(img, rng, 0.78, (35, 35, 60), 0.38, windows=(255, 205, 120), density=0.35)
    width, height = img.size
    ImageDraw.Draw(img).rectangle([0, 0.78 * height, width, height], (45, 45, 70))
    for i in range(5):
        _lamp(img, 0.1 + i * 0.2, 0.9, 0.2, (255, 214, 140))


def kites_meadow(img, rng):
    """Colourful kites and balloons over a meadow on a sunny day."""
    _sky(img, [(0, (110, 185, 240)), (0.7, (200, 230, 250))])
    _glow(img, (0.14, 0.18), 0.045, (255, 230, 120))
    _clouds(img, rng, 5, (0.15, 0.45))
    width, height = img.size
    _ridge(img, rng, 0.74, 0.025, (140, 200, 110))
    _ridge(img, rng, 0.84, 0.02, (105, 180, 95))
    draw = ImageDraw.Draw(img)
    palette = [(235, 90, 80), (250, 190, 60), (90, 160, 230), (150, 100, 200), (60, 180, 140)]
    for i in range(4):
        cx, cy = (0.3 + i * 0.17) * width, rng.uniform(0.2, 0.45) * height
        s = rng.uniform(0.04, 0.06) * width
        colour = palette[i % len(palette)]
        draw.polygon(
            [(cx, cy - s), (cx + s * 0.7, cy), (cx, cy + s * 1.3), (cx - s * 0.7, cy)], colour
        )
        draw.line([(cx, cy + s * 1.3), (cx - s * 0.5, 0.88 * height)], (90, 90, 90), 2)
    for i in range(6):
        bx, by = rng.uniform(0.05, 0.95) * width, rng.uniform(0.45, 0.65) * height
        r = rng.uniform(0.015, 0.025) * width
        draw.line([(bx, by + r), (bx + r * 0.3, by + r * 4)], (110, 110, 110), 1)
        draw.ellipse([bx - r, by - r * 1.15, bx + r, by + r], palette[(i + 2) % len(palette)])


def young_forest(img, rng, autumn=False):
    """Layers of young conifers and leafy trees against a pale sky."""
    _sky(img, [(0, (190, 215, 230)), (0.6, (235, 240, 230))])
    _clouds(img, rng, 3, (0.1, 0.3), opacity=110)
    width, height = img.size
    layers = [(0.55, (160, 190, 160)), (0.68, (110, 160, 115)), (0.82, (60, 120, 80))]
    leaf = [(200, 140, 60), (215, 110, 50), (190, 160, 70)] if autumn else None
    for base, colour in layers:
        _ridge(img, rng, base + 0.05, 0.015, colour)
        draw = ImageDraw.Draw(img)
        count = int(14 * (1 + base))
        for _ in range(count):
            x = rng.uniform(-0.02, 1.02) * width
            h = (0.1 + (base - 0.5) * 0.6) * height * rng.uniform(0.8, 1.3)
            if rng.random() < 0.55:
                _conifer(draw, x, (base + 0.07) * height, h, colour)
            else:
                tone = rng.choice(leaf) if leaf else _mix(colour, (140, 190, 90), 0.3)
                _leafy(draw, x, (base + 0.07) * height, h, tone)
    ImageDraw.Draw(img).rectangle([0, 0.92 * height, width, height], (70, 115, 75))


def quay(img, rng, evening=False):
    """New apartment blocks and cranes on a quay, calm water and a sailing boat."""
    if evening:
        _sky(img, [(0, (60, 80, 140)), (0.55, (235, 150, 120)), (0.62, (250, 200, 150))])
    else:
        _sky(img, [(0, (130, 185, 230)), (0.62, (225, 235, 245))])
        _clouds(img, rng, 4, (0.1, 0.3))
    width, height = img.size
    draw = ImageDraw.Draw(img)
    for cx in (0.2, 0.68):
        x = cx * width
        draw.line([(x, 0.62 * height), (x, 0.18 * height)], (220, 140, 50), max(2, width // 300))
        draw.line(
            [(x - 0.06 * width, 0.2 * height), (x + 0.18 * width, 0.2 * height)],
            (220, 140, 50),
            max(2, width // 300),
        )
        draw.line(
            [(x + 0.15 * width, 0.2 * height), (x + 0.15 * width, 0.38 * height)], (90, 90, 90), 1
        )
    lit = (255, 215, 140) if evening else (190, 215, 235)
    block = (90, 95, 120) if evening else (225, 220, 210)
    x = 0.03 * width
    while x < 0.97 * width:
        w = rng.uniform(0.07, 0.12) * width
        h = rng.uniform(0.16, 0.3) * height
        draw.rectangle([x, 0.62 * height - h, x + w, 0.62 * height], block)
        size = max(2, width // 200)
        for wy in range(round(0.62 * height - h + size * 2), round(0.62 * height - size), size * 3):
            for wx in range(round(x + size * 2), round(x + w - size * 2), size * 4):
                if not evening or rng.random() < 0.5:
                    draw.rectangle([wx, wy, wx + size * 2, wy + size], lit)
        x += w + 0.01 * width
    draw.rectangle([0, 0.62 * height, width, 0.66 * height], (120, 115, 110))
    water = [(0, (70, 120, 160)), (1, (40, 80, 120))]
    if evening:
        water = [(0, (120, 100, 130)), (1, (40, 50, 90))]
    _water(img, 0.66, water, rng, (200, 220, 235) if not evening else (250, 190, 150))
    draw = ImageDraw.Draw(img)
    bx, by = 0.72 * width, 0.86 * height
    draw.polygon(
        [
            (bx - 0.06 * width, by),
            (bx + 0.06 * width, by),
            (bx + 0.045 * width, by + 0.03 * height),
            (bx - 0.045 * width, by + 0.03 * height),
        ],
        (245, 245, 245),
    )
    draw.polygon(
        [
            (bx, by - 0.2 * height),
            (bx, by - 0.01 * height),
            (bx - 0.05 * width, by - 0.01 * height),
        ],
        (250, 250, 250),
    )
    draw.polygon(
        [
            (bx + 0.004 * width, by - 0.16 * height),
            (bx + 0.004 * width, by - 0.01 * height),
            (bx + 0.04 * width, by - 0.01 * height),
        ],
        (235, 235, 240),
    )


def winter_evening(img, rng):
    """A building with big warm windows on a snowy evening, spruces and falling snow."""
    _sky(img, [(0, (40, 55, 100)), (0.6, (120, 120, 170)), (0.75, (200, 170, 190))])
    width, height = img.size
    _ridge(img, rng, 0.76, 0.01, (225, 230, 240))
    draw = ImageDraw.Draw(img)
    left, right, top, base = 0.3 * width, 0.78 * width, 0.38 * height, 0.78 * height
    draw.rectangle([left, top, right, base], (70, 75, 105))
    draw.polygon(
        [
            (left - 0.02 * width, top),
            (right + 0.02 * width, top),
            (right - 0.03 * width, top - 0.07 * height),
            (left + 0.03 * width, top - 0.07 * height),
        ],
        (55, 60, 90),
    )
    for row in range(2):
        for col in range(5):
            wx = left + (0.02 + col * 0.092) * width
            wy = top + (0.05 + row * 0.17) * height
            draw.rectangle([wx, wy, wx + 0.07 * width, wy + 0.12 * height], (255, 210, 130))
    _ridge(img, rng, 0.86, 0.015, (240, 242, 250))
    draw = ImageDraw.Draw(img)
    for x in (0.08, 0.17, 0.87, 0.95):
        _conifer(draw, x * width, 0.88 * height, rng.uniform(0.3, 0.4) * height, (35, 80, 70))
    _snow(img, rng, 260)


def market_stalls(img, rng):
    """Market stalls with pointed roofs and strings of lights at dusk."""
    _sky(img, [(0, (35, 45, 95)), (0.7, (150, 110, 150)), (0.8, (230, 160, 140))])
    width, height = img.size
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0.8 * height, width, height], (215, 215, 230))
    roofs = [(190, 60, 60), (40, 110, 90), (200, 150, 60), (60, 90, 150)]
    for i in range(6):
        x = (0.03 + i * 0.162) * width
        w = 0.14 * width
        draw.rectangle([x, 0.55 * height, x + w, 0.8 * height], (120, 85, 60))
        draw.rectangle([x + w * 0.08, 0.6 * height, x + w * 0.92, 0.72 * height], (255, 215, 150))
        draw.polygon(
            [
                (x - w * 0.08, 0.56 * height),
                (x + w / 2, 0.42 * height),
                (x + w * 1.08, 0.56 * height),
            ],
            roofs[i % len(roofs)],
        )
    for i in range(40):
        t = i / 39
        x = t * width
        y = (0.3 + 0.05 * math.sin(t * math.pi * 3)) * height
        r = width / 400
        draw.ellipse([x - r, y - r, x + r, y + r], (255, 225, 150))
    _snow(img, rng, 120)


def moon_water(img, rng):
    """A full moon over still water on a winter evening."""
    _sky(img, [(0, (15, 25, 60)), (0.6, (55, 70, 120))], bottom=0.62)
    _glow(img, (0.62, 0.25), 0.04, (245, 240, 220), strength=0.5)
    _snow(img, rng, 80, (200, 210, 240))
    width, height = img.size
    _ridge(img, rng, 0.6, 0.012, (25, 35, 60))
    _water(img, 0.62, [(0, (40, 55, 100)), (1, (15, 25, 55))], rng, (150, 160, 200))
    draw = ImageDraw.Draw(img)
    for i in range(14):
        y = (0.64 + i * 0.025) * height
        half = (0.015 + i * 0.004) * width
        draw.line(
            [(0.62 * width - half, y), (0.62 * width + half, y)],
            (235, 230, 205),
            max(1, height // 300),
        )


def schoolyard(img, rng):
    """A low school building with rows of windows, trees and a schoolyard under clouds."""
    _sky(img, [(0, (100, 170, 230)), (0.65, (210, 230, 245))])
    _clouds(img, rng, 6, (0.08, 0.35))
    width, height = img.size
    draw = ImageDraw.Draw(img)
    left, right, top, base = 0.12 * width, 0.88 * width, 0.42 * height, 0.72 * height
    draw.rectangle([left, top, right, base], (200, 110, 80))
    draw.rectangle(
        [left - 0.01 * width, top - 0.03 * height, right + 0.01 * width, top], (70, 70, 80)
    )
    for row in range(2):
        for col in range(12):
            wx = left + (0.015 + col * 0.063) * width
            wy = top + (0.04 + row * 0.13) * height
            draw.rectangle([wx, wy, wx + 0.04 * width, wy + 0.08 * height], (230, 240, 250))
    draw.rectangle([0.47 * width, 0.6 * height, 0.53 * width, base], (80, 60, 50))
    draw.rectangle([0, base, width, height], (185, 185, 180))
    for x in (0.05, 0.3, 0.72, 0.95):
        _leafy(draw, x * width, 0.8 * height, rng.uniform(0.3, 0.38) * height, (70, 140, 80))
    # A hopscotch grid painted on the schoolyard.
    for i in range(6):
        x = (0.4 + i * 0.035) * width
        draw.rectangle(
            [x, 0.84 * height, x + 0.03 * width, 0.9 * height],
            outline=(250, 250, 250),
            width=max(1, width // 500),
        )


def town_square(img, rng):
    """A square with trees and street lamps in warm evening light."""
    _sky(img, [(0, (120, 150, 200)), (0.55, (250, 200, 150)), (0.68, (255, 225, 180))])
    _glow(img, (0.5, 0.6), 0.05, (255, 215, 150), strength=0.6)
    width, height = img.size
    _skyline(img, rng, 0.66, (150, 110, 100), 0.3, windows=(255, 225, 170), density=0.2)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0.66 * height, width, height], (215, 190, 160))
    for i in range(12):
        y = (0.66 + i * 0.03) * height
        draw.line([(0, y), (width, y)], (200, 175, 145), 1)
    for x in (0.08, 0.3, 0.7, 0.92):
        _leafy(draw, x * width, 0.86 * height, 0.34 * height, (90, 130, 70))
    for x in (0.19, 0.5, 0.81):
        _lamp(img, x, 0.9, 0.28, (255, 220, 150))


def winter_hills(img, rng):
    """Snowy hills and spruces under a pink winter sky."""
    _sky(img, [(0, (150, 170, 210)), (0.5, (240, 195, 205)), (0.7, (250, 225, 215))])
    _glow(img, (0.25, 0.55), 0.035, (255, 235, 200), strength=0.5)
    width, height = img.size
    for base, colour in ((0.62, (230, 232, 245)), (0.74, (242, 244, 252)), (0.86, (250, 250, 255))):
        _ridge(img, rng, base, 0.03, colour)
        draw = ImageDraw.Draw(img)
        for _ in range(6):
            x = rng.uniform(0, 1) * width
            _conifer(draw, x, (base + 0.04) * height, (base - 0.45) * height, (40, 90, 80))
    _snow(img, rng, 150, (255, 255, 255))


SCENES: dict[str, Callable] = {
    "city_morning": city_morning,
    "park_path": park_path,
    "evening_street": evening_street,
    "kites_meadow": kites_meadow,
    "young_forest": young_forest,
    "autumn_forest": lambda img, rng: young_forest(img, rng, autumn=True),
    "quay": quay,
    "quay_evening": lambda img, rng: quay(img, rng, evening=True),
    "winter_evening": winter_evening,
    "market_stalls": market_stalls,
    "moon_water": moon_water,
    "schoolyard": schoolyard,
    "town_square": town_square,
    "winter_hills": winter_hills,
}


def render(scene: str, seed: int = 1, size=DEFAULT_SIZE) -> Image.Image:
    img = Image.new("RGB", size, (255, 255, 255))
    SCENES[scene](img, random.Random(f"{scene}-{seed}"))
    # A whisper of blur takes the edge off the flat shapes, like a print.
    return img.filter(ImageFilter.GaussianBlur(max(size[0] / 1600, 0.3)))


def render_jpeg(scene: str, seed: int = 1, size=DEFAULT_SIZE) -> bytes:
    buffer = io.BytesIO()
    render(scene, seed, size).save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()
