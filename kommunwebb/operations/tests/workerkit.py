"""What the two-worker test (test_scaling.py) runs in processes of its own, with
worker_settings against the stack's PostgreSQL:

* ``work``: a form page, ``count`` submissions (one delivery each) and ``count`` of the
  site's own e-mails, each send task queued twice (as a sweep racing the first would).
* ``jobs``: every queued recurring run thrown away, so ``manage.py schedule_jobs`` queues
  each job's first run again (two machines starting at once).
* ``status``: JSON of the deliveries, e-mails and recurring runs.
"""

import json
import sys


def work(count: int):
    from django.db import transaction
    from wagtail.models import Locale, Page

    from kommunwebb.forms import tasks as form_tasks
    from kommunwebb.forms.intake import save_submission
    from kommunwebb.forms.models import FormField, FormPage
    from kommunwebb.outbox import tasks as mail_tasks
    from kommunwebb.outbox.mail import queue_email

    Locale.objects.get_or_create(language_code="sv")
    page = FormPage.objects.filter(slug="tva-arbetare").first()
    if page is None:
        page = FormPage(
            title="Två arbetare",
            slug="tva-arbetare",
            privacy_purpose="För att kunna svara dig.",
            privacy_legal_basis="public_task",
            privacy_recipients="Kontaktcenter",
            to_address="kontaktcenter@kommun.example",
        )
        page.form_fields = [FormField(sort_order=0, label="Meddelande", field_type="multiline")]
        Page.get_first_root_node().add_child(instance=page)
        page.save_revision().publish()
    for n in range(count):
        with transaction.atomic():
            submission, _ = save_submission(page, {"meddelande": f"Fråga {n}"})
            for delivery in submission.deliveries.all():
                form_tasks.enqueue(form_tasks.deliver, delivery.pk)
            email = queue_email(
                to=["granskare@kommun.example"],
                subject=f"Påminnelse {n}",
                body="En sida att granska.",
                purpose="review",
            )
            mail_tasks.enqueue(mail_tasks.send_email, email.pk)


def jobs():
    from django_tasks_db.models import DBTaskResult

    from kommunwebb.operations import schedule

    DBTaskResult.objects.filter(
        status="READY", task_path=schedule.run_recurring.module_path
    ).delete()


def status():
    from django_tasks_db.models import DBTaskResult

    from kommunwebb.forms.models import Delivery
    from kommunwebb.operations import schedule
    from kommunwebb.outbox.models import Email

    runs = [
        {
            "id": str(row.pk),
            "job": (row.args_kwargs or {}).get("args", [None])[0],
            "due": row.run_after.isoformat() if row.run_after else None,
            "status": row.status,
            "workers": row.worker_ids,
        }
        for row in DBTaskResult.objects.filter(task_path=schedule.run_recurring.module_path)
    ]
    workers = sorted(
        {w for row in DBTaskResult.objects.exclude(worker_ids=[]) for w in row.worker_ids}
    )
    print(
        json.dumps(
            {
                "deliveries": list(Delivery.objects.values_list("state", flat=True)),
                "emails": list(Email.objects.values_list("state", flat=True)),
                "runs": runs,
                "workers": workers,
                "jobs": [job.name for job in schedule.jobs() if job.at is None],
            }
        )
    )


if __name__ == "__main__":
    import django

    django.setup()
    command = sys.argv[1]
    if command == "work":
        work(int(sys.argv[2]))
    elif command == "jobs":
        jobs()
    elif command == "status":
        status()
    else:
        raise SystemExit(f"unknown command {command}")
