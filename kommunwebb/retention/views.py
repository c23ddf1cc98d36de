"""The admin page listing every kind of personal data, its retention period and last purge."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from kommunwebb.gdpr.permissions import admin_context, handles_personal_data
from kommunwebb.operations import schedule

from . import engine, registry
from .models import PurgeRun

PURGE_JOB = "retention.purge_expired"


@handles_personal_data
def overview(request):
    last = engine.last_runs()
    rows = [
        {
            "kind": kind,
            "days": round(kind.period.total_seconds() / 86400),
            "last": last.get(kind.kind),
        }
        for kind in registry.kinds()
    ]
    return TemplateResponse(
        request,
        "retention/overview.html",
        admin_context(
            request,
            _("Gallring"),
            rows=rows,
            next_run=schedule.next_run_at(PURGE_JOB),
            recent=PurgeRun.objects.all()[:30],
        ),
    )
