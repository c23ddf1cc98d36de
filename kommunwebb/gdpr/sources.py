"""The registry of rights-tool sources (contract C4b): where what is stored about one
person is found and erased.

Every app that stores personal data someone could ask about registers a source from its
``AppConfig.ready()``, beside the retention kind it registers with
``kommunwebb.retention.registry``::

    from kommunwebb.gdpr.sources import register_source

    register_source(
        "myapp.things",
        label=_("Saker"),
        find=find_things,  # (query: str) -> list[dict]
        erase=erase_things,  # (items: list[dict]) -> int
    )

The rights tools (``rights.py``) ask every registered source; they know no app by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Where the rights tools look for, and erase, what is stored about one person."""

    kind: str
    label: str
    find: Callable[[str], list[dict]]
    erase: Callable[[list[dict]], int]


_sources: dict[str, Source] = {}


def register_source(
    kind: str,
    *,
    label: str,
    find: Callable[[str], list[dict]],
    erase: Callable[[list[dict]], int],
) -> Source:
    """Declare where the rights tools find and erase what is stored about one person.

    ``kind`` is a stable machine name, usually that of the retention kind holding the data.
    ``find(query)`` receives an e-mail address, a phone number, a reference number or a
    consent code as typed by the administrator (stripped) and returns a list of dicts,
    each with at least ``"kind"`` (this source's kind), ``"id"`` (primary key, JSON
    serialisable), ``"created_at"`` (an aware datetime or ISO string) and the data fields
    stored about the person. Return ``[]`` if nothing matches; never raise for odd input.
    ``erase(items)`` receives the dicts previously returned by ``find`` for this kind and
    deletes (or irreversibly anonymises) them, returning how many were erased.

    Registering the same kind twice replaces the earlier registration.
    """
    entry = Source(kind=kind, label=label, find=find, erase=erase)
    _sources[kind] = entry
    return entry


def sources() -> list[Source]:
    """All registered sources, sorted by machine name."""
    return [_sources[key] for key in sorted(_sources)]


def get_source(kind: str) -> Source:
    return _sources[kind]
