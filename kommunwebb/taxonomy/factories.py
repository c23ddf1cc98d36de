import factory

from kommunwebb.taxonomy.models import Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Ämne {n}")

    class Meta:
        model = Topic
        django_get_or_create = ("name",)


def topics(*names: str) -> list[Topic]:
    """The topics with these names, created if missing: ``page.topics.add(*topics("Miljö"))``."""
    return [TopicFactory(name=name) for name in names]
