import factory

from kommunwebb.alerts.models import Alert, AlertLevel, Crisis


class AlertFactory(factory.django.DjangoModelFactory):
    title = "Vattenavstängning i centrum"
    message = "Vattnet är avstängt på Storgatan till klockan 15."
    level = AlertLevel.INFORMATION

    class Meta:
        model = Alert


class CrisisFactory(factory.django.DjangoModelFactory):
    title = "Vattnet i centrala staden är otjänligt"
    happened = "En ledning har gått sönder vid vattenverket."
    what_to_do = "Koka vattnet i tre minuter innan du dricker det.\nRing 112 vid fara."
    help = "Kommunens kundtjänst: 018-727 00 00\nVårdguiden: 1177"

    class Meta:
        model = Crisis
