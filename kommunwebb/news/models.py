from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from rest_framework.serializers import SlugRelatedField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager, PageQuerySet
from wagtail.search import index

from kommunwebb.core.blocks import BaseStreamBlock
from kommunwebb.core.visibility import is_visible, visible
from kommunwebb.taxonomy.models import Topic

LEAD_MAX_LENGTH = 200


def validate_single_paragraph(value: str):
    if "\n" in value.strip():
        raise ValidationError(_("Ingressen ska vara ett enda stycke, utan radbrytningar."))


class NewsArticleQuerySet(PageQuerySet):
    def listing_order(self):
        return self.order_by("-first_published_at", "-pk")


NewsArticleManager = PageManager.from_queryset(NewsArticleQuerySet)


class TopicNews:
    """For a page with a `topic` and a `news_count`: the newest visible articles about the topic
    (service area and topic pages)."""

    def related_news(self):
        if not self.topic_id:
            return NewsArticlePage.objects.none()
        return (
            visible(NewsArticlePage.objects.filter(topics=self.topic_id))
            .listing_order()
            .select_related("listing_image")[: self.news_count]
        )


class NewsIndexPage(Page):
    """The news listing: newest first, a page at a time, filterable by topic."""

    intro = models.TextField(_("ingress"), blank=True, max_length=300)
    per_page = models.PositiveSmallIntegerField(_("nyheter per sida"), default=10)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]
    # What a resident calls this kind of page, in search results.
    type_label = _("Nyheter")
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]

    class Meta:
        verbose_name = _("nyhetslista")

    def route(self, request, path_components):
        # An article with its image and contact in one query, instead of Wagtail's three
        # (the page, its specific row, then each foreign key as the template reads it).
        if path_components:
            article = (
                NewsArticlePage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related(*NewsArticlePage.route_select_related)
                .first()
            )
            if article is not None:
                article._cached_parent_obj = self
                return article.route(request, path_components[1:])
        return super().route(request, path_components)

    def articles(self):
        return (
            visible(NewsArticlePage.objects.descendant_of(self))
            .listing_order()
            .select_related("listing_image")
        )

    def topics(self):
        """The topics of the listed articles: the filter offers no topic without news."""
        return Topic.objects.filter(news_articles__in=self.articles()).distinct().order_by("name")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        topic = None
        slug = request.GET.get("amne", "")
        if slug:
            topic = Topic.objects.filter(slug=slug).first() if "\x00" not in slug else None
            articles = articles.filter(topics=topic) if topic else articles.none()
        paginator = Paginator(articles, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("sida", 1))
        except (PageNotAnInteger, EmptyPage):
            page_obj = paginator.page(1)
        context.update(
            page_obj=page_obj,
            articles=page_obj.object_list,
            topic=topic,
            topic_slug=slug,
            topics=self.topics(),
        )
        return context


class NewsArticlePage(Page):
    # What the article's template reads of its relations, loaded with the page when it is
    # routed (the news index's route, and the page cache's memo of its address).
    route_select_related = ("listing_image", "contact")

    lead = models.TextField(
        _("ingress"),
        max_length=LEAD_MAX_LENGTH,
        # TextField does not enforce max_length by itself; the validator does.
        validators=[MaxLengthValidator(LEAD_MAX_LENGTH), validate_single_paragraph],
        help_text=_(
            "Ett stycke, högst 200 tecken, som sammanfattar nyheten. "
            "Visas överst och i nyhetslistor."
        ),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("huvudbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Visas överst i artikeln och i listor."),
    )
    listing_image_alt = models.CharField(
        _("alternativtext för huvudbilden"),
        max_length=250,
        blank=True,
        help_text=_(
            "Beskriv vad bilden visar. Krävs när en huvudbild är vald, om den inte är dekorativ."
        ),
    )
    listing_image_decorative = models.BooleanField(
        _("huvudbilden är dekorativ"),
        default=False,
        help_text=_(
            "Bara om bilden inte tillför något för den som inte ser den. Den får då ingen "
            "alternativtext."
        ),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("brödtext"), blank=True)
    topics = ParentalManyToManyField(
        "taxonomy.Topic",
        blank=True,
        related_name="news_articles",
        verbose_name=_("ämnen"),
        help_text=_("Ämnen som nyheten hör till. Listan sköts av webbredaktionen under Ämnen."),
    )
    contact = models.ForeignKey(
        "contacts.ContactCard",
        verbose_name=_("kontaktperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vem läsaren kan kontakta med frågor om nyheten."),
    )

    objects = NewsArticleManager()

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel(
            [
                FieldPanel("listing_image"),
                FieldPanel("listing_image_alt"),
                FieldPanel("listing_image_decorative"),
            ],
            heading=_("Huvudbild"),
        ),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("contact"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead", boost=2),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]
    # What the open data API (/api/v2/) publishes beyond id, title and meta: what the page shows.
    api_fields = [
        APIField("lead"),
        APIField("body"),
        # The topics' names, under the name the API has always given them.
        APIField(
            "tags",
            serializer=SlugRelatedField(
                source="topics", many=True, read_only=True, slug_field="name"
            ),
        ),
        APIField("listing_image"),
        APIField("listing_image_alt"),
    ]

    # What a resident calls this kind of page, in search results.
    type_label = _("Nyhet")
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nyhetsartikel")
        verbose_name_plural = _("nyhetsartiklar")

    def clean(self):
        super().clean()
        if self.listing_image_decorative:
            self.listing_image_alt = ""  # a decorative image has none, whatever was typed
        elif self.listing_image_id and not self.listing_image_alt.strip():
            raise ValidationError(
                {
                    "listing_image_alt": _(
                        "Skriv en alternativtext som beskriver bilden, eller markera bilden "
                        "som dekorativ."
                    )
                }
            )

    @property
    def shown_contact(self):
        """The contact card, if it is published: a draft card is not shown."""
        return self.contact if is_visible(self.contact) else None

    @property
    def was_updated(self):
        """Show "Uppdaterad" only when the article was republished more than an hour later."""
        first, last = self.first_published_at, self.last_published_at
        return bool(first and last and (last - first).total_seconds() > 3600)
