"""The topic filter of the search page, behind one small interface: which topics there
are, the one a slug names, and which pages it covers. Topics are taggit tags today (news
tagged with one, topic pages about one); when topics become a managed vocabulary only this
module changes."""

from django.db.models import Q
from taggit.models import Tag
from wagtail.models import Page

from kommunwebb.pagecache import memo


def available(request=None) -> list:
    """Topics residents can narrow a search to: those used by a live article or topic
    page. Read once per content generation (``pagecache.memo``)."""
    from kommunwebb.news.models import NewsArticlePage
    from kommunwebb.topics.models import TopicPage

    def used():
        articles = NewsArticlePage.objects.live().public()
        used = Q(news_newstag_items__content_object__in=articles) | Q(
            pk__in=TopicPage.objects.live().public().values("topic_id")
        )
        return list(Tag.objects.filter(used).distinct().order_by("name"))

    return memo.shared("search_topics", used, request)


def by_slug(slug: str, request=None):
    """The topic with this slug, or None."""
    for topic in available(request):
        if topic.slug == slug:
            return topic
    return Tag.objects.filter(slug=slug).first()


def pages_in(topic) -> Q:
    """A filter on pages: the news tagged with the topic and the topic pages about it,
    with what lies under them."""
    from kommunwebb.news.models import NewsArticlePage
    from kommunwebb.topics.models import TopicPage

    in_topic = Q(pk__in=NewsArticlePage.objects.filter(tags=topic).values("pk"))
    for path in TopicPage.objects.filter(topic=topic).values_list("path", flat=True):
        in_topic |= Q(path__startswith=path)
    return Q(id__in=Page.objects.filter(in_topic).values("id"))
