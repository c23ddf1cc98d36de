"""The language of a page in its markup: ``lang`` and ``dir``, the languages it exists in
(the list at the top of the page and ``hreflang`` in ``<head>``), and its home in its own
language."""

from django import template
from django.utils import translation
from wagtail.models import Page

from kommunwebb.core.locales import content_language
from kommunwebb.core.visibility import visible
from kommunwebb.pagecache import memo

from ..codes import content_languages, direction, locale_code, main_language, own_name

register = template.Library()


def page_language(page) -> str:
    if isinstance(page, Page) and page.locale_id is not None:
        code = locale_code(page.locale_id)
        if code:
            return code
    return translation.get_language() or main_language()


@register.simple_tag(name="main_language")
def main_language_code() -> str:
    """The site's main language (Swedish), in which alerts and most pages are written."""
    return main_language()


@register.simple_tag
def language_of(page=None) -> str:
    """The page's language code (its locale's), else the request's."""
    return page_language(page)


@register.simple_tag
def direction_of(page=None) -> str:
    """ "rtl" for a page in Arabic or Persian, "ltr" otherwise."""
    return direction(page_language(page))


@register.simple_tag(takes_context=True)
def translations_of(context, page) -> list[dict]:
    """Every language a visitor can read ``page`` in, in the settings' order: code, its name
    in itself, its direction, the address, and whether it is this page."""
    if not isinstance(page, Page):
        return []
    request = context.get("request")
    cache = getattr(request, "_page_translations", None) if request else None
    if cache is not None and cache[0] == page.pk:
        return cache[1]

    def compute():
        versions = {
            version.locale.language_code: version
            for version in visible(
                # Aliases of a Swedish page in another locale (wagtail-localize's untranslated
                # parents) are still Swedish: not a language the page exists in.
                page.get_translations(inclusive=True)
                .filter(alias_of__isnull=True)
                .select_related("locale"),
                request=request,
                any_locale=True,
            )
        }
        order = [code for code, _name in content_languages()]
        return [
            {
                "code": code,
                "name": own_name(code),
                "dir": direction(code),
                "url": versions[code].get_url(request),
                "full_url": versions[code].get_full_url(request),
                "current": versions[code].pk == page.pk,
            }
            for code in order
            if code in versions
        ]

    # The same for every visitor (visibility does not depend on who asks) until the next
    # publish: kept per content generation, per site (the addresses are the site's).
    result = memo.shared(("translations_of", page.pk, _site_key(request)), compute, request)
    if request is not None:
        request._page_translations = (page.pk, result)
    return result


def _site_key(request):
    site = memo.site(request)
    return site.pk if site is not None else None


@register.simple_tag(takes_context=True)
def language_home_url(context, page=None) -> str:
    """The home page of the page's language: "/" in Swedish, "/en/" in English."""
    code = page_language(page)
    if code == main_language():
        return "/"
    with translation.override(code):
        from django.urls import reverse

        return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def easy_read_version(context, page):
    """The page's Lättläst version, for the link at the top of the original."""
    from ..models import easy_read_version_of

    request = context.get("request")
    if not isinstance(page, Page):
        return None
    return memo.shared(
        ("easy_read_version", page.pk, content_language()),
        lambda: easy_read_version_of(page, request),
        request,
    )


@register.simple_tag(takes_context=True)
def languages_hub(context):
    """The visible "Andra språk" page, for the link beside the language list."""
    from ..models import LanguagesPage

    request = context.get("request")
    language = content_language()

    def compute():
        hubs = list(
            visible(LanguagesPage.objects.order_by("path"), request=request, any_locale=True)[:20]
        )
        for hub in hubs:
            if locale_code(hub.locale_id) == language:
                return hub
        return hubs[0] if hubs else None

    return memo.shared(("languages_hub", language, _site_key(request)), compute, request)
