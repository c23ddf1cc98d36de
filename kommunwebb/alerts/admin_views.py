""" "VMA-källor" in the admin: what the VMA import (vma.py) reads and how it goes, for the
people who answer for the crisis information (Krisinformatör, Webbredaktör). Read-only: the
sources and the area codes are deployment settings (KOMMUNWEBB_VMA, docs/crisis.md)."""

from dataclasses import dataclass
from datetime import datetime

from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_denied

from . import vma
from .models import Alert, AlertSource, VmaSource


def may_see(user) -> bool:
    """Those who publish alerts or crisis mode (docs/crisis.md, who may switch it)."""
    return user.has_perm("alerts.publish_alert") or user.has_perm("alerts.publish_crisis")


@dataclass
class SourceState:
    url: str
    polled: bool
    last_success_at: datetime | None
    error: str
    failures: int
    next_attempt_at: datetime | None


@dataclass
class HiddenMessage:
    status: str
    title: str
    received_at: datetime
    edit_url: str


def source_states(urls: list[str]) -> list[SourceState]:
    stored = {source.url: source for source in VmaSource.objects.filter(url__in=urls)}
    states = []
    for url in urls:
        source = stored.get(url)
        states.append(
            SourceState(
                url=url,
                polled=source is not None,
                last_success_at=source.last_success_at if source else None,
                error=vma.describe_error(source.last_error) if source and source.last_error else "",
                failures=source.failures if source else 0,
                next_attempt_at=(
                    source.next_attempt_at
                    if source and source.next_attempt_at and source.next_attempt_at > timezone.now()
                    else None
                ),
            )
        )
    return states


def hidden_messages() -> list[HiddenMessage]:
    """Test and exercise messages (vma.apply keeps them as drafts, title "[Exercise] …")."""
    drafts = Alert.objects.filter(
        source=AlertSource.VMA, live=False, title__startswith="["
    ).order_by("-updated_at")[:50]
    messages = []
    for alert in drafts:
        status, title = vma.hidden_status(alert.title)
        messages.append(
            HiddenMessage(
                status=status,
                title=title,
                received_at=alert.updated_at,
                edit_url=reverse("wagtailsnippets_alerts_alert:edit", args=[alert.pk]),
            )
        )
    return messages


def vma_sources(request):
    if not may_see(request.user):
        return permission_denied(request)
    now = timezone.now()
    title = _("VMA-källor")
    response = TemplateResponse(
        request,
        "alerts/admin/vma_sources.html",
        {
            "page_title": title,
            "header_title": title,
            "header_icon": "warning",
            "breadcrumbs_items": [],
            "sources": source_states(list(vma.conf("SOURCES", []))),
            "municipality_code": vma.conf("MUNICIPALITY_CODE", ""),
            "county_code": vma.conf("COUNTY_CODE", ""),
            "area_name": vma.conf("AREA_NAME", ""),
            "current": Alert.objects.active(now).filter(source=AlertSource.VMA).count(),
            "hidden": hidden_messages(),
            "alerts_url": reverse("wagtailsnippets_alerts_alert:list"),
        },
    )
    response["Cache-Control"] = "no-store, private"
    return response
