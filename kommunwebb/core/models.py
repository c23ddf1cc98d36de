import copy

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from kommunwebb.pagecache import memo

from .blocks import BaseStreamBlock
from .visibility import is_visible


class StandardPage(Page):
    """Plain information pages: "Om webbplatsen", "Om webbkakor", "Personuppgifter",
    "Tillgänglighetsredogörelse" and any other page that is text and links."""

    intro = models.TextField(
        _("ingress"),
        max_length=300,
        blank=True,
        help_text=_("En kort sammanfattning som visas överst, i fetare stil."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    # What the open data API (/api/v2/) publishes beyond id, title and meta: what the page shows.
    api_fields = [APIField("intro"), APIField("body")]

    # What a resident calls this kind of page, in search results.
    type_label = _("Information")
    parent_page_types = [
        "home.HomePage",
        "core.StandardPage",
        "topics.TopicPage",
        "services.ServiceAreaPage",
    ]
    subpage_types = ["core.StandardPage"]

    class Meta:
        verbose_name = _("standardsida")
        verbose_name_plural = _("standardsidor")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site and where the footer's required links go."""

    @classmethod
    def for_request(cls, request):
        """Wagtail's ``for_request`` (kept on the request), with the row read once per
        content generation (pagecache.memo; saving the settings invalidates, apps.py): a
        render asks no query for it. Each request gets its own copy, since Wagtail keeps
        the request on the instance."""
        attr = cls.get_cache_attr_name()
        if hasattr(request, attr):
            return getattr(request, attr)
        site = memo.site(request)
        if site is None:
            return super().for_request(request)
        shared = memo.shared(("site_settings", site.pk), lambda: cls.for_site(site), request)
        instance = copy.copy(shared)
        instance._request = request
        setattr(request, attr, instance)
        return instance

    organisation_name = models.CharField(
        _("organisationens namn"), max_length=120, default="Exempelstads kommun"
    )
    phone = models.CharField(_("telefon till växeln"), max_length=40, blank=True)
    email = models.EmailField(_("e-post till kommunen"), blank=True)
    visiting_address = models.CharField(_("besöksadress"), max_length=200, blank=True)
    postal_address = models.CharField(_("postadress"), max_length=200, blank=True)
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Om webbplatsen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Om webbkakor (cookies)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Personuppgifter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Tillgänglighetsredogörelse"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("visiting_address"),
                FieldPanel("postal_address"),
            ],
            heading=_("Kontaktuppgifter i sidfoten"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("about_page"),
                FieldPanel("cookies_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
            ],
            heading=_("Sidor som länkas från varje sida"),
            help_text=_(
                "Lagen kräver att information om kakor, personuppgifter och "
                "tillgänglighet nås från varje sida."
            ),
        ),
    ]

    # The footer on every page shows these pages: one query instead of five.
    select_related = ["about_page", "cookies_page", "privacy_page", "accessibility_page"]

    class Meta:
        verbose_name = _("webbplatsinställningar")

    def footer_links(self):
        return [
            page
            for page in (
                self.about_page,
                self.cookies_page,
                self.privacy_page,
                self.accessibility_page,
            )
            if is_visible(page, request=getattr(self, "_request", None))
        ]
