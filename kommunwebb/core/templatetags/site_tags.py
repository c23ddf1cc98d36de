"""Template helpers for the public site's layout: navigation, site name, calendar grouping
and labels. Nothing here may depend on who is asking: public pages are cached and shared."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django import template
from django.apps import apps
from django.conf import settings
from django.db.models import Subquery, prefetch_related_objects
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from kommunwebb.core.locales import content_language
from kommunwebb.core.models import SiteSettings
from kommunwebb.core.phone import tel_href
from kommunwebb.core.visibility import visible
from kommunwebb.pagecache import memo

register = template.Library()


def _site(context):
    return memo.site(context.get("request"))


def _page_path(page):
    return getattr(page, "path", "") or ""


@register.simple_tag(takes_context=True)
def site_name(context):
    """The name visitors know the site by: the Wagtail site's name, else the organisation's."""
    site = _site(context)
    if site is None:
        return ""
    if site.site_name:
        return site.site_name
    # The instance templates' ``settings.core.SiteSettings`` reads too, kept on the request:
    # one query per request at most, also where no template context has settings (feeds).
    return SiteSettings.for_request(context["request"]).organisation_name


@register.simple_tag(takes_context=True)
def site_root(context):
    """The site's home page, or None (for example on a host with no site configured)."""
    site = _site(context)
    return site.root_page.specific if site is not None else None


@dataclass
class MenuItem:
    page: Page
    # The page's address, worked out with the menu once per content generation.
    url: str = ""
    # "page" when the item is the current page, "true" when the current page lies under it.
    current: str = ""
    # The item's own sub-pages in the menu: a service area's services, shown when it opens.
    children: list["MenuItem"] = field(default_factory=list)


def _current(here: str, path: str) -> str:
    if here == path:
        return "page"
    if here.startswith(path):
        return "true"
    return ""


def _site_root_url_path(site):
    """The home page's url_path ("/home/"), from Wagtail's cached list of site roots, so
    building the menu costs no query for the home page itself."""
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk:
            return root.root_path
    return None


def _menu_pages(root_path, request):
    """The depth of the menu's first level and its pages in the request's content language,
    each with its address: the children (and grandchildren) in the menu of the home page in
    that language, which is the site's home page or its translation ("/start/" or
    "/sundhamn-en/")."""
    language = content_language()
    if language == settings.LANGUAGE_CODE:
        # The site's home page, in the main language: no query ("/start/" is at depth 2).
        home = (root_path, root_path.count("/"))
    else:
        home = (
            Page.objects.filter(
                translation_key=Subquery(
                    Page.objects.filter(url_path=root_path).values("translation_key")[:1]
                ),
                locale__language_code=language,
            )
            .values_list("url_path", "depth")
            .first()
        )
    if home is None:
        return 0, []
    home_path, home_depth = home
    pages = list(
        visible(Page.objects.in_menu(), request=request)
        .filter(url_path__startswith=home_path, depth__in=(home_depth + 1, home_depth + 2))
        .order_by("path")
        .specific(defer=True)
    )
    for page in pages:
        page.menu_url = page.get_url(request) or ""
    return home_depth + 1, pages


class Menu(list):
    """The menu's items, and ``marks``: which of them are the current page or lie above it,
    all that tells one page's menu from another's (the key of its shared fragment)."""

    @property
    def marks(self):
        return tuple(
            (entry.url, entry.current)
            for item in self
            for entry in (item, *item.children)
            if entry.current
        )


@register.simple_tag(takes_context=True)
def primary_nav(context, page=None):
    """The live, public children that editors put in the menu of the home page in the
    page's language, each with its own sub-pages in the menu (two levels: a service area
    and its services)."""
    site = _site(context)
    if site is None:
        return Menu()
    root_path = _site_root_url_path(site)
    if root_path is None:
        return Menu()
    request = context.get("request")
    # Worked out once per content generation and language (see pagecache.memo), addresses
    # included, so neither checking for view restrictions nor routing the some sixty links
    # costs anything on most requests.
    top_depth, pages = memo.shared(
        ("primary_nav", root_path, content_language()),
        lambda: _menu_pages(root_path, request),
        request,
    )
    here = _page_path(page)
    items, by_path = Menu(), {}
    for node in pages:
        entry = MenuItem(page=node, url=node.menu_url, current=_current(here, node.path))
        if node.depth == top_depth:
            items.append(entry)
            by_path[node.path] = entry
        else:
            parent = by_path.get(node.path[: -node.steplen])
            # A sub-page shows only under a parent that is itself in the menu.
            if parent is not None:
                parent.children.append(entry)
    return items


@register.simple_tag(takes_context=True)
def first_page_of_type(context, model_label):
    """The first live page of a type on this site, e.g. "news.NewsIndexPage" for
    "Alla nyheter" links from the home page."""
    site = _site(context)
    if site is None:
        return None
    model = apps.get_model(model_label)
    return (
        visible(model.objects.descendant_of(site.root_page, inclusive=True))
        .order_by("path")
        .first()
    )


