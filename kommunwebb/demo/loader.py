"""Builds the Sundhamn demo site from ``content.py``.

Pages are made in two passes: first every page is added to the tree unpublished, so each has an
id; then streams (which link to each other) are filled in and every page is published. News
dates are moved into the past afterwards, as if the articles had been written over the last
weeks. Run it inside a transaction: ``load_demo_data`` does.
"""

import re
from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Site

from kommunwebb.accessibility.models import AccessibilityStatementPage, Shortcoming
from kommunwebb.alerts.models import Alert, AlertLevel, Crisis
from kommunwebb.contacts.models import (
    ContactCard,
    OpeningHoursException,
    OpeningHoursRule,
    PhoneNumber,
)
from kommunwebb.core.models import SiteSettings, StandardPage
from kommunwebb.events.models import EventCategory, EventIndexPage, EventOccurrence, EventPage
from kommunwebb.events.vocabulary import AUDIENCES
from kommunwebb.feedback.models import PageFeedback
from kommunwebb.home.models import HomePage
from kommunwebb.news.models import NewsArticlePage, NewsIndexPage
from kommunwebb.review.models import PageReview, ResponsibleUnit
from kommunwebb.review.ownership import ensure_review
from kommunwebb.roles.sections import require_review, section_group
from kommunwebb.taxonomy.models import Topic
from kommunwebb.topics.models import TopicContact, TopicPage

from . import (
    calendar,
    content,
    dates,
    form_pages,
    images,
    languages,
    pdf,
    service_pages,
    services_content,
)

_PAGE_LINK = re.compile(r'<a page="([^"]+)">')


def _time(text: str | None) -> time | None:
    return time.fromisoformat(text) if text else None


