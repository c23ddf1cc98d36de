"""The delivery state machine in one process, with the database task backend: what is
queued in which transaction, retries, back-off, leases, the watchdog and the sweep.
(test_crash.py kills real processes.)"""

import hashlib
import hmac
import json
import smtplib
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.db import IntegrityError
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kommunwebb.forms import intake, tasks, transports
from kommunwebb.forms.delivery import backoff
from kommunwebb.forms.models import Delivery, FormSubmission

from .conftest import VALID, build_form_page, publish_under

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("db_tasks")]

State = Delivery.State


def queued(task_name: str, delivery_id=None):
    rows = DBTaskResult.objects.filter(
        task_path=f"kommunwebb.forms.tasks.{task_name}", status="READY"
    )
    return [r for r in rows if delivery_id is None or r.args_kwargs["args"] == [delivery_id]]


def submit(page, **changes):
    submission, created = intake.save_submission(page, {**VALID, **changes})
    assert created
    return submission


@pytest.fixture
def email_delivery(form_page):
    submission = submit(form_page)
    return submission.deliveries.get()


def test_submission_deliveries_and_tasks_are_saved_together(form_page):
    submission = submit(form_page)
    (delivery,) = submission.deliveries.all()
    assert delivery.state == State.PENDING
    assert delivery.reference == submission.reference
    assert len(queued("deliver", delivery.pk)) == 1
    assert mail.outbox == []  # nothing is sent in the web request


def test_a_failure_while_saving_leaves_nothing_half_saved(form_page, monkeypatch):
    def broken_enqueue(task, *args, **kwargs):
        raise IntegrityError("the disk is full")

    monkeypatch.setattr(tasks, "enqueue", broken_enqueue)
    with pytest.raises(IntegrityError):
        intake.save_submission(form_page, VALID)
    assert not FormSubmission.objects.exists()
    assert not Delivery.objects.exists()
    assert not queued("deliver")


def test_delivered_once_and_never_again(email_delivery):
    assert tasks.attempt(email_delivery.pk) == "delivered"
    assert tasks.attempt(email_delivery.pk) == "skipped"
    email_delivery.refresh_from_db()
    assert email_delivery.state == State.DELIVERED
    assert email_delivery.attempts == 1
    assert email_delivery.delivered_at is not None
    (message,) = mail.outbox
    assert message.extra_headers["Message-ID"] == transports.message_id(email_delivery)
    assert str(email_delivery.idempotency_key) in message.extra_headers["Message-ID"]
    body = message.body
    assert "Meddelande:\nNär töms soptunnorna på Storgatan?" in body
    assert f"Referensnummer: {email_delivery.reference}" in body


def test_claiming_queues_a_watchdog_for_when_the_lease_runs_out(email_delivery):
    lease = tasks.claim(email_delivery.pk)
    assert lease
    email_delivery.refresh_from_db()
    (watchdog,) = queued("watch_delivery", email_delivery.pk)
    assert watchdog.run_after == email_delivery.lease_until + timedelta(seconds=1)


def test_backoff_doubles_and_is_capped():
    assert [backoff(n, jitter=0).total_seconds() for n in (1, 2, 3, 4)] == [
        60,
        120,
        240,
        480,
    ]
    assert backoff(30, jitter=0) == timedelta(hours=6)
    assert timedelta(seconds=60) <= backoff(1) <= timedelta(seconds=75)


def test_temporary_failure_is_retried_later_with_backoff(email_delivery, monkeypatch):
    def down(delivery):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(transports, "send_email", down)
    before = timezone.now()
    assert tasks.attempt(email_delivery.pk) == "retrying"
    email_delivery.refresh_from_db()
    assert email_delivery.state == State.RETRYING
    assert email_delivery.attempts == 1
    assert "ConnectionRefusedError" in email_delivery.last_error
    wait = email_delivery.next_attempt_at - before
    assert timedelta(seconds=59) < wait < timedelta(seconds=76)
    deferred = [
        r.run_after for r in queued("deliver", email_delivery.pk) if r.run_after.year < 9999
    ]
    assert deferred == [email_delivery.next_attempt_at]

    monkeypatch.undo()
    assert tasks.attempt(email_delivery.pk) == "skipped"  # not due yet
    with time_machine.travel(email_delivery.next_attempt_at + timedelta(seconds=1)):
        assert tasks.attempt(email_delivery.pk) == "delivered"
    assert len(mail.outbox) == 1


