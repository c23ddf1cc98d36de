"""Every link problem on the live site, internal and external, as rows for the report and
each page's edit view."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from kommunwebb.core import dates

from . import internal
from .models import PROBLEM_STATUSES, ExternalLink, LinkUse, LostReference

BROKEN, WARNING = "broken", "warning"


@dataclass
class Problem:
    page: Page
    where: str
    target: str
    problem: str
    severity: str  # BROKEN or WARNING
    kind: str  # "internal" or "external"
    since: datetime | None = None
    checked: datetime | None = None

    @property
    def page_title(self) -> str:
        return self.page.title

    @property
    def severity_label(self) -> str:
        return _("Trasig") if self.severity == BROKEN else _("Bör rättas")

    @property
    def kind_label(self) -> str:
        return _("Intern") if self.kind == "internal" else _("Extern")

    @property
    def since_text(self) -> str:
        return dates.numeric_date(self.since) if self.since else "–"

    @property
    def checked_text(self) -> str:
        return dates.numeric_datetime(self.checked) if self.checked else "–"


def _internal(page_id: int | None) -> list[Problem]:
    found = []
    unpublished = list(internal.references_to_unpublished(page_id))
    targets = Page.objects.in_bulk([int(row.to_object_id) for row in unpublished])
    sources = Page.objects.in_bulk({int(row.object_id) for row in unpublished})
    for row in unpublished:
        target = targets.get(int(row.to_object_id))
        source = sources.get(int(row.object_id))
        if target is None or source is None:
            continue
        found.append(
            Problem(
                page=source,
                where=internal._field(row),
                target=target.title,
                problem=_("Länkar till en sida som inte är publicerad."),
                severity=BROKEN,
                kind="internal",
            )
        )
    lost = LostReference.objects.filter(page__live=True).select_related("page")
    if page_id is not None:
        lost = lost.filter(page_id=page_id)
    for row in lost:
        if row.target == LostReference.Target.PAGE:
            what, problem = _("sida"), _("Länkar till en sida som har tagits bort.")
        else:
            what, problem = _("dokument"), _("Länkar till ett dokument som har tagits bort.")
        found.append(
            Problem(
                page=row.page,
                where=row.field,
                target=row.target_title or f"{what} {row.target_id}",
                problem=problem,
                severity=BROKEN,
                kind="internal",
                since=row.deleted_at,
            )
        )
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    for use in internal.own_site_uses(page_id):
        resolution = internal.resolve_own(use.url, site)
        if resolution.state == "ok":
            continue
        moved = resolution.state == "moved"
        found.append(
            Problem(
                page=use.page,
                where=use.field,
                target=use.url,
                problem=(
                    _("Sidan har flyttats till %(to)s. Byt länken.") % {"to": resolution.to}
                    if moved
                    else _("Adressen finns inte på webbplatsen.")
                ),
                severity=WARNING if moved else BROKEN,
                kind="internal",
            )
        )
    return found


def _external(page_id: int | None) -> list[Problem]:
    uses = (
        LinkUse.objects.filter(page__live=True, link__status__in=PROBLEM_STATUSES)
        .select_related("page", "link")
        .order_by("page__title", "url")
    )
    if page_id is not None:
        uses = uses.filter(page_id=page_id)
    found = []
    for use in uses:
        link = use.link
        reason = link.reason
        if link.status == ExternalLink.Status.REDIRECTED and link.final_url:
            reason = f"{reason} {link.final_url}"
        found.append(
            Problem(
                page=use.page,
                where=use.field,
                target=use.url,
                problem=reason,
                severity=WARNING if link.status == ExternalLink.Status.REDIRECTED else BROKEN,
                kind="external",
                since=link.failing_since,
                checked=link.checked_at,
            )
        )
    return found


def problems(page_id: int | None = None) -> list[Problem]:
    """Broken first, then what should be mended; by page."""
    rows = _internal(page_id) + _external(page_id)
    return sorted(rows, key=lambda row: (row.severity != BROKEN, row.page.title, row.target))
