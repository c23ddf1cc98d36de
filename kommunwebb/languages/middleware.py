from django.http import HttpResponseRedirect
from django.utils import translation
from wagtail.models import Page

from kommunwebb.core.locales import for_content_language
from kommunwebb.core.visibility import visible

from .codes import language_from_path, main_language


class ContentLanguageMiddleware:
    """Activates the language the address names (/en/…, /ar/…; Swedish without a prefix).

    Django's LocaleMiddleware would also read Accept-Language and answer ``Vary:
    Accept-Language``, which the page cache refuses to share; here the address alone
    decides, so each language's page has its own address and cache entry. The admin chooses
    its own language per editor (Wagtail's account settings) inside its views.

    An address in another language that does not exist (a page not translated into it) leads
    to that language's home page, which lists what there is, instead of an error page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_from_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            with for_content_language(language):
                response = self.get_response(request)
                if (
                    response.status_code == 404
                    and language != main_language()
                    and request.method in ("GET", "HEAD")
                ):
                    return self.to_language_home(request, language) or response
                return response
        finally:
            translation.deactivate()

    def to_language_home(self, request, language):
        home = visible(
            Page.objects.filter(depth=2, locale__language_code=language),
            request=request,
            any_locale=True,
        ).first()
        if home is None:
            return None
        url = home.get_url(request)
        if not url or url == request.path:
            return None
        return HttpResponseRedirect(url)
