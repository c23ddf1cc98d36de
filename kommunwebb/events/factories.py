from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from kommunwebb.events.models import EventIndexPage, EventOccurrence, EventPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Evenemang"
    slug = "evenemang"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Evenemang {n}")
    lead = "Ett evenemang för alla åldrar."
    venue = "Stadsbiblioteket"
    organiser = "Stadsbiblioteket"

    class Meta:
        model = EventPage


class EventOccurrenceFactory(factory.django.DjangoModelFactory):
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))

    class Meta:
        model = EventOccurrence
