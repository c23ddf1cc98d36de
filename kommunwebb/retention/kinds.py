"""The kinds of personal data the platform itself holds outside the feature apps.

Feature apps register their own kinds (form submissions, delivery records, consent
records, analytics events, search queries) from their ``AppConfig.ready()``.
"""

from datetime import timedelta

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kommunwebb.operations import logs

from . import registry
from .purging import count_queryset, purge_queryset

SIX_MONTHS = timedelta(days=183)


def _log_dir():
    return getattr(settings, "LOG_DIR", None)


def purge_logs(cutoff, batch_size):
    directory = _log_dir()
    return logs.purge_log_files(directory, cutoff, batch_size) if directory else 0


def count_logs(cutoff):
    directory = _log_dir()
    return len(logs.expired_log_files(directory, cutoff)) if directory else 0


def _sessions(cutoff):
    from django.contrib.sessions.models import Session

    return Session.objects.filter(expire_date__lt=cutoff)


def _task_results(cutoff):
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff)


def register_builtin_kinds():
    registry.register(
        "logs.application",
        label=_("Loggfiler"),
        period=SIX_MONTHS,
        purge=purge_logs,
        count=count_logs,
        describe=_(
            "Webbserverns och applikationens loggfiler, en fil per dag. De innehåller "
            "varken IP-adresser eller webbläsarsträngar och behövs för att hålla "
            "webbplatsen i drift."
        ),
    )
    registry.register(
        "auth.sessions",
        label=_("Inloggningssessioner"),
        period=timedelta(0),
        purge=lambda cutoff, batch_size: purge_queryset(_sessions(cutoff), batch_size),
        count=lambda cutoff: count_queryset(_sessions(cutoff)),
        describe=_(
            "Sessioner för redaktörer som loggat in i redigeringsverktyget. Perioden "
            "räknas från att sessionen gått ut. Besökare får ingen session."
        ),
    )
    registry.register(
        "tasks.results",
        label=_("Avslutade bakgrundsjobb"),
        period=timedelta(days=30),
        purge=lambda cutoff, batch_size: purge_queryset(_task_results(cutoff), batch_size),
        count=lambda cutoff: count_queryset(_task_results(cutoff)),
        describe=_(
            "Resultat av avslutade bakgrundsjobb, som leveranser av formulärsvar. Felmeddelanden "
            "kan citera uppgifter, så de sparas en kort tid efter att jobbet avslutats. "
            "Köade jobb raderas aldrig."
        ),
    )