class DemoLoader:
    def __init__(self, now: datetime | None = None, image_size=images.DEFAULT_SIZE):
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.december = dates.coming_december(self.today)
        self.image_size = image_size
        self.pages: dict[str, Page] = {}
        self.contacts: dict[str, ContactCard] = {}
        self.documents = {}
        self.topics: dict[str, Topic] = {}
        # Event page key -> its body, filled in when the pages are published.
        self.event_bodies: dict[str, list] = {}
        # (event id, sort order) -> (first day, last day) of all-day occurrences.
        # Files written to media storage, removed again if the transaction fails.
        self.written_files: list = []
        self.rendition_files: list = []

    # --- Entry point --------------------------------------------------------------------------

    def load(self) -> dict[str, int]:
        try:
            self._load()
        except BaseException:
            for field_file in self.written_files + self.rendition_files:
                field_file.storage.delete(field_file.name)
            raise
        return {
            "pages": len(self.pages),
            "articles": len(content.ARTICLES),
            "events": len(content.EVENTS) + len(calendar.EVENTS),
            "contacts": len(self.contacts),
            "images": len(self.written_files) - len(self.documents),
        }

    def _load(self):
        self._create_topics()
        self.categories = {
            key: EventCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
            for key, (name, slug) in calendar.CATEGORIES.items()
        }
        self._create_contacts()
        self.documents["report"] = self._document(
            content.REPORT_TITLE,
            "kvavedioxid-i-sundhamn-1996-2025.pdf",
            pdf.air_quality_report(self.today.year),
        )
        self._add_pages()
        self._publish_pages()
        form_pages.add_form_pages(self)
        self._publish_accessibility_statement()
        service_pages.publish(self)
        languages.add_languages(self)
        self._configure_site()
        self._configure_search()
        self._give_sections()
        self._assign_owners()
        self._add_feedback()
        self._add_alert()
        self._prepare_crisis()

    def _give_sections(self):
        """The demo's editors write in their own sections (docs/editors.md); pages about
        crisis support and safety are reviewed before they are published."""
        section_group("Sektion: Nyheter och kalender", self.pages["news"])
        section_group("Sektion: Nyheter och kalender", self.pages["events"])
        section_group("Sektion: Trygghet", self.pages["trygghet"])
        section_group("Sektion: Miljö", self.pages["miljo"])
        require_review(self.pages["trygghet"])

    def _add_alert(self):
        """The winter alert, published yesterday and updated this morning, so its history
        shows what an update looks like; it takes itself down in three months."""
        alert = Alert(
            title=content.ALERT["title"],
            message=content.ALERT["message"],
            level=AlertLevel.INFORMATION,
            expire_at=self.now + timedelta(days=90),
            live=False,
        )
        alert.save()
        self._publish_snippet(alert, self.now - timedelta(days=1))
        alert.message = f"{content.ALERT['message']} {content.ALERT['update']}"
        alert.update_note = content.ALERT["update"]
        self._publish_snippet(alert, self.now - timedelta(hours=2))

    def _prepare_crisis(self):
        """The crisis scenario, as a draft: publishing it in the admin ("Krisläge")
        switches crisis mode on (docs/crisis.md)."""
        crisis = Crisis(**content.CRISIS_SCENARIO, live=False)
        crisis.more_page = self.pages.get("trygghet")
        crisis.save()
        crisis.save_revision()

    def _publish_snippet(self, obj, when: datetime):
        """Publish a snippet's current fields as a new revision, dated ``when``."""
        revision = obj.save_revision()
        revision.publish()
        type(revision).objects.filter(pk=revision.pk).update(created_at=when)
        ModelLogEntry.objects.filter(revision=revision).update(timestamp=when)
        fields = {"last_published_at": when}
        if obj.first_published_at is None:
            fields["first_published_at"] = when
        type(obj).objects.filter(pk=obj.pk).update(**fields)
        obj.refresh_from_db()

    # --- Things pages refer to ----------------------------------------------------------------

    def _create_topics(self):
        for name, slug in content.TOPICS.items():
            self.topics[name], _ = Topic.objects.get_or_create(name=name, defaults={"slug": slug})

    def _create_contacts(self):
        for data in content.CONTACTS + services_content.CONTACTS:
            card = ContactCard(
                name=data.name,
                description=data.description,
                email=data.email,
                address=data.address,
            )
            card.phone_numbers = [
                PhoneNumber(label=label, number=number) for label, number in data.phones
            ]
            card.opening_hours = [
                OpeningHoursRule(
                    days=days, opens=_time(opens), closes=_time(closes), closed=opens is None
                )
                for days, opens, closes in data.hours
            ]
            card.opening_hours_exceptions = [
                OpeningHoursException(
                    date=datetime(self.december, 12, day).date(),
                    opens=_time(opens),
                    closes=_time(closes),
                    closed=opens is None,
                    note=note,
                )
                for day, opens, closes, note in data.december_exceptions
            ]
            card.full_clean()
            card.save()
            self.contacts[data.key] = card

    def _image(self, picture: content.Picture | None):
        if picture is None:
            return None
        jpeg = images.render_jpeg(picture.scene, picture.seed, self.image_size)
        name = f"{picture.scene}-{picture.seed}.jpg"
        image = get_image_model()(
            title=picture.title, file=ImageFile(ContentFile(jpeg, name=name), name=name)
        )
        image._set_image_file_metadata()
        image.save()
        self.written_files.append(image.file)
        return image

    def _document(self, title: str, filename: str, data: bytes):
        document = get_document_model()(title=title, file=ContentFile(data, name=filename))
        document._set_document_file_metadata()
        document.save()
        self.written_files.append(document.file)
        return document

    # --- Pass 1: the page tree ----------------------------------------------------------------

    def _add(self, key: str, parent_key: str | None, page: Page) -> Page:
        page.live = False
        parent = self.pages[parent_key] if parent_key else Page.get_first_root_node()
        parent.add_child(instance=page)
        self.pages[key] = page
        return page

    def _add_pages(self):
        home = content.HOME
        self._add(
            "home", None, HomePage(title=home["title"], slug=home["slug"], intro=home["intro"])
        )
        # The service areas first: they are the main menu, and topic pages go under them.
        service_pages.add_areas(self)
        for key, data in (("news", content.NEWS_INDEX), ("events", content.EVENT_INDEX)):
            index_class = NewsIndexPage if key == "news" else EventIndexPage
            self._add(
                key,
                "home",
                index_class(title=data["title"], slug=data["slug"], intro=data["intro"]),
            )
        for data in content.TOPIC_PAGES:
            topic = TopicPage(
                title=data.title,
                slug=data.slug,
                intro=data.intro,
                topic=self.topics[data.topic],
                show_in_menus=data.show_in_menus,
            )
            topic.contact_links = [TopicContact(card=self.contacts[key]) for key in data.contacts]
            self._add(data.key, data.parent, topic)
        for data in content.STANDARD_PAGES:
            self._add(
                data.key,
                data.parent,
                StandardPage(
                    title=data.title,
                    slug=data.slug,
                    intro=data.intro,
                    show_in_menus=data.show_in_menus,
                ),
            )
        self._add_accessibility_statement()
        for data in content.EVENTS:
            self._add_event(data, calendar.FACTS[data.key], self._occurrences(data.key))
        for extra in calendar.EVENTS:
            self._add_event(extra.event, extra.facts, self._calendar_occurrences(extra.when))
        for data in content.ARTICLES:
            article = NewsArticlePage(
                title=data.title,
                slug=data.slug,
                lead=data.lead,
                listing_image=self._image(data.picture),
                listing_image_alt=data.picture.alt,
                contact=self.contacts.get(data.contact),
            )
            article.topics = [self.topics[name] for name in data.topics]
            self._add(f"article:{data.key}", "news", article)
        service_pages.add_pages(self)

    def _add_event(self, data: content.Event, facts: calendar.Facts, occurrences):
        event = EventPage(
            title=data.title,
            slug=data.slug,
            lead=data.lead,
            image=self._image(data.picture),
            image_alt=data.picture.alt if data.picture else "",
            venue=data.venue,
            address=data.address,
            organiser=data.organiser,
            audience=data.audience,
            price=data.price,
            price_note=data.price_note,
            registration_url=data.registration_url,
            wheelchair_accessible=facts.wheelchair,
            hearing_loop=facts.hearing_loop,
            **{AUDIENCES[slug][0]: True for slug in facts.audiences},
        )
        event.occurrences = occurrences
        self._add(f"event:{data.key}", "events", event)
        event.categories.set([self.categories[key] for key in facts.categories])
        self.event_bodies[f"event:{data.key}"] = data.body

    def _calendar_occurrences(self, when: tuple[calendar.When, ...]) -> list[EventOccurrence]:
        """calendar.py's dates: "weekend" counts from the Saturday of the coming weekend (or
        of this one, on a Sunday), "today" from the day of loading."""
        saturday = dates.weekend_saturday(self.today)
        occurrences = []
        for slot in when:
            day = (saturday if slot.anchor == "weekend" else self.today) + timedelta(slot.days)
            if slot.start is None:
                last = day + timedelta(days=slot.length - 1)
                occurrences.append(
                    EventOccurrence(
                        all_day=True, start=dates.local(day, 0), end=dates.local(last, 0)
                    )
                )
            else:
                occurrences.append(
                    EventOccurrence(
                        start=dates.local(day, *_hm(slot.start)),
                        end=dates.local(day, *_hm(slot.end)),
                    )
                )
        return occurrences

    def _occurrences(self, key: str) -> list[EventOccurrence]:
        """Dates relative to today: the December ones in the coming December, the others a few
        weeks ahead, so the calendar is never empty whenever the demo is loaded."""
        if key == "hallbar-jul":
            monday = dates.first_monday_of_december(self.december)
            return [
                EventOccurrence(
                    title=title,
                    start=dates.local(monday + timedelta(days=offset), *_hm(start)),
                    end=dates.local(monday + timedelta(days=offset), *_hm(end)),
                )
                for offset, (title, start, end) in enumerate(content.CHRISTMAS_WEEK)
            ]
        if key == "julmarknad":
            # Friday to Sunday, with different hours each day.
            friday = dates.first_monday_of_december(self.december) + timedelta(days=11)
            return [
                EventOccurrence(
                    start=dates.local(friday + timedelta(days=offset), *_hm(opens)),
                    end=dates.local(friday + timedelta(days=offset), *_hm(closes)),
                )
                for offset, (opens, closes) in enumerate(calendar.MARKET_HOURS)
            ]
        if key == "vinterkonsert":
            thursday = dates.next_weekday(self.today, 3, at_least_days=14)
            return [EventOccurrence(start=dates.local(thursday, 19), end=dates.local(thursday, 21))]
        if key == "stadsvandring":
            saturday = dates.next_weekday(self.today, 5, at_least_days=21)
            return [
                EventOccurrence(start=dates.local(saturday, 11), end=dates.local(saturday, 12, 30))
            ]
        raise ValueError(f"no dates for event {key!r}")

    # --- Pass 2: streams, publishing and dates ------------------------------------------------

    def _publish_pages(self):
        home = self.pages["home"]
        home.hero_image = self._image(content.HOME["hero"])
        # The sizes home_page.html asks for, made now rather than by the first visitor.
        renditions = home.hero_image.get_renditions(
            *(f"fill-{size}-c75|format-webp" for size in ("800x450", "1280x720", "1920x1080"))
        )
        # Their files too are removed if loading fails later.
        self.rendition_files += [rendition.file for rendition in renditions.values()]
        home.hero_image_alt = content.HOME["hero"].alt
        home.hero_link_text, hero_link = content.HOME["hero_link"]
        home.hero_link = self.pages[hero_link]
        self._publish(home, days_ago=60)
        self._publish(self.pages["news"], days_ago=60)
        self._publish(self.pages["events"], days_ago=60)
        for data in content.TOPIC_PAGES:
            page = self.pages[data.key]
            page.services = self._services(data.services)
            page.body = self._stream(data.body)
            self._publish(page, days_ago=45)
        for data in content.STANDARD_PAGES:
            page = self.pages[data.key]
            page.body = self._stream(data.body)
            self._publish(page, days_ago=45)
        for key, body in self.event_bodies.items():
            page = self.pages[key]
            page.body = self._stream(body)
            self._publish(page, days_ago=7)
        # Oldest first, so the revision history reads in the order the news was written.
        for index, data in enumerate(sorted(content.ARTICLES, key=lambda a: -a.days_ago)):
            page = self.pages[f"article:{data.key}"]
            page.body = self._stream(data.body)
            published = dates.local(
                self.today - timedelta(days=data.days_ago), 8 + index % 3, (index * 17) % 60
            )
            if data.updated_after_days is None:
                self._publish(page, at=published)
            else:
                self._publish(page, at=published)
                page.body = self._stream(_with_addendum(data.body, data.addendum))
                self._publish(page, at=published + timedelta(days=data.updated_after_days, hours=3))

    def _publish(self, page: Page, days_ago: int | None = None, at: datetime | None = None):
        revision = page.save_revision()
        revision.publish()
        # Publishing works on a copy made from the revision; bring its results back.
        page.refresh_from_db(
            fields=["live", "first_published_at", "last_published_at", "live_revision"]
        )
        when = at or self.now - timedelta(days=days_ago or 0)
        if when >= self.now:
            return
        # Publishing stamps "now"; move the page's own history back to when it "happened".
        first = page.first_published_at if page.first_published_at < when else when
        Page.objects.filter(pk=page.pk).update(
            first_published_at=first, last_published_at=when, latest_revision_created_at=when
        )
        page.first_published_at, page.last_published_at = first, when
        revision.__class__.objects.filter(pk=revision.pk).update(created_at=when)
        PageLogEntry.objects.filter(revision=revision).update(timestamp=when)

    def _services(self, services: list[content.Service]):
        return [
            (
                "service",
                {
                    "title": service.title,
                    "description": service.description,
                    "page": self.pages[service.page] if service.page else None,
                    "url": service.url or "",
                },
            )
            for service in services
        ]

    def _stream(self, blocks: list) -> list:
        return [(name, self._block_value(name, value)) for name, value in blocks]

    def _block_value(self, name: str, value):
        if name == "paragraph":
            return self._rich_text(value)
        if name == "fact_box":
            return {**value, "body": self._rich_text(value["body"])}
        if name == "image":
            picture = value["picture"]
            return {
                # Wagtail's ImageBlock: the image, its alternative text, and the flag for an
                # image that is only decoration (none in the demo).
                "image": {
                    "image": self._image(picture),
                    "decorative": False,
                    "alt_text": picture.alt,
                },
                "caption": value["caption"],
                "credit": value["credit"],
            }
        if name == "document":
            return {"document": self.documents[value["document"]], "title": value["title"]}
        if name == "contact_card":
            # A chosen card: the fields for one written in the block stay empty.
            card = self.contacts[value["card"]]
            return {"card": card, "name": "", "description": "", "phone": "", "hours": []}
        if name == "read_more":
            return {
                "heading": value["heading"],
                "links": [
                    {
                        "text": link.text,
                        "page": self.pages[link.page] if link.page else None,
                        "url": link.url or "",
                    }
                    for link in value["links"]
                ],
            }
        return value

    def _rich_text(self, html: str) -> str:
        html = html.replace("{today}", dates.swedish_date(self.today))
        return _PAGE_LINK.sub(
            lambda match: f'<a linktype="page" id="{self.pages[match.group(1)].pk}">', html
        )

    # --- The accessibility statement -----------------------------------------------------------

    def _add_accessibility_statement(self):
        data = content.ACCESSIBILITY_STATEMENT
        statement = AccessibilityStatementPage(
            title=data["title"],
            slug=data["slug"],
            compliance=data["compliance"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            response_time=data["response_time"],
            assessment=data["assessment"],
            assessed_on=self.today - timedelta(days=data["assessed_days_ago"]),
            site_published_on=self.today - timedelta(days=data["site_published_days_ago"]),
            reviewed_on=self.today,
        )
        statement.shortcomings = [
            Shortcoming(
                kind=item["kind"],
                description=item["description"],
                requirement=item.get("requirement", ""),
                fix_by=self.today + timedelta(days=item["fix_in_days"])
                if "fix_in_days" in item
                else None,
                reason=item.get("reason", ""),
            )
            for item in data["shortcomings"]
        ]
        self._add("accessibility", "home", statement)

    def _publish_accessibility_statement(self):
        # Reporting a problem goes through the demo's feedback form, made just before.
        statement = self.pages["accessibility"]
        statement.feedback_page = self.pages["form:feedback"]
        self._publish(statement)

    # --- Who answers for which page -----------------------------------------------------------

    def _assign_owners(self):
        units = {
            key: ResponsibleUnit.objects.get_or_create(name=name, defaults={"email": email})[0]
            for key, (name, email) in content.UNITS.items()
        }
        owner_of = {self.pages[key].pk: units[unit] for key, unit in content.PAGE_OWNERS.items()}
        inherited, by_translation = {}, {}
        # Tree order: a page's section has its unit before the page is reached, and the
        # Swedish tree comes before its translations, which answer to the same unit.
        for page in Page.objects.filter(live=True, depth__gt=1).order_by("path"):
            parent_unit = inherited.get(page.path[: -Page.steplen])
            unit = owner_of.get(page.pk, parent_unit) or by_translation.get(page.translation_key)
            inherited[page.path] = unit
            by_translation.setdefault(page.translation_key, unit)
            review = ensure_review(page)
            review.unit = inherited[page.path]
            review.save(update_fields=["unit"])
        for key, days in content.REVIEW_IN_DAYS.items():
            PageReview.objects.filter(page=self.pages[key]).update(
                review_by=self.today + timedelta(days=days)
            )

    # --- What visitors answered --------------------------------------------------------------

    def _add_feedback(self):
        answers = []
        for key, (yes, no, comments) in content.FEEDBACK.items():
            page = self.pages.get(key) or self.pages.get(f"article:{key}")
            for index in range(yes + no):
                # Spread over the last three weeks, one every few hours.
                answers.append(
                    PageFeedback(
                        page=page,
                        helpful=index < yes,
                        created_at=self.now - timedelta(hours=7 + index * 13),
                    )
                )
            for offset, (helpful, text) in enumerate(comments):
                when = self.now - timedelta(days=2 + offset, hours=3)
                answers.append(
                    PageFeedback(
                        page=page, helpful=helpful, comment=text, created_at=when, commented_at=when
                    )
                )
        PageFeedback.objects.bulk_create(answers)

    # --- The site -----------------------------------------------------------------------------

    def _configure_site(self):
        home = self.pages["home"]
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            site = Site(hostname="localhost", port=80)
        site.root_page = home
        site.is_default_site = True
        site.site_name = content.ORGANISATION
        site.save()
        # Wagtail's "Welcome to your new Wagtail site!" page: a plain Page with nothing under it.
        for page in Page.get_first_root_node().get_children().exact_type(Page):
            if page.numchild == 0 and not Site.objects.filter(root_page=page).exists():
                page.delete()

        settings = SiteSettings.for_site(site)
        settings.organisation_name = content.ORGANISATION
        settings.phone = content.SWITCHBOARD
        settings.email = content.EMAIL
        settings.visiting_address = content.VISITING_ADDRESS
        settings.postal_address = content.POSTAL_ADDRESS
        settings.about_page = self.pages["about"]
        settings.cookies_page = self.pages["cookies"]
        settings.privacy_page = self.pages["privacy"]
        settings.accessibility_page = self.pages["accessibility"]
        settings.save()
        service_pages.configure_navigation(self, site)

    def _configure_search(self):
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from kommunwebb.search.models import SynonymGroup

        for terms in content.SYNONYMS:
            SynonymGroup.objects.get_or_create(terms=terms)
        for query_string, key in content.PROMOTIONS.items():
            query = Query.get(query_string)
            SearchPromotion.objects.get_or_create(
                query=query, page=self.pages[key], defaults={"sort_order": 0}
            )


def _hm(text: str) -> tuple[int, int]:
    hour, minute = text.split(":")
    return int(hour), int(minute)


def _with_addendum(body: list, addendum: list) -> list:
    """An update goes at the end of the text, above a closing "Läs mer" list."""
    if body and body[-1][0] == "read_more":
        return body[:-1] + addendum + body[-1:]
    return body + addendum
