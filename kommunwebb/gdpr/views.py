"""Admin views under "Dataskydd": visitors' rights (search, export art. 15/20, erase
art. 17) and the retention overview ("Gallring").

The rights tools are POST with a CSRF token: the e-mail address or phone number searched
for never appears in a URL, a browser history or an access log.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kommunwebb.operations import schedule
from kommunwebb.retention import engine, registry
from kommunwebb.retention.models import PurgeRun

from . import rights
from .forms import ConfirmEraseForm, PersonQueryForm
from .models import RightsRequestAudit
from .permissions import admin_context as _context
from .permissions import handles_personal_data


def _source_failed(request, failure, form=None):
    return TemplateResponse(
        request,
        "gdpr/search.html",
        _context(
            request,
            _("Personuppgifter"),
            form=form or PersonQueryForm(),
            failed_kind=failure.kind,
            audits=_recent_audits(),
        ),
        status=503,
    )


def _recent_audits():
    return RightsRequestAudit.objects.all()[:20]


@handles_personal_data
def search(request):
    """Find everything stored about a person; offers export and erase."""
    if request.method != "POST":
        return TemplateResponse(
            request,
            "gdpr/search.html",
            _context(
                request, _("Personuppgifter"), form=PersonQueryForm(), audits=_recent_audits()
            ),
        )
    form = PersonQueryForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "gdpr/search.html",
            _context(request, _("Personuppgifter"), form=form, audits=_recent_audits()),
            status=400,
        )
    query = form.cleaned_data["query"]
    try:
        results = rights.find_all(query)
    except rights.SourceFailed as failure:
        return _source_failed(request, failure, form)
    return TemplateResponse(
        request,
        "gdpr/search.html",
        _context(
            request,
            _("Personuppgifter"),
            form=form,
            query=query,
            query_type=rights.query_type(query),
            results=results,
            total=rights.total(results),
            searched=True,
            audits=_recent_audits(),
        ),
    )


@require_POST
@handles_personal_data
def export(request, fmt):
    form = PersonQueryForm(request.POST)
    if not form.is_valid():
        return _invalid(request, form)
    query = form.cleaned_data["query"]
    try:
        results = rights.find_all(query)
    except rights.SourceFailed as failure:
        return _source_failed(request, failure, form)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    if fmt == "json":
        body, content_type, action = (
            rights.export_json(results, query),
            "application/json; charset=utf-8",
            RightsRequestAudit.Action.EXPORT_JSON,
        )
    else:
        # A byte order mark lets spreadsheet programs read the UTF-8 (å, ä, ö) correctly.
        body, content_type, action = (
            "\ufeff" + rights.export_csv(results),
            "text/csv; charset=utf-8",
            RightsRequestAudit.Action.EXPORT_CSV,
        )
    rights.audit(request.user, action, rights.counts(results))
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="personuppgifter-{stamp}.{fmt}"'
    return response


def _invalid(request, form):
    return TemplateResponse(
        request,
        "gdpr/search.html",
        _context(request, _("Personuppgifter"), form=form, audits=_recent_audits()),
        status=400,
    )


@require_POST
@handles_personal_data
def erase(request):
    """First POST: a confirmation page. Second POST (confirm=1): erase, audit, redirect."""
    confirming = request.POST.get("confirm") == "1"
    form = (ConfirmEraseForm if confirming else PersonQueryForm)(request.POST)
    if not form.is_valid():
        return _invalid(request, PersonQueryForm(request.POST) if confirming else form)
    query = form.cleaned_data["query"]
    try:
        results = rights.find_all(query)
    except rights.SourceFailed as failure:
        return _source_failed(request, failure, PersonQueryForm(initial={"query": query}))
    found = [f for f in results if f.items]
    fingerprint = rights.fingerprint(results)
    if not found:
        messages.info(request, _("Det finns inget lagrat att radera för sökningen."))
        return redirect("gdpr:search")
    changed = confirming and form.cleaned_data["fingerprint"] != fingerprint
    if not confirming or changed:
        return TemplateResponse(
            request,
            "gdpr/confirm_erase.html",
            _context(
                request,
                _("Radera personuppgifter"),
                query=query,
                found=found,
                total=rights.total(results),
                fingerprint=fingerprint,
                changed=changed,
            ),
            status=409 if changed else 200,
        )
    try:
        with transaction.atomic():
            erased = rights.erase_all(results)
            rights.audit(request.user, RightsRequestAudit.Action.ERASE, erased)
    except rights.SourceFailed as failure:
        return _source_failed(request, failure, PersonQueryForm(initial={"query": query}))
    messages.success(
        request,
        _("%(count)s poster raderades. Raderingen är registrerad i loggen.")
        % {"count": sum(erased.values())},
    )
    return redirect("gdpr:search")


PURGE_JOB = "retention.purge_expired"


@handles_personal_data
def retention_overview(request):
    """Every kind of personal data, its retention period, its last purge and the next."""
    last = engine.last_runs()
    labels = {kind.kind: kind.label for kind in registry.kinds()}
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
        "gdpr/retention_overview.html",
        _context(
            request,
            _("Gallring"),
            rows=rows,
            next_run=schedule.next_run_at(PURGE_JOB),
            recent=[
                {"run": run, "label": labels.get(run.kind, run.kind)}
                for run in PurgeRun.objects.all()[:30]
            ],
        ),
    )
