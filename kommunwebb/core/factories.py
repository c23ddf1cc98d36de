import factory
import wagtail_factories

from kommunwebb.core.models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Informationssida {n}")
    intro = "En kort sammanfattning av sidan."

    class Meta:
        model = StandardPage
