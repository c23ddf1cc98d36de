"""Factories for tests in any app: ``ContactCardFactory()`` is a card with a phone and office
hours (weekdays 08:00–16:00, closed weekends and holidays)."""

from datetime import date, time, timedelta

import factory

from .models import ContactCard, Days, OpeningHoursException, OpeningHoursRule, PhoneNumber


class PhoneNumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhoneNumber

    card = factory.SubFactory("kommunwebb.contacts.factories.ContactCardFactory", phone=None)
    label = "Växel"
    number = "040-34 10 00"


class OpeningHoursRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHoursRule

    card = factory.SubFactory("kommunwebb.contacts.factories.ContactCardFactory", hours=[])
    days = Days.WEEKDAYS
    opens = time(8)
    closes = time(16)
    closed = False


class OpeningHoursExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHoursException

    card = factory.SubFactory("kommunwebb.contacts.factories.ContactCardFactory", hours=[])
    date = factory.Sequence(lambda n: date(2026, 1, 1) + timedelta(days=n))
    closed = True
    note = "Stängt för personaldag"


class ContactCardFactory(factory.django.DjangoModelFactory):
    """``hours=[(days, opens, closes), ...]`` replaces the default rules; ``None`` times mean
    closed. ``hours=[]`` gives a card without opening hours."""

    class Meta:
        model = ContactCard
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Kontaktcenter {n}")
    description = "Svarar på frågor om kommunens service."
    email = factory.Sequence(lambda n: f"kontakt{n}@example.se")
    address = "Stadshuset\nStortorget 1"
    phone = factory.RelatedFactory(PhoneNumberFactory, factory_related_name="card")

    @factory.post_generation
    def hours(card, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [(Days.WEEKDAYS, time(8), time(16)), (Days.WEEKEND, None, None)]
            extracted.append((Days.HOLIDAYS, None, None))
        for days, opens, closes in extracted:
            OpeningHoursRule.objects.create(
                card=card, days=days, opens=opens, closes=closes, closed=opens is None
            )
