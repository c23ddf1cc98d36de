"""Saving a submission: the submission, its deliveries and their tasks in one transaction.

If the process dies before the commit nothing is saved (and the visitor got no receipt);
after it, the worker finds the queued tasks and delivers. There is no moment at which a
submission exists that nothing will deliver.

``page`` is always a ``FormPage``. The page model serves the form through ``views``, which
calls this module, so it sits above this module and is not imported here.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import tasks
from .builder import phone_for_lookup
from .delivery import create_deliveries
from .reference import new_reference
from .submissions import FormSubmission

_REFERENCE_TRIES = 8


def contact_details(page, cleaned_data: dict) -> tuple[str, str]:
    """The first e-mail address and phone number given, normalised for lookups."""
    email = phone = ""
    for field in page.get_form_fields():
        value = cleaned_data.get(field.clean_name)
        if not value or not isinstance(value, str):
            continue
        if field.field_type == "email" and not email:
            email = value.strip().lower()
        elif field.field_type == "phone" and not phone:
            phone = phone_for_lookup(value)
    return email, phone


def save_submission(
    page, cleaned_data: dict, nonce: str | None = None
) -> tuple[FormSubmission, bool]:
    """Store a submission and queue its deliveries; (submission, created).

    The same ``nonce`` (one per form shown) returns the submission already stored.
    """
    email, phone = contact_details(page, cleaned_data)
    # Stored as JSON the way Wagtail stores it: dates as ISO strings, decimals as text.
    form_data = DjangoJSONEncoder().encode(cleaned_data)
    for _attempt in range(_REFERENCE_TRIES):
        if nonce and (existing := FormSubmission.objects.filter(nonce=nonce).first()):
            return existing, False
        now = timezone.now()
        try:
            with transaction.atomic():
                submission = FormSubmission.objects.create(
                    page=page,
                    form_data=json.loads(form_data),
                    reference=new_reference(timezone.localtime(now).year),
                    email=email,
                    phone=phone,
                    nonce=nonce or None,
                )
                tasks.queue_deliveries(create_deliveries(submission, page))
            return submission, True
        except IntegrityError:
            # A reused nonce (a concurrent double submit) or, rarely, a reference drawn
            # twice: everything above was rolled back; look again or draw again.
            continue
    raise IntegrityError("could not store the submission under a unique reference")
