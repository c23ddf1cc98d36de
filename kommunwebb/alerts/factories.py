import factory

from kommunwebb.alerts.models import Alert, AlertLevel


class AlertFactory(factory.django.DjangoModelFactory):
    title = "Vattenavstängning i centrum"
    message = "Vattnet är avstängt på Storgatan till klockan 15."
    level = AlertLevel.INFORMATION

    class Meta:
        model = Alert
