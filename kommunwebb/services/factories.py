import factory
import wagtail_factories

from .models import EService, ServiceAreaPage, ServicePage


class EServiceFactory(factory.django.DjangoModelFactory):
    """A published e-service on another site that needs BankID."""

    class Meta:
        model = EService

    name = factory.Sequence(lambda n: f"Ansök om tjänst {n}")
    description = "Ansök, följ ditt ärende och komplettera."
    url = factory.Sequence(lambda n: f"https://e-tjanster.kommun.example/tjanst-{n}/")
    requires_eid = True
    live = True


class ServiceAreaPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Område {n}")
    intro = "Vad området omfattar och var du får hjälp."

    class Meta:
        model = ServiceAreaPage


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Tjänst {n}")
    intro = "Vad tjänsten är, i en mening."

    class Meta:
        model = ServicePage