@register.simple_tag
def live_children(page):
    """Sub-pages shown as "more on this subject" lists on topic and standard pages."""
    if not getattr(page, "pk", None):
        return []
    return list(visible(page.get_children()).specific(defer=True))


@dataclass
class Day:
    day: date
    is_today: bool = False
    is_tomorrow: bool = False
    # Days in another year than this one carry the year in their heading.
    show_year: bool = False
    occurrences: list = field(default_factory=list)


@register.simple_tag
def group_by_day(occurrences, since=None):
    """Group calendar occurrences under the local day they are on. Something that began
    before today (or before ``since``, the first day of a filtered period) and still goes on
    is listed under that day, not under a day that has passed."""
    today = timezone.localdate()
    first = max(today, since) if since else today
    days: dict[date, Day] = {}
    for occurrence in occurrences:
        day = max(timezone.localtime(occurrence.start).date(), first)
        if day not in days:
            days[day] = Day(
                day=day,
                is_today=day == today,
                is_tomorrow=day == today + timedelta(days=1),
                show_year=day.year != today.year,
            )
        days[day].occurrences.append(occurrence)
    return sorted(days.values(), key=lambda d: d.day)


@register.filter
def parent_url(page):
    """The URL of a page's parent, from the page's own URL ("/nyheter/jul/" -> "/nyheter/"),
    so linking back to a listing costs no query. Wagtail's URLs follow the page tree."""
    url = page.url or ""
    if not url.endswith("/"):
        return ""
    head = url[:-1].rsplit("/", 1)[0]
    return f"{head}/"


@register.filter
def is_past(occurrence):
    return occurrence.end <= timezone.now()


@register.filter
def has_started(occurrence):
    return occurrence.start <= timezone.now()


@register.filter
def same_local_day(first, second):
    return timezone.localtime(first).date() == timezone.localtime(second).date()


@register.filter
def page_type_label(page):
    """What kind of page a search result is, in the words a resident would use: the page
    type's ``type_label``, else its name in the admin."""
    label = getattr(page, "type_label", None)
    if label is None:
        label = str(page._meta.verbose_name).capitalize()
    return label


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers for pagination with "…" gaps, so long listings stay one line."""
    return list(
        page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )


@register.filter
def phone_href(number):
    """ "+46 (0)40-34 10 00" -> "tel:+4640341000", what a phone dials; "" for text that is
    not a phone number (it is shown without a link)."""
    try:
        return tel_href(number or "")
    except ValueError:
        return ""


@register.filter
def model_label(obj):
    """ "news.newsarticlepage" for a news article: lets a template branch on a page's type."""
    return obj._meta.label_lower


@register.simple_tag
def prefetch(obj, *lookups):
    """Load related objects once for everything on the page that reads them (the article's
    tags are read by the <head>'s structured data and by the article itself). Renders
    nothing; used in base.html's "prefetch" block, which runs before the <head> is built."""
    if getattr(obj, "pk", None):
        prefetch_related_objects([obj], *lookups)
    return ""


def _key_part(value):
    """``value`` as part of a dictionary key: a model instance by its label and primary
    key, a list by its members."""
    if isinstance(value, list | tuple):
        return tuple(_key_part(member) for member in value)
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return (value._meta.label_lower, value.pk)
    return value


def _unsaved(value) -> bool:
    """An object shaped like a saved row that has no primary key (or a list holding one)."""
    if isinstance(value, list | tuple):
        return any(_unsaved(member) for member in value)
    return hasattr(value, "pk") and value.pk is None


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        values = [value.resolve(context) for value in self.vary]
        if any(_unsaved(value) for value in values):
            # Nothing to know it by (a contact card written into a page's text): its own.
            return self.nodelist.render(context)
        site = memo.site(request)
        key = (
            "fragment",
            self.name,
            getattr(site, "pk", None),
            translation.get_language(),
            content_language(),
            *(_key_part(value) for value in values),
        )
        # A template's own output, escaped as it rendered.
        rendered = lambda: mark_safe(self.nodelist.render(context))  # noqa: E731, S308
        return memo.shared(key, rendered, request)


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "name" value… %}…{% endshared_fragment %}``: markup that is the
    same on every page of a site in one language (and for the same ``value``s: model
    instances count by their primary key; with an unsaved one, or anything else with a
    ``pk`` of None, it is rendered afresh) rendered once per content generation
    (``pagecache.memo``) and reused by every render until a publish or the generation's
    deadline. What is inside must depend on nothing else: not the page, the request's
    path or the visitor's consent, and must set no variable used outside it. An editor's
    preview renders it afresh."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return SharedFragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
