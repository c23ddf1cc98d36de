from dataclasses import dataclass
from datetime import datetime

from django import template
from django.utils import timezone

from kommunwebb.core.visibility import is_visible
from kommunwebb.pagecache import memo
from kommunwebb.pagecache.middleware import changes_at

from ..hours import STOCKHOLM, OpeningStatus, Schedule
from ..texts import HoursRow, status_text, upcoming_deviations, weekly_summary

register = template.Library()

# Deviations further ahead than this are news, not opening hours.
DEVIATION_DAYS = 30


@dataclass(frozen=True)
class StatusLine:
    """An OpeningStatus with its text, ready for ``<p class="opening-status ...">``."""

    status: OpeningStatus
    text: str

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    @property
    def modifier(self) -> str:
        return "open" if self.status.is_open else "closed"

    @property
    def note(self) -> str:
        return self.status.note

    @property
    def next_change(self) -> datetime | None:
        return self.status.next_change


def _schedule(context, card) -> Schedule:
    # The status line and the table both need the schedule; build it (two queries) once,
    # and once per content generation for a saved card (pagecache.memo: saving a card or
    # its hours invalidates, apps.py). A preview shows the editor's unsaved rows: its own.
    cache = context.render_context.setdefault("contacts_schedules", {})
    key = id(card)
    if key not in cache:
        request = context.get("request")
        if card.pk is None or getattr(request, "is_preview", False):
            cache[key] = card.schedule()
        else:
            cache[key] = memo.shared(("contact_schedule", card.pk), card.schedule, request)
    return cache[key]


@register.simple_tag(takes_context=True)
def opening_status(context, card) -> StatusLine | None:
    """``{% opening_status card as status %}``: None when the card has no opening hours."""
    schedule = _schedule(context, card)
    if schedule.is_empty and not schedule.special_days:
        return None
    now = timezone.now()
    status = schedule.status(now)
    if card.pk is None:
        # Hours written into a page (block_card below): no registered deadline knows them,
        # so the cached page says itself until when it is right.
        changes_at(context.get("request"), status.next_change)
    return StatusLine(status, status_text(status, now))


@register.simple_tag
def block_card(value):
    """``{% block_card value as card %}``: the card a contact-card block shows, the chosen
    one if a visitor may see it, else the name, number and hours written in the block;
    None when there is nothing to show (a chosen card since unpublished)."""
    from ..entered import EnteredCard

    chosen = value.get("card")
    if chosen is not None:
        return chosen if is_visible(chosen) else None
    if not value.get("name"):
        return None
    return EnteredCard.from_block(value)


@register.simple_tag(takes_context=True)
def weekly_hours(context, card) -> list[HoursRow]:
    """``{% weekly_hours card as rows %}``: "Måndag–fredag | 08:00–16:00" rows."""
    schedule = _schedule(context, card)
    if schedule.is_empty:
        return []
    return weekly_summary(schedule)


@register.simple_tag(takes_context=True)
def hours_deviations(context, card) -> list[HoursRow]:
    """``{% hours_deviations card as rows %}``: holidays and exceptions in the coming month."""
    schedule = _schedule(context, card)
    today = timezone.now().astimezone(STOCKHOLM).date()
    return upcoming_deviations(schedule, today, DEVIATION_DAYS)
