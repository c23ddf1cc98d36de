"""Find, export and erase what is stored about one person, across every registered source.

Plain functions over the sources registered in :mod:`kommunwebb.gdpr.sources` (contract
C4b); the admin views in ``views.py`` are a thin layer over them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kommunwebb.core.dates import numeric_datetime
from kommunwebb.security.spreadsheets import neutralise

from . import sources
from .models import RightsRequestAudit

logger = logging.getLogger(__name__)

_PHONE = re.compile(r"^\+?[\d\s()./-]{5,}$")


def query_type(query: str) -> str:
    """``email``, ``phone`` or ``reference``: what the administrator typed."""
    if "@" in query:
        return "email"
    if _PHONE.match(query) and sum(c.isdigit() for c in query) >= 5:
        return "phone"
    return "reference"


class SourceFailed(Exception):
    """A source's find or erase raised; nothing is exported or erased."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@dataclass
class Found:
    """What one source holds about the person."""

    kind: str
    label: str
    items: list[dict] = field(default_factory=list)

    @property
    def fields(self) -> list[str]:
        """Column names for display: id and created_at first, then the rest in first-seen order."""
        names = ["id", "created_at"]
        for item in self.items:
            names.extend(key for key in item if key not in names and key != "kind")
        return names

    @property
    def rows(self) -> list[list]:
        return [[item.get(name, "") for name in self.fields] for item in self.items]

    @property
    def headings(self) -> list[str]:
        """The columns as a registrar reads them: Swedish names, not the sources' keys."""
        return [str(COLUMN_LABELS.get(name, name)) for name in self.fields]

    @property
    def display_rows(self) -> list[list]:
        """The rows as a registrar reads them: times as Swedish dates to the second."""
        return [[_readable(value) for value in row] for row in self.rows]


# The keys the sources use (sources.py), named for the admin. A source's own field labels
# ("fält: …") are already Swedish and shown as they are.
COLUMN_LABELS = {
    "id": _("Nummer"),
    "created_at": _("Lagrad"),
    "reference": _("Ärendenummer"),
    "form": _("Formulär"),
    "email": _("E-post"),
    "phone": _("Telefon"),
    "channel": _("Kanal"),
    "target": _("Mottagare"),
    "state": _("Status"),
    "attempts": _("Försök"),
    "delivered_at": _("Levererad"),
    "recipients": _("Mottagare"),
    "subject": _("Ämne"),
    "body": _("Text"),
    "consent_id": _("Samtyckeskod"),
    "policy_version": _("Version av kakpolicyn"),
    "statistics": _("Statistik tillåten"),
}


def _readable(value):
    """A stored value for display: datetimes (objects or ISO strings) as Swedish dates."""
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T":
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return numeric_datetime(value, seconds=True)
    return value


def find_all(query: str) -> list[Found]:
    """Ask every registered source; raise :class:`SourceFailed` if any of them fails.

    A partial answer would make an incomplete export look complete, so one failing
    source fails the whole search.
    """
    results = []
    for source in sources.sources():
        try:
            items = list(source.find(query) or [])
        except Exception as exc:
            # The class only: the message may quote the person's data.
            logger.error("Rights tools: find in %s failed with %s", source.kind, type(exc).__name__)
            raise SourceFailed(source.kind) from None
        results.append(Found(kind=source.kind, label=str(source.label), items=items))
    return results


def total(results: list[Found]) -> int:
    return sum(len(found.items) for found in results)


def counts(results: list[Found]) -> dict[str, int]:
    return {found.kind: len(found.items) for found in results if found.items}


def fingerprint(results: list[Found]) -> str:
    """A digest of which records were found, to detect changes between confirm and erase."""
    keys = sorted(f"{found.kind}:{item.get('id')}" for found in results for item in found.items)
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


def _plain(value):
    """Make a value JSON-friendly (and readable in CSV)."""
    if isinstance(value, datetime):
        return (
            timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_json(results: list[Found], query: str) -> str:
    """GDPR art. 15 and 20: everything found, structured, machine-readable."""
    document = {
        "generated_at": timezone.localtime().isoformat(),
        "query": query,
        "query_type": query_type(query),
        "sources": [
            {
                "kind": found.kind,
                "label": found.label,
                "count": len(found.items),
                "items": [
                    {key: _plain(value) for key, value in item.items()} for item in found.items
                ],
            }
            for found in results
        ],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


CSV_HEADER = ["kind", "label", "id", "created_at", "field", "value"]


def _cell(value) -> str:
    """Text for a CSV cell; a leading formula character is neutralised for spreadsheets."""
    value = _plain(value)
    if isinstance(value, (dict, list, tuple)):
        value = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return neutralise("" if value is None else str(value))


def export_csv(results: list[Found]) -> str:
    """One row per stored field (long format), so records of every shape fit one table."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for found in results:
        for item in found.items:
            head = [found.kind, found.label, _cell(item.get("id")), _cell(item.get("created_at"))]
            for key, value in item.items():
                if key in {"kind", "id", "created_at"}:
                    continue
                writer.writerow([*head, key, _cell(value)])
            if set(item) <= {"kind", "id", "created_at"}:
                writer.writerow([*head, "", ""])
    return out.getvalue()


def erase_all(results: list[Found]) -> dict[str, int]:
    """GDPR art. 17: erase everything found, all or nothing. Returns counts per kind."""
    erased: dict[str, int] = {}
    with transaction.atomic():
        for found in results:
            if not found.items:
                continue
            source = sources.get_source(found.kind)
            try:
                erased[found.kind] = int(source.erase(found.items) or 0)
            except Exception as exc:
                logger.error(
                    "Rights tools: erase in %s failed with %s", found.kind, type(exc).__name__
                )
                raise SourceFailed(found.kind) from None
    return erased


def audit(user, action: str, per_kind: dict[str, int]) -> RightsRequestAudit:
    """Record who did what to how many records of which kinds; never whose data it was."""
    return RightsRequestAudit.objects.create(
        action=action,
        performed_by=user if getattr(user, "pk", None) else None,
        performed_by_username=getattr(user, "get_username", lambda: "")(),
        counts=per_kind,
        total=sum(per_kind.values()),
    )
