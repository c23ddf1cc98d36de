import factory
import wagtail_factories

from kommunwebb.news.models import NewsArticlePage, NewsIndexPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nyheter"
    slug = "nyheter"

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Nyhet nummer {n}")
    lead = "Kommunen berättar om något som har hänt."

    class Meta:
        model = NewsArticlePage
