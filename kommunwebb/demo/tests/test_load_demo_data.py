"""``manage.py load_demo_data`` builds the Sundhamn site once, completely, and only once."""

import io
import json
import re
import zlib
from datetime import time, timedelta

import pytest
from django.core.management import call_command
from django.db.models import Max
from django.test import TestCase
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, Site

from kommunwebb.accessibility.models import AccessibilityStatementPage
from kommunwebb.alerts.models import Alert, AlertLevel
from kommunwebb.contacts.models import ContactCard, Days, OpeningHoursRule
from kommunwebb.core.models import SiteSettings, StandardPage
from kommunwebb.demo import content, dates
from kommunwebb.demo.loader import DemoLoader
from kommunwebb.events.models import EventCategory, EventIndexPage, EventOccurrence, EventPage
from kommunwebb.feedback.models import PageFeedback
from kommunwebb.home.models import HomePage
from kommunwebb.linkcheck.models import ExternalLink, LinkUse
from kommunwebb.news.models import NewsArticlePage
from kommunwebb.politics.models import CommitteePage
from kommunwebb.review.models import PageReview
from kommunwebb.services.models import EService, ServiceAreaPage, ServiceNavigation, ServicePage
from kommunwebb.taxonomy.models import Topic
from kommunwebb.topics.models import TopicPage

# Small illustrations keep the suite fast; the command draws 1600x900 by default.
TEST_IMAGE_SIZE = "160x90"
FICTION_PHONE = re.compile(r"040-628 04 \d\d")


def load() -> str:
    out = io.StringIO()
    call_command("load_demo_data", f"--image-size={TEST_IMAGE_SIZE}", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Everything a second run could touch: counts and the newest timestamps."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "contacts": ContactCard.objects.count(),
        "occurrences": EventOccurrence.objects.count(),
        "alerts": Alert.objects.count(),
        "sites": list(Site.objects.values()),
        **Revision.objects.aggregate(latest_revision=Max("created_at")),
        **Page.objects.aggregate(
            latest_publish=Max("last_published_at"), latest_edit=Max("latest_revision_created_at")
        ),
        **Alert.objects.aggregate(latest_alert=Max("updated_at")),
    }


def article(slug: str) -> NewsArticlePage:
    return NewsArticlePage.objects.get(slug=slug)


def block_types(page) -> set[str]:
    return {block.block_type for block in page.body}


def body_text(page) -> str:
    return " ".join(str(block.value) for block in page.body)


class LoadDemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.output = load()
        cls.home = HomePage.objects.get(
            locale__language_code="sv"
        )  # the Swedish one; the others are translations

    def test_reports_what_it_loaded(self):
        assert "Loaded the Sundhamn demo" in self.output

    def test_second_run_changes_nothing(self):
        before = snapshot()
        output = load()
        assert "already loaded" in output
        assert snapshot() == before

    def test_home_page_replaces_the_welcome_page_on_the_default_site(self):
        site = Site.objects.get(is_default_site=True)
        assert site.root_page.specific == self.home
        assert self.home.title == "Sundhamns kommun"
        # One home page per language the demo publishes in (Swedish and its translations).
        homes = Page.get_first_root_node().get_children()
        assert homes.filter(locale__language_code="sv").count() == 1
        assert homes.count() == homes.values("locale").distinct().count()
        assert not Page.objects.filter(title__startswith="Welcome").exists()

    def test_other_languages_have_no_swedish_copies_above_their_pages(self):
        """The pages above a translated page are translated too: an English visitor's menu
        and breadcrumbs held "Trygghet och säkerhet" in Swedish."""
        from wagtail.models import Page

        for page in Page.objects.exclude(locale__language_code="sv").exclude(depth=1):
            swedish = page.get_translation_or_none(self.home.locale)
            assert swedish is None or swedish.title != page.title, (
                page.locale.language_code,
                page.title,
            )

    def test_hitta_snabbt_has_six_to_eight_shortcuts_to_demo_pages(self):
        navigation = ServiceNavigation.for_site(Site.objects.get(is_default_site=True))
        shortcuts = [block.value for block in navigation.quick_links]
        assert 6 <= len(shortcuts) <= 8
        for shortcut in shortcuts:
            assert shortcut["page"] is not None and shortcut["page"].live
        popular = navigation.popular_service_pages()
        assert 6 <= len(popular) <= 8
        assert "ansok-om-plats-i-forskola" in {page.slug for page in popular}

    def test_page_tree(self):
        children = {page.slug for page in self.home.get_children()}
        assert {
            "nyheter",
            "evenemang",
            "a-o",
            "e-tjanster",
            "om-webbplatsen",
            "om-webbkakor",
            "personuppgifter",
            "tillganglighetsredogorelse",
        } <= children
        # The main menu is the eight service areas, in the order residents know them.
        menu = [page.specific for page in self.home.get_children().in_menu()]
        assert [page.title for page in menu] == [
            "Barn och utbildning",
            "Omsorg och stöd",
            "Bygga, bo och miljö",
            "Trafik och stadsplanering",
            "Kultur och fritid",
            "Näringsliv och arbete",
            "Kommun och politik",
            "Trygghet och säkerhet",
        ]
        assert all(isinstance(page, ServiceAreaPage) for page in menu)
        # The topic pages that were on the home page now belong to an area.
        assert (
            TopicPage.objects.get(slug="trygghet", locale__language_code="sv").get_parent().slug
            == "trygghet-och-sakerhet"
        )
        assert TopicPage.objects.get(
            slug="miljo-och-klimat", locale__language_code="sv"
        ).get_parent().slug == ("bygga-bo-och-miljo")
        crisis = StandardPage.objects.get(slug="stod-vid-akuta-handelser")
        assert crisis.get_parent().specific_class is TopicPage
        assert not Page.objects.filter(live=False).exists()
        assert not Page.objects.filter(has_unpublished_changes=True).exists()

    def test_each_area_has_services_with_the_parts_residents_look_for(self):
        services = ServicePage.objects.live()
        assert services.count() >= 40
        # The Swedish areas (a translated area holds only the pages translated so far).
        for area in ServiceAreaPage.objects.filter(locale__language_code="sv"):
            area_services = area.all_services()
            assert len(area_services) >= 4, area.title
            assert area.popular_services(), area.title
            assert area.contact_cards(), area.title
        for page in services:
            assert page.intro and page.contact_cards(), page.title
            assert page.who or page.how, page.title
            page.full_clean()
        preschool = ServicePage.objects.get(slug="ansok-om-plats-i-forskola")
        assert preschool.get_parent().title == "Barn och utbildning"
        assert preschool.available_eservice().requires_eid
        assert preschool.processing_time and "maxtaxan" in preschool.cost
        titles = {page.title for page in services}
        for service in ("Bygglov", "Färdtjänst", "Hemtjänst", "Ekonomiskt bistånd"):
            assert service in titles
        assert "Parkeringstillstånd för rörelsehindrade" in titles

    def test_eservices_are_published_with_support_and_used_by_services(self):
        eservices = EService.objects.available()
        assert eservices.count() >= 15
        assert eservices.filter(requires_eid=False).exists()
        assert eservices.filter(page__isnull=False).exists()  # a form on the site
        for eservice in eservices:
            assert eservice.support is not None and eservice.support.has_opening_hours
            assert eservice.revisions.exists()
            assert eservice.service_pages.live().exists(), eservice.name
            if eservice.is_external:
                assert eservice.host == "e-tjanster.sundhamn.example"

    def test_the_reference_index_knows_every_link_once_the_load_is_done(self):
        # The command indexes once at the end instead of queueing a job per save.
        preschool = ServicePage.objects.get(slug="ansok-om-plats-i-forskola")
        fees = ServicePage.objects.get(slug="avgift-for-forskola-och-fritidshem")
        assert ReferenceIndex.get_references_to(fees).filter(object_id=str(preschool.pk)).exists()
        eservice = preschool.eservice
        assert ReferenceIndex.get_references_to(eservice).exists()

    def test_politics_has_bodies_with_meetings_notices_and_minutes(self):
        politics = ServiceAreaPage.objects.get(slug="kommun-och-politik")
        bodies = CommitteePage.objects.child_of(politics).live()
        assert {"Kommunfullmäktige", "Kommunstyrelsen"} <= {page.title for page in bodies}
        assert bodies.count() >= 6
        now = timezone.now()
        for body in bodies:
            past, coming = body.past_meetings(now), body.upcoming_meetings(now)
            assert len(past) == 3 and len(coming) == 3, body.title
            assert all(meeting.minutes is not None for meeting in past)
            assert coming[0].agenda is not None
        minutes = bodies.get(slug="kommunfullmaktige").past_meetings(now)[0].minutes
        assert minutes.file_extension == "pdf"
        with minutes.open_file() as pdf_file:
            data = pdf_file.read()
        assert_valid_pdf(data, min_pages=1)
        text = b"".join(
            zlib.decompress(stream)
            for stream in re.findall(rb"stream\n(.*?)\nendstream", data, flags=re.DOTALL)
        ).decode("cp1252")
        assert "Kommunfullmäktige" in text and "Beslut" in text and "Justerare" in text

    def test_site_settings_point_the_footer_at_the_four_information_pages(self):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        assert settings.organisation_name == "Sundhamns kommun"
        assert FICTION_PHONE.fullmatch(settings.phone)
        assert settings.email and settings.visiting_address and settings.postal_address
        assert [page.slug for page in settings.footer_links()] == [
            "om-webbplatsen",
            "om-webbkakor",
            "personuppgifter",
            "tillganglighetsredogorelse",
        ]

    def test_information_pages_say_what_the_law_requires(self):
        privacy = body_text(StandardPage.objects.get(slug="personuppgifter"))
        assert "var sjätte månad" in privacy
        assert "https://www.imy.se/" in privacy
        assert "IP-adress" in privacy
        cookies = body_text(StandardPage.objects.get(slug="om-webbkakor"))
        assert "hur snabbt" in cookies and "IP-adress" in cookies
        page = Page.objects.get(slug="tillganglighetsredogorelse").specific
        assert isinstance(page, AccessibilityStatementPage)  # DIGG's model, at the old address
        assert page.url == "/tillganglighetsredogorelse/"
        assert page.feedback_page.slug == "synpunkter"
        assert {item.kind for item in page.shortcomings.all()} == {
            "non_compliant",
            "burden",
            "out_of_scope",
        }
        statement = self.client.get(page.url).content.decode()
        for required in (
            "2018:1937",
            "WCAG) version 2.1",
            "DIGG",
            'href="https://www.digg.se/tdosanmalan"',
            "webbredaktionen@",
            "2.1.1 Tangentbord",
            'href="/synpunkter/"',
        ):
            assert required in statement, required
        assert dates.swedish_date(timezone.localdate()) in statement
        assert not page.is_outdated()

    def test_the_editors_tools_have_something_to_show(self):
        today = timezone.localdate()
        # Sidor att granska: every page has a unit; one is overdue, one due this month.
        assert not PageReview.objects.filter(page__live=True, unit=None).exists()
        about = PageReview.objects.get(page__slug="om-webbplatsen")
        assert about.review_by < today
        assert about.unit.name == "Kommunikationsavdelningen"
        assert about.unit.email == content.WEB_EMAIL
        trygghet = PageReview.objects.get(page__slug="stod-vid-akuta-handelser")
        assert trygghet.unit.name == "Socialförvaltningen"  # inherited from its section
        assert PageReview.objects.filter(
            review_by__gte=today, review_by__lte=today + timedelta(days=30)
        ).exists()
        # Ämnen: the vocabulary, with the articles using it.
        assert set(Topic.objects.values_list("name", flat=True)) == set(content.TOPICS)
        # Sidrespons: counts and a few comments.
        assert PageFeedback.objects.filter(helpful=False).count() >= 10
        assert PageFeedback.objects.exclude(comment="").count() >= 3
        # Brutna länkar: the addresses on live pages, ready for the worker to check.
        assert LinkUse.objects.filter(url="https://www.imy.se/").exists()
        assert ExternalLink.objects.filter(host="biljetter.sundhamn.example").exists()

    def test_at_least_eight_articles_published_over_recent_weeks(self):
        articles = NewsArticlePage.objects.live()
        assert articles.count() >= 8
        now = timezone.now()
        for page in articles:
            assert now - timedelta(days=60) < page.first_published_at < now
        days = {page.first_published_at.date() for page in articles}
        assert len(days) == articles.count()

    def test_one_article_was_updated_after_it_was_published(self):
        updated = [page for page in NewsArticlePage.objects.all() if page.was_updated]
        assert len(updated) == 1
        page = updated[0]
        assert page.revisions.count() == 2
        assert "Tillägg" in body_text(page)
        assert page.last_published_at < timezone.now()

    def test_required_articles_exist(self):
        air = article("farre-utsatts-for-hoga-halter-av-kvavedioxid")
        assert "kvävedioxid" in air.title
        assert "kvävedioxiden" in body_text(air).lower()
        diabetes = article("sundhamn-gar-med-i-cities-changing-diabetes")
        assert "Cities Changing Diabetes" in diabetes.title
        assert any(
            b.block_type == "fact_box" and b.value["heading"] == "Fakta" for b in diabetes.body
        )
        violence = article("nytt-call-in-mote-inom-bryt-valdet")
        text = body_text(violence)
        assert "gruppvåldsintervention" in text and "avhopp" in text
        children = article("forskolebarn-firade-barnkonventionen")
        assert "barnkonventionen" in children.lead.lower()

    def test_articles_are_tagged_with_topics(self):
        names = set(
            NewsArticlePage.objects.values_list("topics__name", flat=True).exclude(
                topics__name=None
            )
        )
        assert {"Miljö", "Hälsa", "Trygghet", "Barn och utbildning", "Kultur"} <= names
        trygghet = TopicPage.objects.get(slug="trygghet", locale__language_code="sv")
        assert trygghet.topic.name == "Trygghet"
        assert trygghet.related_news().exists()

    def test_leads_are_one_paragraph_of_at_most_200_characters(self):
        articles = list(NewsArticlePage.objects.all())
        assert articles
        for page in articles:
            assert len(page.lead) <= 200, page.title
            assert "\n" not in page.lead
            page.full_clean()

    def test_every_body_block_type_is_used(self):
        used = set()
        for page in NewsArticlePage.objects.all():
            used |= block_types(page)
        assert used == {
            "paragraph",
            "subheading",
            "quote",
            "fact_box",
            "image",
            "document",
            "read_more",
        }
        for page in NewsArticlePage.objects.all():
            for block in page.body:
                if block.block_type == "quote":
                    assert block.value["attribution"]
                if block.block_type == "image":
                    image = block.value["image"]
                    assert image.contextual_alt_text.strip() and not image.decorative

    def test_internal_links_point_at_live_pages(self):
        chosen, in_text = set(), set()
        navigation = ServiceNavigation.for_site(Site.objects.get(is_default_site=True))
        for page in [*Page.objects.live().specific(), navigation]:
            for field in ("body", "services", "quick_links", "who", "how", "cost"):
                stream = getattr(page, field, None)
                if stream is not None:
                    prep = stream if isinstance(stream, str) else stream.get_prep_value()
                    data = json.dumps(prep)
                    chosen |= {int(i) for i in re.findall(r'"page": (\d+)', data)}
                    in_text |= {
                        int(i) for i in re.findall(r'linktype=\\"page\\" id=\\"(\d+)', data)
                    }
        assert chosen and in_text
        ids = chosen | in_text
        assert Page.objects.live().filter(pk__in=ids).count() == len(ids)

    def test_every_article_has_an_image_with_alt_text(self):
        width, height = (int(n) for n in TEST_IMAGE_SIZE.split("x"))
        articles = list(NewsArticlePage.objects.all())
        assert articles
        for page in articles:
            assert page.listing_image is not None, page.title
            assert page.listing_image_alt.strip(), page.title
            assert page.listing_image.title
            assert (page.listing_image.width, page.listing_image.height) == (width, height)
            with page.listing_image.open_file() as image_file:
                assert image_file.read(3) == b"\xff\xd8\xff"  # JPEG
        alts = [page.listing_image_alt for page in NewsArticlePage.objects.all()]
        assert len(set(alts)) == len(alts)

    def test_the_nitrogen_dioxide_report_is_a_valid_pdf_in_the_article(self):
        air = article("farre-utsatts-for-hoga-halter-av-kvavedioxid")
        documents = [b.value["document"] for b in air.body if b.block_type == "document"]
        assert len(documents) == 1
        document = documents[0]
        assert document.file_extension == "pdf"
        with document.open_file() as pdf_file:
            data = pdf_file.read()
        assert document.file_size == len(data)
        assert_valid_pdf(data, min_pages=2)

    def test_december_programme_has_seven_future_days_at_the_library(self):
        event = EventPage.objects.get(slug="hallbar-jul")
        assert event.organiser == "Stadsbiblioteket"
        assert event.is_free and event.audience == "Alla åldrar"
        occurrences = list(event.all_occurrences())
        assert len(occurrences) == 7
        now = timezone.now()
        days = [timezone.localtime(o.start).date() for o in occurrences]
        assert all(o.start > now for o in occurrences)
        assert all(day.month == 12 for day in days)
        assert days == [days[0] + timedelta(days=i) for i in range(7)]
        assert len({o.title for o in occurrences}) == 7
        assert str(timezone.localtime(occurrences[0].start).tzinfo) == "Europe/Stockholm"

    def test_other_events(self):
        market = EventPage.objects.get(slug="julmarknad-pa-radhustorget")
        schedule = market.schedule()
        # Friday to Sunday with each day's opening hours, the place said once.
        assert schedule.is_run_of_days and len(schedule.occurrences) == 3
        assert schedule.heading == "Öppettider"
        assert schedule.occurrences[0].first_day.weekday() == 4
        assert market.place == "Rådhustorget, Sundhamn"
        concert = EventPage.objects.get(slug="vinterkonsert-med-kulturskolan")
        (evening,) = concert.all_occurrences()
        assert timezone.localtime(evening.start).hour >= 18
        assert concert.price and concert.registration_url
        assert EventOccurrence.objects.upcoming(timezone.now()).count() >= 10

    def test_the_calendar_has_something_for_every_filter(self):
        calendar = EventIndexPage.objects.get()
        # Free events for children this weekend, whatever day the demo was loaded.
        response = self.client.get(f"{calendar.url}?period=i-helgen&malgrupp=barn&gratis=1")
        found = {o.event.title for o in response.context["occurrences"]}
        assert "Vinterlek i Kanalparken" in found
        assert all(
            o.event.is_free and o.event.for_children for o in response.context["occurrences"]
        )
        for query in (
            "malgrupp=unga",
            "malgrupp=vuxna",
            "malgrupp=seniorer",
            "tillganglighet=rullstol",
            "tillganglighet=horslinga",
            "period=denna-manad",
            "period=i-dag",
            *(f"kategori={c.slug}" for c in EventCategory.objects.all()),
        ):
            response = self.client.get(f"{calendar.url}?{query}")
            assert response.status_code == 200
            assert response.context["occurrences"], query

    def test_crisis_lines_and_their_hours(self):
        support = ContactCard.objects.get(name="Stödcentrum")
        assert set(support.opening_hours.values_list("days", "opens", "closes", "closed")) == {
            (Days.WEEKDAYS, time(8), time(16), False),
            (Days.HOLIDAYS, None, None, True),
        }
        duty = ContactCard.objects.get(name="Social jour")
        assert list(duty.opening_hours.values_list("days", "opens", "closes")) == [
            (Days.EVERY_DAY, time(16), time(3))
        ]
        topic = TopicPage.objects.get(slug="trygghet", locale__language_code="sv")
        assert [card.name for card in topic.contact_cards()] == ["Stödcentrum", "Social jour"]

    def test_the_crisis_page_says_the_hours_its_lines_have(self):
        """Issue 13: the crisis page's text and the crisis scenario give each line's hours as
        its contact card has them, and call nothing "dygnet runt" that is not."""
        page = StandardPage.objects.get(slug="stod-vid-akuta-handelser", locale__language_code="sv")
        cards = [block.value["card"] for block in page.body if block.block_type == "contact_card"]
        assert [card.name for card in cards] == ["Stödcentrum", "Social jour"]
        written = [
            strip_tags(str(block.value if block.block_type != "fact_box" else block.value["body"]))
            for block in page.body
            if block.block_type in ("paragraph", "subheading", "fact_box")
        ]
        text = " ".join(written + [content.CRISIS_SCENARIO["help"]]).replace("\u00a0", " ")
        for card in cards:
            intervals = {
                (interval.start.hour, interval.end.hour)
                for day in card.schedule().weekly.values()
                for interval in day
            }
            said = {
                (int(opens), int(closes))
                for opens, closes in re.findall(
                    rf"{card.name}[^.\n]*?\b(\d{{1,2}})–(\d{{1,2}})\b", text, re.IGNORECASE
                )
            }
            assert said, card.name
            assert said <= intervals, (card.name, said, intervals)
        around_the_clock = [
            card.name
            for card in cards
            if any(i.start == i.end for day in card.schedule().weekly.values() for i in day)
        ]
        if not around_the_clock:
            assert "dygnet runt" not in " ".join(written)
        # The page shows each line with a number to tap and whether it is open now.
        html = self.client.get(page.url).content.decode()
        for card in cards:
            assert f'<a href="{card.phone_numbers.get().tel_href}">' in html
        assert html.count('<p class="opening-status opening-status--') == len(cards)
        assert '<a class="tel" href="tel:112">112</a>' in html

    def test_every_phone_number_is_in_the_range_reserved_for_fiction(self):
        numbers = [
            phone.number for card in ContactCard.objects.all() for phone in card.phone_numbers.all()
        ]
        assert len(numbers) >= 5
        assert all(FICTION_PHONE.fullmatch(number) for number in numbers)
        assert OpeningHoursRule.objects.count() >= 8
        for card in ContactCard.objects.all():
            card.full_clean()

    def test_an_information_alert_is_active_for_the_whole_site(self):
        alert = Alert.objects.get()
        assert alert.level == AlertLevel.INFORMATION
        assert alert.page is None
        assert Alert.objects.active(timezone.now()).get() == alert

    def test_every_page_renders(self):
        pages = list(Page.objects.live().filter(depth__gt=1))
        assert len(pages) > 20  # the home page, listings, articles, events, topics, forms
        for page in pages:
            response = self.client.get(page.url)
            assert response.status_code == 200, page.url


def assert_valid_pdf(data: bytes, min_pages: int):
    """Header, trailer, and a cross-reference table whose offsets land on their objects."""
    assert data.startswith(b"%PDF-1.")
    assert data.rstrip().endswith(b"%%EOF")
    xref_at = int(re.search(rb"startxref\s+(\d+)\s+%%EOF", data).group(1))
    assert data[xref_at:].startswith(b"xref")
    header = re.match(rb"xref\s+0 (\d+)\s+", data[xref_at:])
    count = int(header.group(1))
    entries = data[xref_at + header.end() :].split(b"\n")[:count]
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj".encode()), number
    pages = int(re.search(rb"/Type /Pages /Count (\d+)", data).group(1))
    assert pages >= min_pages
    assert len(re.findall(rb"/Type /Page\b", data)) == pages


@pytest.mark.django_db
def test_nothing_is_saved_when_loading_fails(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    def fail(self):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(DemoLoader, "_configure_site", fail)
    pages_before = Page.objects.count()
    with pytest.raises(Exception, match="the disk is full"):
        load()
    assert Page.objects.count() == pages_before
    assert not HomePage.objects.exists()
    assert not ContactCard.objects.exists()
    assert not get_image_model().objects.exists()
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]
