"""The accessibility statement as a page type following DIGG's model (issue 11, part 9)."""

from datetime import date

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from kommunwebb.accessibility.models import AccessibilityStatementPage, Shortcoming
from kommunwebb.forms.tests.conftest import build_form_page, publish_under

pytestmark = pytest.mark.django_db


def statement(home, **fields):
    page = AccessibilityStatementPage(
        title="Tillgänglighetsredogörelse",
        slug="tillganglighetsredogorelse",
        contact_email="webb@sundhamn.example",
        contact_phone="040-628 04 00",
        response_time="inom två arbetsdagar",
        assessed_on=date(2026, 10, 1),
        reviewed_on=timezone.localdate(),
        **fields,
    )
    page.shortcomings = [
        Shortcoming(
            kind="non_compliant",
            description="Kartan går inte att använda med tangentbord.",
            requirement="2.1.1",
            fix_by=date(2027, 3, 31),
        ),
        Shortcoming(
            kind="burden",
            description="Inskannade ritningar går inte att läsa med skärmläsare.",
            reason="Det finns 40 000 ritningar.",
        ),
        Shortcoming(
            kind="out_of_scope",
            description="Dokument publicerade före den 23 september 2018.",
        ),
    ]
    home.add_child(instance=page)
    page.save_revision().publish()
    return AccessibilityStatementPage.objects.get(pk=page.pk)


def text(client, page) -> BeautifulSoup:
    return BeautifulSoup(client.get(page.url).content, "html.parser")


def test_the_statement_has_the_parts_digg_asks_for(client, home):
    form = publish_under(home, build_form_page())
    page = statement(home, feedback_page=form)
    html = text(client, page)
    headings = [h.get_text(strip=True) for h in html.select("main h2")]
    assert headings == [
        "Hur tillgänglig är webbplatsen?",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Teknisk information om webbplatsens tillgänglighet",
        "Innehåll som inte är tillgängligt",
        "Hur vi har testat webbplatsen",
    ]
    assert [h.get_text(strip=True) for h in html.select("main h3")] == [
        "Brister mot lagens krav",
        "Oskäligt betungande anpassning",
        "Innehåll som inte omfattas av lagen",
    ]
    body = html.select_one("main").get_text(" ", strip=True)
    assert "delvis förenlig med lagen (2018:1937)" in body
    assert "nivå AA i standarden Web Content Accessibility Guidelines (WCAG) version 2.1" in body
    assert "Uppfyller inte: 2.1.1 Tangentbord. Ska vara åtgärdat senast 31 mars 2027." in body
    assert "Det finns 40 000 ritningar." in body
    assert "Den senaste bedömningen gjordes den 1 oktober 2026." in body
    assert "Vi svarar normalt inom två arbetsdagar." in body
    links = {a.get_text(strip=True): a["href"] for a in html.select("main a")}
    assert links["Anmäl bristande tillgänglighet till DIGG"] == "https://www.digg.se/tdosanmalan"
    assert links["Rapportera en brist i tillgängligheten"] == form.url
    assert links["040-628 04 00"] == "tel:+46406280400"


@pytest.mark.parametrize(
    ("compliance", "sentence"),
    [
        ("full", "Webbplatsen är helt förenlig med lagen"),
        ("none", "Webbplatsen är inte förenlig med lagen"),
    ],
)
def test_each_compliance_status_has_its_sentence(client, home, compliance, sentence):
    page = statement(home, compliance=compliance)
    assert sentence in text(client, page).select_one("main").get_text(" ", strip=True)


def test_without_a_form_the_email_is_the_way_to_report(client, home):
    page = statement(home)
    body = text(client, page).select_one("main").get_text(" ", strip=True)
    assert "Skriv till webb@sundhamn.example." in body


def test_a_shortcoming_needs_the_requirement_and_a_date_or_a_reason():
    with pytest.raises(ValidationError) as error:
        Shortcoming(kind="non_compliant", description="Kartan").clean()
    assert set(error.value.message_dict) == {"requirement", "fix_by"}
    with pytest.raises(ValidationError) as error:
        Shortcoming(kind="burden", description="Ritningar").clean()
    assert set(error.value.message_dict) == {"reason"}
    Shortcoming(kind="out_of_scope", description="Gamla dokument").clean()


def test_a_way_to_reach_someone_is_required(home):
    page = AccessibilityStatementPage(
        title="T", slug="t", assessed_on=date(2026, 1, 1), reviewed_on=date(2026, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "contact_email" in error.value.message_dict


def test_an_editor_creates_one_in_the_admin(admin_client, home):
    url = reverse(
        "wagtailadmin_pages:add", args=["accessibility", "accessibilitystatementpage", home.pk]
    )
    data = nested_form_data(
        {
            "title": "Tillgänglighetsredogörelse",
            "slug": "tillganglighetsredogorelse",
            "compliance": "partial",
            "wcag_version": "2.1",
            "contact_email": "webb@sundhamn.example",
            "contact_phone": "",
            "response_time": "",
            "complaint_url": "https://www.digg.se/tdosanmalan",
            "assessment_method": "self",
            "assessed_by": "",
            "assessment": rich_text("<p>Axe och skärmläsare.</p>"),
            "assessed_on": "2026-10-01",
            "site_published_on": "",
            "reviewed_on": "2026-10-15",
            "shortcomings": inline_formset(
                [
                    {
                        "kind": "non_compliant",
                        "description": "Kartan går inte att använda med tangentbord.",
                        "requirement": "2.1.1",
                        "fix_by": "",
                        "reason": "",
                    }
                ]
            ),
            "action-publish": "publish",
        }
    )
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "Ange när bristen ska vara åtgärdad." in refused.content.decode()
    assert not AccessibilityStatementPage.objects.exists()
    data["shortcomings-0-fix_by"] = "2027-03-31"
    assert admin_client.post(url, data).status_code == 302
    page = AccessibilityStatementPage.objects.get()
    assert page.live
    assert [item.requirement_label() for item in page.shortcomings.all()] == ["2.1.1 Tangentbord"]
    # One statement per site: the type is not offered again under the home page.
    assert not AccessibilityStatementPage.can_create_at(Page.objects.get(pk=home.pk))


def test_the_admin_warns_when_the_statement_is_older_than_twelve_months(admin_client, home):
    with time_machine.travel("2025-09-01 10:00 +02:00"):
        page = statement(home)
    AccessibilityStatementPage.objects.filter(pk=page.pk).update(reviewed_on=date(2025, 9, 1))
    with time_machine.travel("2026-09-02 10:00 +02:00"):
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert (
            "uppdaterades senast 2025-09-01, för mer än tolv månader sedan" in edit.content.decode()
        )
        dashboard = BeautifulSoup(
            admin_client.get(reverse("wagtailadmin_home")).content, "html.parser"
        )
        panel = dashboard.select_one("#outdated-accessibility-statement-section")
        assert panel is not None
        assert "2025-09-01" in panel.get_text()
    with time_machine.travel("2026-08-31 10:00 +02:00"):
        dashboard = BeautifulSoup(
            admin_client.get(reverse("wagtailadmin_home")).content, "html.parser"
        )
        assert dashboard.select_one("#outdated-accessibility-statement-section") is None


def test_review_due_is_twelve_calendar_months_later(home):
    page = statement(home)
    page.reviewed_on = date(2024, 2, 29)
    assert page.review_due() == date(2025, 2, 28)
    assert page.is_outdated(date(2025, 3, 1))
    assert not page.is_outdated(date(2025, 2, 28))
