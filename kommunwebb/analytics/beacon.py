"""What a beacon may contain: strict parsing without a database.

A beacon is a JSON object of at most ``MAX_BYTES`` bytes with the keys below and nothing
else; every metric is optional (browsers differ in what they measure), but any present
must be a finite number within its range. Anything else is rejected whole.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from .speed import BY_KEY

MAX_BYTES = 2048
MAX_PATH = 1024
VIEWPORTS = frozenset({"s", "m", "l"})
KEYS = frozenset({"p", "vp", *BY_KEY})


class InvalidBeacon(ValueError):
    """The beacon is malformed; the message says why (for tests and logs, never shown)."""


@dataclass(frozen=True)
class Beacon:
    path: str
    viewport: str = ""
    metrics: dict[str, float] = field(default_factory=dict)


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise InvalidBeacon(f"duplicate key {key!r}")
        result[key] = value
    return result


def _no_constants(name):
    raise InvalidBeacon(f"{name} is not a number")


def parse(body: bytes) -> Beacon:
    if len(body) > MAX_BYTES:
        raise InvalidBeacon("too large")
    try:
        text = body.decode("utf-8")
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except InvalidBeacon:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise InvalidBeacon("not JSON") from error
    if not isinstance(data, dict):
        raise InvalidBeacon("not an object")
    unknown = set(data) - KEYS
    if unknown:
        raise InvalidBeacon("unknown keys")
    path = data.get("p")
    if not isinstance(path, str) or not path.startswith("/") or len(path) > MAX_PATH:
        raise InvalidBeacon("bad path")
    viewport = data.get("vp", "")
    if not isinstance(viewport, str) or (viewport and viewport not in VIEWPORTS):
        raise InvalidBeacon("bad viewport")
    metrics = {}
    for key, metric in BY_KEY.items():
        if key not in data or data[key] is None:
            continue
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidBeacon(f"{key} is not a number")
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidBeacon(f"{key} is not finite")
        if not 0 <= value <= metric.maximum:
            raise InvalidBeacon(f"{key} out of range")
        metrics[key] = float(value)
    return Beacon(path=path, viewport=viewport, metrics=metrics)