def test_permanent_refusal_fails_at_once(email_delivery, monkeypatch):
    def refused(delivery):
        raise transports.PermanentDeliveryError("recipients refused")

    monkeypatch.setattr(transports, "send_email", refused)
    assert tasks.attempt(email_delivery.pk) == "failed"
    email_delivery.refresh_from_db()
    assert email_delivery.state == State.FAILED


def test_smtp_5xx_is_permanent_4xx_is_not(email_delivery, monkeypatch):
    class Connection:
        def __init__(self, code):
            self.code = code

        def send_messages(self, messages):
            raise smtplib.SMTPDataError(self.code, b"no")

    monkeypatch.setattr(
        "django.core.mail.message.EmailMessage.get_connection",
        lambda self, fail_silently=False: Connection(451),
    )
    assert tasks.attempt(email_delivery.pk) == "retrying"
    monkeypatch.setattr(
        "django.core.mail.message.EmailMessage.get_connection",
        lambda self, fail_silently=False: Connection(554),
    )
    Delivery.objects.filter(pk=email_delivery.pk).update(next_attempt_at=timezone.now())
    assert tasks.attempt(email_delivery.pk) == "failed"


@override_settings(CITYFORMS_MAX_ATTEMPTS=2)
def test_gives_up_after_the_last_attempt(email_delivery, monkeypatch):
    monkeypatch.setattr(transports, "send_email", lambda d: 1 / 0)
    assert tasks.attempt(email_delivery.pk) == "retrying"
    Delivery.objects.filter(pk=email_delivery.pk).update(next_attempt_at=timezone.now())
    assert tasks.attempt(email_delivery.pk) == "failed"


def test_a_worker_dying_mid_send_is_rescued_after_the_lease(email_delivery):
    # The worker claims the delivery and dies before sending: nothing records an outcome.
    assert tasks.claim(email_delivery.pk)
    assert tasks.rescue(email_delivery.pk) == "waiting"  # the lease still runs
    email_delivery.refresh_from_db()
    with time_machine.travel(email_delivery.lease_until + timedelta(seconds=1)):
        assert tasks.rescue(email_delivery.pk) == "requeued"
        assert queued("deliver", email_delivery.pk)
        assert tasks.attempt(email_delivery.pk) == "delivered"
    email_delivery.refresh_from_db()
    assert email_delivery.attempts == 2
    assert len(mail.outbox) == 1


def test_an_outcome_after_the_lease_was_taken_over_is_not_recorded(email_delivery):
    stale = tasks.claim(email_delivery.pk)
    email_delivery.refresh_from_db()
    with time_machine.travel(email_delivery.lease_until + timedelta(seconds=1)):
        fresh = tasks.claim(email_delivery.pk)
        assert fresh and fresh != stale
        assert tasks.finish(email_delivery.pk, stale.token) == "lease-lost"
        email_delivery.refresh_from_db()
        assert email_delivery.state == State.SENDING
        assert tasks.finish(email_delivery.pk, fresh.token) == "delivered"


def test_sweep_requeues_deliveries_whose_task_was_lost(email_delivery):
    DBTaskResult.objects.all().delete()  # e.g. a restored backup without the task table
    assert tasks.sweep() == 0  # not overdue yet
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert tasks.sweep() == 1
    assert queued("deliver", email_delivery.pk)


def test_a_delivery_whose_submission_was_erased_fails_quietly(email_delivery):
    FormSubmission.objects.all().delete()
    assert tasks.attempt(email_delivery.pk) == "skipped"
    email_delivery.refresh_from_db()
    assert email_delivery.state == State.FAILED
    assert mail.outbox == []


# --- Editors ---------------------------------------------------------------------------


def make_editor(username, *, can_retry):
    """An editor given the submissions of every form (an explicit grant, forms/access.py)."""
    from django.contrib.auth.models import Group
    from wagtail.models import Page

    from kommunwebb.forms.access import SubmissionAccess

    user = User.objects.create_user(username, password="x" * 12)  # noqa: S106
    group, _ = Group.objects.get_or_create(name="Formulärsvar: hela webbplatsen")
    SubmissionAccess.objects.get_or_create(group=group, page=Page.objects.get(depth=1))
    user.groups.add(Group.objects.get(name="Webbredaktör"), group)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if can_retry:
        user.user_permissions.add(Permission.objects.get(codename="retry_delivery"))
    return user


