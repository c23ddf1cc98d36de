"""The demo's service areas, service pages, e-services, political bodies and the site-wide
"Hitta snabbt" and "Populära tjänster", from ``services_content`` and ``politics_content``.

Called by ``DemoLoader`` in three steps: the areas first (topic and information pages are
placed under them), then every other page unpublished, and once the form pages exist (an
e-service can be a form on the site) everything is filled in and published.
"""

from datetime import timedelta

from kommunwebb.core import dates as core_dates
from kommunwebb.politics.models import CommitteePage, Meeting
from kommunwebb.services.models import (
    AreaContact,
    AreaPopularService,
    EService,
    EServiceIndexPage,
    ServiceAreaPage,
    ServiceContact,
    ServiceIndexPage,
    ServiceNavigation,
    ServicePage,
    ServiceRelatedPage,
)

from . import dates, pdf
from .politics_content import CLOSING, COMMITTEES, OPENING, Committee
from .services_content import (
    AREAS,
    AZ_PAGE,
    ESERVICES,
    ESERVICES_PAGE,
    ETJANSTER,
    POPULAR_SERVICES,
    QUICK_LINKS,
    SERVICES,
)


def service_key(key: str) -> str:
    return f"service:{key}"


# --- Pass 1: the tree ---------------------------------------------------------------------------


def add_areas(loader) -> None:
    for data in AREAS:
        loader._add(
            data.key,
            "home",
            ServiceAreaPage(
                title=data.title,
                slug=data.slug,
                intro=data.intro,
                topic=loader.topics.get(data.topic),
                show_in_menus=True,
            ),
        )


def add_pages(loader) -> None:
    for data in SERVICES:
        loader._add(
            service_key(data.key),
            data.area,
            ServicePage(
                title=data.title,
                slug=data.slug,
                intro=data.intro,
                index_name=data.index_name,
                processing_time=data.processing_time,
                show_in_menus=data.in_menu,
            ),
        )
    for data, page_class in ((AZ_PAGE, ServiceIndexPage), (ESERVICES_PAGE, EServiceIndexPage)):
        loader._add(
            data["key"],
            "home",
            page_class(title=data["title"], slug=data["slug"], intro=data["intro"]),
        )
    for data in COMMITTEES:
        loader._add(
            f"committee:{data.key}",
            "area:politik",
            CommitteePage(
                title=data.title,
                slug=data.slug,
                intro=data.intro,
                contact=loader.contacts["kansli"],
                show_in_menus=data.in_menu,
            ),
        )


# --- Pass 2: content and publishing -------------------------------------------------------------


def publish(loader) -> None:
    eservices = _create_eservices(loader)
    for data in SERVICES:
        page = loader.pages[service_key(data.key)]
        page.eservice = eservices.get(data.eservice)
        page.who = loader._rich_text(data.who)
        page.how = loader._rich_text(data.how)
        page.cost = loader._rich_text(data.cost)
        page.body = loader._stream(data.body)
        page.contact_links = [ServiceContact(card=loader.contacts[key]) for key in data.contacts]
        page.related_links = [
            ServiceRelatedPage(related_page=loader.pages[key]) for key in data.related
        ]
        loader._publish(page, days_ago=30)
    for data in AREAS:
        page = loader.pages[data.key]
        page.popular_links = [
            AreaPopularService(service=loader.pages[service_key(key)]) for key in data.popular
        ]
        page.contact_links = [AreaContact(card=loader.contacts[key]) for key in data.contacts]
        page.body = loader._stream(data.body)
        loader._publish(page, days_ago=40)
    loader._publish(loader.pages[AZ_PAGE["key"]], days_ago=30)
    loader._publish(loader.pages[ESERVICES_PAGE["key"]], days_ago=30)
    for data in COMMITTEES:
        page = loader.pages[f"committee:{data.key}"]
        page.meetings = _meetings(loader, data)
        page.body = loader._stream(data.body)
        loader._publish(page, days_ago=1)


def configure_navigation(loader, site) -> None:
    navigation = ServiceNavigation.for_site(site)
    navigation.quick_links = loader._services(QUICK_LINKS)
    navigation.popular_services = [
        ("service", loader.pages[service_key(key)]) for key in POPULAR_SERVICES
    ]
    navigation.save()


def _create_eservices(loader) -> dict[str, EService]:
    created = {}
    for data in ESERVICES:
        eservice = EService(
            name=data.name,
            description=data.description,
            url=f"{ETJANSTER}/{data.path}/" if data.path else "",
            page=loader.pages[data.page] if data.page else None,
            requires_eid=data.requires_eid,
            support=loader.contacts[data.support],
        )
        eservice.full_clean()
        eservice.save()
        eservice.save_revision().publish()
        created[data.key] = eservice
    return created


def _time_text(start, minutes: int) -> str:
    end = start + timedelta(minutes=minutes)
    return f"kl. {core_dates.time_range(start, end, fixed=True)}"


def _agenda(committee: Committee, index: int) -> list:
    """Two or three of the body's own matters, a different selection for each meeting."""
    count = 3 if len(committee.items) > 3 else 2
    return [committee.items[(index + step) % len(committee.items)] for step in range(count)]


def _meetings(loader, data: Committee) -> list[Meeting]:
    past, future = dates.monthly_meetings(loader.today, data.weekday, data.nth)
    meetings = []
    for index, day in enumerate(past):
        start = dates.local(day, data.hour, data.minute)
        date_text = dates.swedish_date(day)
        items = [*OPENING, *_agenda(data, index), *CLOSING]
        first_number = (day.month - 1) * 8 + 1
        paragraphs = [
            pdf.Paragraph(first_number + offset, item.title, item.background, item.decision)
            for offset, item in enumerate(items)
        ]
        document = loader._document(
            f"Protokoll {data.title} {date_text}",
            f"protokoll-{data.slug}-{day.isoformat()}.pdf",
            pdf.minutes(
                committee=data.title,
                date_text=date_text,
                place=data.place,
                time_text=_time_text(start, data.length),
                present=data.members[1:],
                chair=data.chair,
                secretary=data.secretary,
                adjuster=data.members[1],
                adjusted_text=f"Stadshuset, {dates.swedish_date(day + timedelta(days=7))}",
                paragraphs=paragraphs,
            ),
        )
        loader.documents[f"minutes:{data.key}:{day.isoformat()}"] = document
        meetings.append(Meeting(start=start, place=data.place, minutes=document, note=data.note))
    for index, day in enumerate(future):
        start = dates.local(day, data.hour, data.minute)
        agenda = None
        if index == 0:
            date_text = dates.swedish_date(day)
            items = [*OPENING, *_agenda(data, len(past)), *CLOSING]
            agenda = loader._document(
                f"Kallelse {data.title} {date_text}",
                f"kallelse-{data.slug}-{day.isoformat()}.pdf",
                pdf.notice(
                    committee=data.title,
                    date_text=date_text,
                    place=data.place,
                    time_text=_time_text(start, data.length),
                    chair=data.chair,
                    secretary=data.secretary,
                    items=[
                        pdf.Paragraph(n, i.title, i.background, "") for n, i in enumerate(items)
                    ],
                ),
            )
            loader.documents[f"notice:{data.key}:{day.isoformat()}"] = agenda
        meetings.append(Meeting(start=start, place=data.place, agenda=agenda, note=data.note))
    return meetings
