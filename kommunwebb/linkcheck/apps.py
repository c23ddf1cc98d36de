from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkcheckConfig(AppConfig):
    """Broken links: internal ones found at once through Wagtail's reference index,
    external ones checked by the task worker, politely."""

    name = "kommunwebb.linkcheck"
    label = "linkcheck"
    verbose_name = _("Länkkontroll")

    def ready(self):
        from datetime import time, timedelta

        from django.db.models.signals import pre_delete
        from wagtail.documents import get_document_model
        from wagtail.models import Page
        from wagtail.signals import page_published

        from kommunwebb.operations import schedule

        from . import internal, scanning

        page_published.connect(scanning.on_publish, dispatch_uid="kommunwebb.linkcheck.publish")
        # Only pages and documents: a receiver for every model would stop Django's fast
        # deletes everywhere (the retention purge's batches among them).
        for model in (Page, get_document_model()):
            pre_delete.connect(
                internal.before_delete,
                sender=model,
                dispatch_uid=f"kommunwebb.linkcheck.delete.{model._meta.label_lower}",
            )
        schedule.register_job(
            "linkcheck.check_external",
            "kommunwebb.linkcheck.checking.check_due",
            every=timedelta(minutes=5),
        )
        schedule.register_job(
            "linkcheck.rescan",
            "kommunwebb.linkcheck.scanning.rescan_all",
            every=timedelta(days=1),
            at=time(4, 15),
        )
