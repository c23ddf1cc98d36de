"""Background tasks (django-tasks, database backend) that move deliveries along.

All run on the ``default`` queue, which the embedded profile's worker serves
(``manage.py db_worker --queue-name "*"``). Deliveries outrank other work.
"""

from django.conf import settings
from django.utils import translation
from django_tasks import task

from . import delivery

DELIVERY_PRIORITY = 50


@task(priority=DELIVERY_PRIORITY)
def deliver(delivery_id: int) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return delivery.attempt(delivery_id)


@task(priority=DELIVERY_PRIORITY)
def watch_delivery(delivery_id: int) -> str:
    return delivery.rescue(delivery_id)


@task(priority=DELIVERY_PRIORITY)
def sweep_deliveries() -> int:
    return delivery.sweep()
