"""The site's own e-mail: queued with its task in one transaction, sent by the worker with
the delivery state machine the form deliveries use, kept a month, found by the rights tools."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from kommunwebb.gdpr.sources import get_source
from kommunwebb.outbox import tasks
from kommunwebb.outbox.mail import queue_email
from kommunwebb.outbox.models import Email
from kommunwebb.retention.registry import get_kind

pytestmark = pytest.mark.django_db


def queue(**overrides):
    return queue_email(
        **{
            "to": ["anna.berg@sundhamn.example"],
            "subject": "Sidor att granska",
            "body": "Två sidor ska granskas.",
            "purpose": "review.digest",
            **overrides,
        }
    )


def test_a_queued_email_is_sent_once_with_its_message_id():
    email = queue()
    email.refresh_from_db()
    assert email.state == Email.State.DELIVERED
    assert email.attempts == 1
    (message,) = mail.outbox
    assert message.to == ["anna.berg@sundhamn.example"]
    assert message.subject == "Sidor att granska"
    assert message.extra_headers["Message-ID"] == f"<{email.idempotency_key}@kommunwebb.invalid>"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    # Delivered is final: another attempt sends nothing.
    assert tasks.attempt(email.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_the_email_and_its_task_are_one_transaction():
    from django_tasks_db.models import DBTaskResult

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        with pytest.raises(RuntimeError), transaction.atomic():
            queue()
            raise RuntimeError("the change that asked for the e-mail failed")
        assert not Email.objects.exists()
        assert not DBTaskResult.objects.exists()
        email = queue()
        (queued,) = DBTaskResult.objects.all()
        assert queued.task_path == "kommunwebb.outbox.tasks.send_email"
        assert queued.args_kwargs["args"] == [email.pk]
    assert mail.outbox == []


def test_a_temporary_error_is_retried_and_a_permanent_one_fails(monkeypatch):
    def down(message, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("the relay went away")

    monkeypatch.setattr(EmailMessage, "send", down)
    email = queue()
    email.refresh_from_db()
    assert (email.state, email.attempts) == (Email.State.RETRYING, 1)
    assert "went away" in email.last_error
    assert email.next_attempt_at > timezone.now()

    def refused(message, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({"x@sundhamn.example": (550, b"no such user")})

    monkeypatch.setattr(EmailMessage, "send", refused)
    Email.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert tasks.attempt(email.pk) == "failed"
    email.refresh_from_db()
    assert email.state == Email.State.FAILED
    assert "recipients refused" in email.last_error


def test_an_email_without_recipients_fails_at_once():
    email = queue(to=[])
    email.refresh_from_db()
    assert email.state == Email.State.FAILED
    assert mail.outbox == []


def test_the_sweep_requeues_what_was_lost(monkeypatch):
    monkeypatch.setattr(tasks, "enqueue", lambda *args, **kwargs: None)  # the task is lost
    email = queue()
    monkeypatch.undo()
    assert Email.objects.get(pk=email.pk).state == Email.State.PENDING
    assert tasks.sweep() == 0  # not overdue yet
    assert tasks.sweep(timezone.now() + timedelta(minutes=10)) == 1
    assert Email.objects.get(pk=email.pk).state == Email.State.DELIVERED


def test_kept_a_month_then_purged():
    kind = get_kind("outbox.emails")
    assert kind.period == timedelta(days=30)
    old = queue()
    Email.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    new = queue()
    cutoff = timezone.now() - kind.period
    assert kind.count_function(cutoff) == 1
    purged = kind.purge_function(cutoff, 100)
    assert sum(purged) == 1
    assert list(Email.objects.values_list("pk", flat=True)) == [new.pk]


def test_the_rights_tools_find_and_erase_by_address():
    queue(to=["anna.berg@sundhamn.example", "webb@sundhamn.example"])
    queue(to=["bertil@sundhamn.example"])
    queue(to=["xanna.berg@sundhamn.example"])
    source = get_source("outbox.emails")
    found = source.find("Anna.Berg@sundhamn.example")
    assert [item["recipients"] for item in found] == [
        "anna.berg@sundhamn.example, webb@sundhamn.example"
    ]
    assert source.find("070-123 45 67") == []
    assert source.erase(found) == 1
    assert Email.objects.count() == 2
