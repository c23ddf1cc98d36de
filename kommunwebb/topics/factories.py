import factory
import wagtail_factories

from kommunwebb.topics.models import TopicPage


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ämne {n}")
    intro = "Vad kommunen gör inom ämnet och var du får hjälp."

    class Meta:
        model = TopicPage
