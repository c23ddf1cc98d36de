"""What the forms keep about people, for how long, and how the rights tools find it.

Registered from ``AppConfig.ready()`` with the retention registry (contract C4), the rights
tools' sources (contract C4b) and the recurring-job scheduler:

* ``cityforms.submissions`` – form submissions. Each form page sets its own period in
  months (6 by default); a submission is deleted when its form's period has passed since
  it was sent, to the second.
* ``cityforms.deliveries`` – delivery records (reference, destination, state, times), kept
  six months from creation so the city can answer "did my form arrive?".
* ``cityforms.outbox`` – only when the local file outbox is the e-mail backend (demo, tests).

Rights tools: both tables can be searched by e-mail address, phone number or reference.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .privacy import DEFAULT_RETENTION, months_before

OUTBOX_BACKEND = "kommunwebb.forms.outbox.FileOutboxBackend"
SWEEP_EVERY = timedelta(minutes=5)


def register_all():
    from kommunwebb.gdpr.sources import register_source
    from kommunwebb.operations import schedule
    from kommunwebb.retention import registry

    registry.register(
        "cityforms.submissions",
        label=_("Formulärsvar"),
        period=DEFAULT_RETENTION,
        purge=purge_submissions,
        count=count_submissions,
        describe=_(
            "Det besökare skickat i formulär. Varje formulär anger sin egen lagringstid i "
            "sin integritetstext (sex månader om inget annat anges); svaret raderas när den "
            "tiden gått ut."
        ),
    )
    registry.register(
        "cityforms.deliveries",
        label=_("Leveransposter för formulär"),
        period=DEFAULT_RETENTION,
        purge=purge_deliveries,
        count=lambda cutoff: _deliveries(cutoff).count(),
        describe=_(
            "Vart och när varje formulärsvar skickades, med referensnummer men utan innehåll. "
            "Sparas sex månader så att kommunen kan svara på om ett ärende kom fram."
        ),
    )
    if getattr(settings, "EMAIL_BACKEND", "") == OUTBOX_BACKEND:
        registry.register(
            "cityforms.outbox",
            label=_("Lokal e-postkorg"),
            period=DEFAULT_RETENTION,
            purge=purge_outbox,
            count=lambda cutoff: len(_expired_outbox_files(cutoff)),
            describe=_(
                "E-post som demoinstallationen skrivit till filer i stället för att skicka."
            ),
        )
    register_source(
        "cityforms.submissions",
        label=_("Formulärsvar"),
        find=find_submissions,
        erase=erase_submissions,
    )
    register_source(
        "cityforms.deliveries",
        label=_("Leveransposter för formulär"),
        find=find_deliveries,
        erase=erase_deliveries,
    )
    schedule.register_job(
        "cityforms.sweep_deliveries",
        "kommunwebb.forms.tasks.sweep",
        every=SWEEP_EVERY,
    )


# --- Purging ---------------------------------------------------------------------------


def _expired_submissions():
    """(page, queryset) for each form page, with the page's own period applied."""
    from kommunwebb.retention.registry import now

    from .models import FormPage, FormSubmission

    moment = now()
    for page in FormPage.objects.only("pk", "retention_months"):
        cutoff = months_before(moment, page.retention_months)
        yield FormSubmission.objects.filter(page_id=page.pk, submit_time__lt=cutoff)


def purge_submissions(cutoff, batch_size):
    """Ignores the registry's cutoff: every form has its own period."""
    from kommunwebb.retention.purging import purge_queryset

    for queryset in _expired_submissions():
        yield from purge_queryset(queryset, batch_size)


def count_submissions(cutoff):
    return sum(queryset.count() for queryset in _expired_submissions())


def _deliveries(cutoff):
    from .models import Delivery

    return Delivery.objects.filter(created_at__lt=cutoff)


def purge_deliveries(cutoff, batch_size):
    from kommunwebb.retention.purging import purge_queryset

    return purge_queryset(_deliveries(cutoff), batch_size)


def _expired_outbox_files(cutoff):
    from .outbox import outbox_dir

    directory = outbox_dir()
    if not directory.is_dir():
        return []
    limit = cutoff.timestamp()
    return [path for path in directory.glob("*.eml") if path.stat().st_mtime < limit]


def purge_outbox(cutoff, batch_size):
    files = _expired_outbox_files(cutoff)
    for start in range(0, len(files), batch_size):
        batch = files[start : start + batch_size]
        for path in batch:
            path.unlink(missing_ok=True)
        yield len(batch)


# --- Rights tools ----------------------------------------------------------------------


def _matching_submissions(query: str):
    from .builder import phone_for_lookup
    from .models import FormSubmission
    from .reference import normalise_reference

    query = query.strip()
    if not query:
        return FormSubmission.objects.none()
    if reference := normalise_reference(query):
        return FormSubmission.objects.filter(reference=reference)
    if "@" in query:
        return FormSubmission.objects.filter(email=query.lower())
    try:
        return FormSubmission.objects.filter(phone=phone_for_lookup(query))
    except ValueError:
        return FormSubmission.objects.none()


def find_submissions(query: str) -> list[dict]:
    from .transports import submission_fields

    items = []
    for submission in _matching_submissions(query).select_related("page"):
        page = submission.page.specific
        item = {
            "kind": "cityforms.submissions",
            "id": submission.pk,
            "created_at": timezone.localtime(submission.submit_time).isoformat(),
            "reference": submission.reference,
            "form": page.title,
            "email": submission.email,
            "phone": submission.phone,
        }
        for field in submission_fields(submission, page):
            item[f"fält: {field['label']}"] = field["value"]
        items.append(item)
    return items


def erase_submissions(items: list[dict]) -> int:
    from .models import FormSubmission

    ids = [item["id"] for item in items if item.get("kind") == "cityforms.submissions"]
    _total, per_model = FormSubmission.objects.filter(pk__in=ids).delete()
    return per_model.get(FormSubmission._meta.label, 0)


def find_deliveries(query: str) -> list[dict]:
    from .models import Delivery
    from .reference import normalise_reference

    reference = normalise_reference(query.strip())
    if reference:
        references = [reference]
    else:
        references = list(_matching_submissions(query).values_list("reference", flat=True))
    return [
        {
            "kind": "cityforms.deliveries",
            "id": delivery.pk,
            "created_at": timezone.localtime(delivery.created_at).isoformat(),
            "reference": delivery.reference,
            "channel": delivery.channel,
            "target": delivery.target,
            "state": delivery.state,
            "attempts": delivery.attempts,
            "delivered_at": (
                timezone.localtime(delivery.delivered_at).isoformat()
                if delivery.delivered_at
                else ""
            ),
        }
        for delivery in Delivery.objects.filter(reference__in=references)
    ]


def erase_deliveries(items: list[dict]) -> int:
    from .models import Delivery

    ids = [item["id"] for item in items if item.get("kind") == "cityforms.deliveries"]
    _total, per_model = Delivery.objects.filter(pk__in=ids).delete()
    return per_model.get(Delivery._meta.label, 0)