def failed_delivery(page):
    delivery = submit(page).deliveries.get()
    Delivery.objects.filter(pk=delivery.pk).update(
        state=State.FAILED, attempts=10, last_error="ConnectionRefusedError"
    )
    return delivery


def test_editors_see_delivery_states(form_page, client):
    failed = failed_delivery(form_page)
    client.force_login(make_editor("anna", can_retry=False))
    response = client.get("/admin/formular/leveranser/")
    assert response.status_code == 200
    html = response.content.decode()
    assert failed.reference in html and "Misslyckades" in html
    assert "Försök igen" not in html  # no permission, no button
    only_failed = client.get("/admin/formular/leveranser/?status=failed").content.decode()
    assert failed.reference in only_failed


def test_submission_listing_shows_reference_and_delivery_state(form_page, admin_client):
    submission = submit(form_page)
    response = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/")
    html = response.content.decode()
    assert submission.reference in html and "Väntar" in html


def test_retry_needs_the_permission_and_a_post(form_page, client):
    delivery = failed_delivery(form_page)
    url = f"/admin/formular/leveranser/{delivery.pk}/skicka-om/"
    client.force_login(make_editor("bo", can_retry=False))
    assert client.post(url).status_code == 403
    client.force_login(make_editor("cilla", can_retry=True))
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (State.RETRYING, 0)
    assert queued("deliver", delivery.pk)
    assert tasks.attempt(delivery.pk) == "delivered"


def test_retry_requires_the_csrf_token(form_page):
    from django.test import Client

    delivery = failed_delivery(form_page)
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_editor("dan", can_retry=True))
    response = client.post(f"/admin/formular/leveranser/{delivery.pk}/skicka-om/")
    assert response.status_code == 403
    delivery.refresh_from_db()
    assert delivery.state == State.FAILED


# --- Webhook ---------------------------------------------------------------------------


class CaseSystem(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        CaseSystem.received.append((dict(self.headers), body))
        self.send_response(CaseSystem.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def case_system():
    CaseSystem.received = []
    CaseSystem.status = 200
    server = HTTPServer(("127.0.0.1", 0), CaseSystem)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/arenden"
    server.shutdown()


SECRET = "test-webhook-secret"  # noqa: S105


@override_settings(CITYFORMS_WEBHOOK_SECRET=SECRET, CITYFORMS_WEBHOOK_REQUIRE_HTTPS=False)
def test_webhook_is_signed_and_carries_the_idempotency_key(home, case_system):
    page = publish_under(home, build_form_page(to_address="", webhook_url=case_system))
    delivery = submit(page).deliveries.get()
    assert delivery.channel == Delivery.Channel.WEBHOOK
    assert tasks.attempt(delivery.pk) == "delivered"
    ((headers, body),) = CaseSystem.received
    assert headers["Idempotency-Key"] == str(delivery.idempotency_key)
    timestamp, signature = (
        part.split("=", 1)[1] for part in headers["X-Kommunwebb-Signature"].split(",")
    )
    expected = hmac.new(SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert hmac.compare_digest(signature, expected.hexdigest())
    payload = json.loads(body)
    assert payload["reference"] == delivery.reference
    assert {"name": "namn", "label": "Namn", "type": "singleline", "value": "Anna Andersson"} in (
        payload["fields"]
    )


@pytest.mark.parametrize(
    ("status", "outcome"), [(503, "retrying"), (429, "retrying"), (400, "failed")]
)
@override_settings(CITYFORMS_WEBHOOK_SECRET=SECRET, CITYFORMS_WEBHOOK_REQUIRE_HTTPS=False)
def test_webhook_errors(home, case_system, status, outcome):
    CaseSystem.status = status
    page = publish_under(home, build_form_page(to_address="", webhook_url=case_system))
    delivery = submit(page).deliveries.get()
    assert tasks.attempt(delivery.pk) == outcome


def test_the_sweep_runs_on_the_workers_schedule_and_by_command(email_delivery):
    from io import StringIO

    from django.core.management import call_command

    from kommunwebb.operations import schedule

    job = schedule.get_job("cityforms.sweep_deliveries")
    assert job.every == timedelta(minutes=5)
    out = StringIO()
    call_command("sweep_deliveries", stdout=out)
    assert "Queued 0 overdue deliveries." in out.getvalue()
