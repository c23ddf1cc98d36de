from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    """E-mail subscriptions: residents follow alerts (a level and up) and news by topic, with
    double opt-in, one-click unsubscribe and delivery through the outbox (docs/subscriptions.md)."""

    name = "kommunwebb.subscriptions"
    label = "subscriptions"
    verbose_name = _("Prenumerationer")

    def ready(self):
        from . import registration, signals

        registration.register_all()
        signals.connect()
