"""A contact card written into a page's text (core.blocks.ContactCardBlock) rather than
chosen: shaped like a ContactCard, so templates/contacts/contact_card.html and the
"Öppet nu" rules (hours.py, texts.py) serve it as they serve the snippet."""

from dataclasses import dataclass, field
from datetime import time
from types import SimpleNamespace

from kommunwebb.core.phone import tel_href as dial

from .hours import Schedule
from .models import build_schedule


@dataclass(frozen=True)
class EnteredPhone:
    number: str
    label: str = ""

    @property
    def tel_href(self) -> str:
        try:
            return dial(self.number)
        except ValueError:
            return ""


class _Rows(tuple):
    """``card.phone_numbers.all`` as the template asks a ContactCard."""

    def all(self):
        return self


@dataclass(frozen=True)
class EnteredCard:
    name: str
    description: str = ""
    phones: tuple[EnteredPhone, ...] = ()
    # (days, opens, closes); no times means closed on those days.
    hours: tuple[tuple[str, time | None, time | None], ...] = ()
    email: str = ""
    address: str = ""
    # Not saved anywhere: the template tags build its schedule each time (contacts_tags).
    pk: None = field(default=None, init=False)

    @property
    def phone_numbers(self):
        return _Rows(self.phones)

    @classmethod
    def from_block(cls, value) -> "EnteredCard":
        phone = (value.get("phone") or "").strip()
        return cls(
            name=value.get("name") or "",
            description=value.get("description") or "",
            phones=(EnteredPhone(phone),) if phone else (),
            hours=tuple(
                (row.get("days"), row.get("opens"), row.get("closes"))
                for row in value.get("hours") or ()
            ),
        )

    def schedule(self) -> Schedule:
        rows = [
            SimpleNamespace(
                days=days, opens=opens, closes=closes, closed=opens is None or closes is None
            )
            for days, opens, closes in self.hours
        ]
        return build_schedule(rows, ())
