from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """E-mail the site sends on its own (reminders to editors), queued in the database and
    delivered by the task worker with the state machine the form deliveries use."""

    name = "kommunwebb.outbox"
    label = "outbox"
    verbose_name = _("Utgående e-post")

    def ready(self):
        from . import registration

        registration.register_all()
