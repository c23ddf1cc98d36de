"""Editors can only build sensible trees: each page type under its allowed parents."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from kommunwebb.accessibility.models import AccessibilityStatementPage
from kommunwebb.contacts.models import ContactCard  # noqa: F401 - models must load
from kommunwebb.core.models import StandardPage
from kommunwebb.events.models import EventIndexPage, EventPage
from kommunwebb.forms.models import FormPage
from kommunwebb.home.models import HomePage
from kommunwebb.languages.models import EasyReadIndexPage, EasyReadPage, LanguagesPage
from kommunwebb.news.models import NewsArticlePage, NewsIndexPage
from kommunwebb.services.models import EServiceIndexPage, ServiceAreaPage, ServiceIndexPage
from kommunwebb.topics.models import TopicPage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_news_tree(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})
        self.assertAllowedSubpageTypes(NewsArticlePage, set())

    def test_events_tree(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_topics_and_standard_pages(self):
        self.assertAllowedParentPageTypes(TopicPage, {HomePage, TopicPage, ServiceAreaPage})
        self.assertAllowedParentPageTypes(
            StandardPage, {HomePage, StandardPage, TopicPage, ServiceAreaPage}
        )
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                NewsIndexPage,
                EventIndexPage,
                TopicPage,
                StandardPage,
                FormPage,
                AccessibilityStatementPage,
                ServiceAreaPage,
                ServiceIndexPage,
                EServiceIndexPage,
                LanguagesPage,
                EasyReadIndexPage,
            },
        )
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})
        self.assertAllowedSubpageTypes(AccessibilityStatementPage, set())


class CanCreateTests(WagtailPageTestCase):
    """Creating through the admin's form, the way an editor does."""

    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = root.add_child(instance=HomePage(title="Sundhamn", slug="sundhamn"))
        cls.news = cls.home.add_child(instance=NewsIndexPage(title="Nyheter", slug="nyheter"))
        cls.events = cls.home.add_child(
            instance=EventIndexPage(title="Evenemang", slug="evenemang")
        )

    def setUp(self):
        self.login()

    def test_can_create_each_page_type(self):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Om webbplatsen",
                    "slug": "om",
                    "intro": "Om oss.",
                    "body": streamfield([]),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            TopicPage,
            nested_form_data(
                {
                    "title": "Trygghet",
                    "slug": "trygghet",
                    "intro": "Trygg stad.",
                    "news_count": 3,
                    "services": streamfield([]),
                    "body": streamfield([]),
                    "contact_links": inline_formset([]),
                }
            ),
        )
        self.assertCanCreate(
            self.news,
            NewsArticlePage,
            nested_form_data(
                {
                    "title": "Ny park",
                    "slug": "ny-park",
                    "lead": "En ny park öppnar.",
                    "body": streamfield([("subheading", "Invigning")]),
                    "tags": "Miljö",
                }
            ),
        )
        self.assertCanCreate(
            self.events,
            EventPage,
            nested_form_data(
                {
                    "title": "Sagostund",
                    "slug": "sagostund",
                    "lead": "Sagor för de minsta.",
                    "venue": "Biblioteket",
                    "organiser": "Biblioteket",
                    "body": streamfield([]),
                    "occurrences": inline_formset(
                        [
                            {"title": "", "start": "2030-01-05 10:00", "end": "2030-01-05 11:00"},
                        ],
                        min=1,
                    ),
                }
            ),
        )

    def test_cannot_create_article_outside_news(self):
        self.assertCanNotCreateAt(HomePage, NewsArticlePage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)

    def test_language_pages(self):
        self.assertAllowedParentPageTypes(LanguagesPage, {HomePage})
        self.assertAllowedSubpageTypes(LanguagesPage, set())
        self.assertAllowedParentPageTypes(EasyReadIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EasyReadIndexPage, {EasyReadPage})
        self.assertAllowedParentPageTypes(EasyReadPage, {EasyReadIndexPage})
