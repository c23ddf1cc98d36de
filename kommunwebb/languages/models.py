"""The pages of residents' languages: the "Andra språk" hub and Lättläst (easy-to-read
Swedish) versions with their hub."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from kommunwebb.core.blocks import BaseStreamBlock
from kommunwebb.core.visibility import is_visible, visible

from .codes import content_languages, direction, own_name


def pages_in(code: str, request=None):
    """What a visitor can read in the language ``code``: its visible pages, its home (the
    locale's root) first, then in tree order."""
    return visible(
        # Not the aliases wagtail-localize makes of untranslated parents: they are Swedish.
        Page.objects.filter(
            locale__language_code=code, depth__gte=2, alias_of__isnull=True
        ).order_by("path"),
        request=request,
        any_locale=True,
    ).specific()


class LanguagesPage(Page):
    """ "Andra språk / Other languages": each language the site publishes in, named in
    itself, with what exists in it."""

    intro = models.TextField(_("ingress"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    type_label = _("Andra språk")
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("sida om andra språk")
        verbose_name_plural = _("sidor om andra språk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["languages"] = self.languages(request)
        return context

    def languages(self, request=None) -> list[dict]:
        """Every language but this page's own that has something to read."""
        result = []
        for code, _name in content_languages():
            if code == self.locale.language_code:
                continue
            pages = list(pages_in(code, request))
            if not pages:
                continue
            home, rest = (pages[0], pages[1:]) if pages[0].depth == 2 else (None, pages)
            result.append(
                {
                    "code": code,
                    "name": own_name(code),
                    "dir": direction(code),
                    "home": home,
                    "pages": rest,
                }
            )
        return result


class EasyReadIndexPage(Page):
    """The "Lättläst" hub: every page that has an easy-to-read version."""

    intro = models.TextField(_("ingress"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]
    type_label = _("Lättläst")
    parent_page_types = ["home.HomePage"]
    subpage_types = ["languages.EasyReadPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("startsida för lättläst")
        verbose_name_plural = _("startsidor för lättläst")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["versions"] = visible(
            EasyReadPage.objects.child_of(self).order_by("title"), request=request
        )
        return context


class EasyReadPage(Page):
    """An easy-to-read ("Lättläst") version of another page: short sentences, common words,
    one thing at a time. The original links here, and this page links back."""

    original = models.ForeignKey(
        Page,
        verbose_name=_("originalsidan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="easy_read_versions",
        help_text=_("Sidan som den här sidan är en lättläst version av."),
    )
    intro = models.TextField(_("ingress"), max_length=300, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("innehåll"), blank=True)

    content_panels = Page.content_panels + [
        PageChooserPanel("original"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("original"),
    ]
    api_fields = [APIField("intro"), APIField("body")]
    # Search results name it, so that a resident who wants easy Swedish finds it.
    type_label = _("Lättläst")
    parent_page_types = ["languages.EasyReadIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lättläst sida")
        verbose_name_plural = _("lättlästa sidor")

    def visible_original(self, request=None):
        original = self.original.specific if self.original_id else None
        return original if is_visible(original, request=request) else None


def easy_read_version_of(page, request=None):
    """The visible easy-to-read version of ``page``, if it has one."""
    if not isinstance(page, Page) or isinstance(page, EasyReadPage):
        return None
    return visible(EasyReadPage.objects.filter(original=page), request=request).first()
