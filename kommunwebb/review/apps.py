from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """Who answers for each page ("Sidansvarig") and when it must be reviewed next
    ("Granska senast"): the report, the dashboard panel and the weekly reminder."""

    name = "kommunwebb.review"
    label = "review"
    verbose_name = _("Sidansvar och granskning")

    def ready(self):
        from datetime import time, timedelta

        from wagtail.signals import page_published

        from kommunwebb.operations import schedule
        from kommunwebb.pagecache.invalidation import register_dependency

        from . import ownership
        from .models import PageReview, ResponsibleUnit

        # The public page shows its responsible unit.
        register_dependency(PageReview)
        register_dependency(ResponsibleUnit)
        page_published.connect(ownership.on_publish, dispatch_uid="kommunwebb.review.publish")
        # Looks every morning; sends once a week (digest.py says why).
        schedule.register_job(
            "review.weekly_digest",
            "kommunwebb.review.digest.weekly_digest",
            every=timedelta(days=1),
            at=time(7, 0),
        )
