"""The topic filter of the search page, behind one small interface: which topics there
are, the one a slug names, and which pages it covers. Topics are the managed vocabulary
of ``taxonomy`` (news about one, topic pages about one)."""

from django.db.models import Q
from wagtail.models import Page

from kommunwebb.core.visibility import visible
from kommunwebb.pagecache import memo
from kommunwebb.taxonomy.models import Topic


def available(request=None) -> list:
    """Topics residents can narrow a search to: those used by a live article or topic
    page. Read once per content generation (``pagecache.memo``)."""
    from kommunwebb.news.models import NewsArticlePage
    from kommunwebb.topics.models import TopicPage

    def used():
        articles = visible(NewsArticlePage.objects.all())
        used = Q(news_articles__in=articles) | Q(
            pk__in=visible(TopicPage.objects.all()).values("topic_id")
        )
        return list(Topic.objects.filter(used).distinct().order_by("name"))

    return memo.shared("search_topics", used, request)


def by_slug(slug: str, request=None):
    """The topic with this slug, or None."""
    for topic in available(request):
        if topic.slug == slug:
            return topic
    return Topic.objects.filter(slug=slug).first()


def pages_in(topic) -> Q:
    """A filter on pages: the news about the topic and the topic pages about it,
    with what lies under them."""
    from kommunwebb.news.models import NewsArticlePage
    from kommunwebb.topics.models import TopicPage

    in_topic = Q(pk__in=NewsArticlePage.objects.filter(topics=topic).values("pk"))
    for path in TopicPage.objects.filter(topic=topic).values_list("path", flat=True):
        in_topic |= Q(path__startswith=path)
    return Q(id__in=Page.objects.filter(in_topic).values("id"))
