"""Form pages: publishing rules, the page a visitor sees, and every way a POST can go."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from wagtail.test.utils import WagtailPageTestCase

from kommunwebb.forms import spam
from kommunwebb.forms.models import Delivery, FormPage, FormSubmission
from kommunwebb.home.models import HomePage
from kommunwebb.topics.models import TopicPage

from .conftest import build_form_page, csrf_from, form_token, post_data

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def nothing_stored():
    return not FormSubmission.objects.exists() and not Delivery.objects.exists()


# --- Publishing ------------------------------------------------------------------------


class TestTree(WagtailPageTestCase):
    def test_form_pages_go_under_home_and_topics_only(self):
        self.assertAllowedParentPageTypes(FormPage, {HomePage, TopicPage})
        self.assertAllowedSubpageTypes(FormPage, set())


@pytest.mark.parametrize(
    "missing", ["privacy_purpose", "privacy_legal_basis", "privacy_recipients"]
)
def test_cannot_be_published_without_its_privacy_notice(home, missing):
    page = build_form_page(live=False, **{missing: ""})
    home.add_child(instance=page)  # a draft may be incomplete
    with pytest.raises(ValidationError) as error:
        page.save_revision().publish()
    assert missing in error.value.message_dict
    assert not FormPage.objects.live().exists()


def test_cannot_be_published_without_somewhere_to_send_to(home):
    page = build_form_page(live=False, to_address="")
    home.add_child(instance=page)
    with pytest.raises(ValidationError) as error:
        page.save_revision().publish()
    assert "to_address" in error.value.message_dict


@override_settings(CITYFORMS_WEBHOOK_SECRET="")
def test_a_webhook_needs_https_and_a_signing_secret(home):
    page = build_form_page(live=False, to_address="", webhook_url="http://arende.example/in")
    home.add_child(instance=page)
    with pytest.raises(ValidationError) as error:
        page.save_revision().publish()
    messages = " ".join(error.value.message_dict["webhook_url"])
    assert "https://" in messages and "KOMMUNWEBB_FORMS_WEBHOOK_SECRET" in messages


def test_retention_defaults_to_six_months_and_is_bounded(home):
    page = build_form_page()
    assert page.retention_months == 6
    page.retention_months = 0
    page.live = False
    home.add_child(instance=page)
    with pytest.raises(ValidationError):
        page.save_revision().publish()


def test_admin_form_defers_the_notice_for_drafts_and_requires_it_to_publish(home, admin_client):
    url = f"/admin/pages/add/cityforms/formpage/{home.pk}/"
    data = {
        "title": "Utkast",
        "slug": "utkast",
        "form_fields-TOTAL_FORMS": "0",
        "form_fields-INITIAL_FORMS": "0",
        "form_fields-MIN_NUM_FORMS": "0",
        "form_fields-MAX_NUM_FORMS": "1000",
        "retention_months": "6",
        "privacy_legal_basis": "",
    }
    assert admin_client.post(url, data).status_code == 302  # saved as a draft
    draft = FormPage.objects.get(slug="utkast")
    assert not draft.live
    response = admin_client.post(url, {**data, "slug": "publicerad", "action-publish": "1"})
    assert response.status_code == 200  # the form again, with errors
    assert not FormPage.objects.filter(slug="publicerad").exists()


# --- The page a visitor sees -----------------------------------------------------------


def test_form_page_shows_the_notice_beside_the_form_and_is_never_cached(form_page, client):
    response = client.get(form_page.url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    page = soup(response)
    notice = page.select_one("aside .privacy-notice")
    text = notice.get_text(" ", strip=True)
    for expected in (
        "För att kunna svara dig.",
        "Allmänt intresse eller myndighetsutövning",
        "artikel 6.1 e",
        "Kontaktcenter",
        "6 månader",
    ):
        assert expected in text
    form = page.select_one("form.city-form")
    assert form.has_attr("novalidate")
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert form.select_one(f"input[name={spam.TOKEN_FIELD}]")["value"]
    assert page.select_one(f".city-form__trap input[name={spam.HONEYPOT_FIELD}]")
    assert page.select_one("label[for=id_telefon]").select_one(".field__optional")
    assert form.select_one("#id_telefon")["type"] == "tel"


def test_valid_submission_is_stored_delivered_and_answered_with_a_receipt(form_page, client):
    response = client.post(form_page.url, post_data())
    assert response.status_code == 303
    assert response["Location"].startswith(f"{form_page.url}kvitto/?r=")
    submission = FormSubmission.objects.get()
    assert submission.email == "anna@example.se"
    assert submission.phone == "+46701234567"
    assert submission.form_data["meddelande"] == "När töms soptunnorna på Storgatan?"
    assert spam.TOKEN_FIELD not in submission.form_data
    # The test settings' immediate task backend delivers at once.
    (delivery,) = submission.deliveries.all()
    assert delivery.state == Delivery.State.DELIVERED
    (message,) = mail.outbox
    assert message.to == ["kontaktcenter@kommun.example", "arkiv@kommun.example"]
    assert message.extra_headers["Message-ID"] == f"<{delivery.idempotency_key}@kommunwebb.invalid>"
    assert submission.reference in message.subject
    assert message.reply_to == ["anna@example.se"]

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert "no-store" in receipt["Cache-Control"]
    assert receipt["Referrer-Policy"] == "no-referrer"
    assert soup(receipt).select_one("[data-reference]").get_text() == submission.reference


def test_the_same_form_sent_twice_is_one_submission(form_page, client):
    data = post_data()
    first = client.post(form_page.url, data)
    second = client.post(form_page.url, data)
    assert FormSubmission.objects.count() == 1
    # Both lead to the receipt of the one submission. (The receipt addresses themselves may
    # differ: the signed token carries the second it was signed in.)
    receipts = [soup(client.get(response["Location"])) for response in (first, second)]
    references = {receipt.select_one("[data-reference]").get_text() for receipt in receipts}
    assert references == {FormSubmission.objects.get().reference}
    assert len(mail.outbox) == 1


def test_receipt_with_a_forged_token_is_not_found(form_page, client):
    assert client.get(form_page.url + "kvitto/?r=KW-2026-AAAAA").status_code == 404
    assert client.get(form_page.url + "kvitto/").status_code == 404


def test_other_methods_are_refused(form_page, client):
    assert client.put(form_page.url).status_code == 405


def test_receipt_route_takes_no_further_path_and_a_draft_has_none(form_page, client):
    assert client.get(form_page.url + "kvitto/mer/").status_code == 404
    assert client.get(form_page.url + "annat/").status_code == 404
    form_page.unpublish()
    assert client.get(form_page.url + "kvitto/").status_code == 404


def test_serving_without_a_route_still_guards_the_form(form_page, rf):
    # Code that calls serve() directly (no route) gets this site's form handling, never
    # Wagtail's own, which would store a submission without any spam check.
    request = rf.post(form_page.url, {**post_data(), spam.TOKEN_FIELD: ""})
    request.user = AnonymousUser()
    response = form_page.serve(request)
    assert response.status_code == 400
    assert nothing_stored()


# --- Validation ------------------------------------------------------------------------


def test_invalid_input_shows_an_error_summary_linked_to_each_field(form_page, client):
    response = client.post(
        form_page.url,
        post_data(namn="", e_post="inte-en-adress", telefon="12ab", arende=""),
    )
    assert response.status_code == 422
    assert nothing_stored()
    page = soup(response)
    assert page.title.get_text().startswith("Fel:")
    summary = page.select_one(".error-summary")
    assert summary["role"] == "alert" and summary.has_attr("autofocus")
    links = {a["href"]: a.get_text() for a in summary.select("a")}
    assert links == {
        "#id_namn": "Fyll i ”Namn”.",
        "#id_e_post": "Skriv e-postadressen i ”E-post” som namn@exempel.se.",
        "#id_telefon": "Skriv ett telefonnummer i ”Telefon”, till exempel 070-123 45 67.",
        "#id_arende_0": "Välj ett alternativ i ”Ärende”.",
    }
    for href in links:
        assert page.select_one(href), f"{href} links to nothing"
    email = page.select_one("#id_e_post")
    assert email["aria-invalid"] == "true"
    assert (
        page.select_one(f"#{email['aria-describedby']}")
        .get_text(strip=True)
        .endswith("som namn@exempel.se.")
    )
    assert email["value"] == "inte-en-adress"  # what the visitor wrote is kept
    fieldset = page.select_one("#id_arende_0").find_parent("fieldset")
    assert "id_arende_error" in fieldset["aria-describedby"]


def test_oversized_field_is_refused_with_a_clear_message(form_page, client):
    response = client.post(form_page.url, post_data(meddelande="å" * 5001, namn="x" * 256))
    assert response.status_code == 422
    assert nothing_stored()
    messages = [a.get_text() for a in soup(response).select(".error-summary a")]
    assert "”Meddelande” får vara högst 5000 tecken långt. Nu är det 5001 tecken." in messages
    assert "”Namn” får vara högst 255 tecken långt. Nu är det 256 tecken." in messages


def test_null_characters_are_refused(form_page, client):
    # Refused before the form sees it, like a NUL anywhere (security.middleware): Swedish 400.
    response = client.post(form_page.url, post_data(namn="Anna\x00"))
    assert response.status_code == 400
    assert "kunde inte tas emot" in response.content.decode()
    assert nothing_stored()


def test_invalid_utf8_is_refused_and_nothing_stored(form_page, client):
    body = (
        f"{spam.TOKEN_FIELD}={form_token()}&namn=Anna%FF%FE&e_post=a%40example.se"
        "&arende=Fr%C3%A5ga&meddelande=Hej"
    )
    response = client.post(form_page.url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "tecken som inte kunde läsas" in soup(response).select_one(".error-summary").text
    assert nothing_stored()


def test_files_are_refused(form_page, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        form_page.url,
        {**post_data(), "bilaga": SimpleUploadedFile("a.exe", b"MZ" * 100)},
    )
    assert response.status_code == 400
    assert "bifoga filer" in response.content.decode()
    assert nothing_stored()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_body_over_the_size_limit_gets_a_swedish_413(form_page, client):
    response = client.post(form_page.url, post_data(meddelande="x" * 20_000))
    assert response.status_code == 413
    assert "Det du skickade var för stort" in response.content.decode()
    assert nothing_stored()


def test_missing_csrf_token_gets_a_swedish_403_and_nothing_is_stored(form_page):
    client = Client(enforce_csrf_checks=True)
    client.get(form_page.url)  # the CSRF cookie is set, but the token is not sent
    response = client.post(form_page.url, post_data())
    assert response.status_code == 403
    assert "Formuläret kunde inte skickas" in soup(response).h1.get_text()
    assert nothing_stored()


def test_with_csrf_token_the_same_post_goes_through(form_page):
    client = Client(enforce_csrf_checks=True)
    token = csrf_from(client.get(form_page.url).content.decode())
    response = client.post(form_page.url, post_data(csrfmiddlewaretoken=token))
    assert response.status_code == 303


# --- Spam ------------------------------------------------------------------------------


def test_honeypot_filled_is_refused(form_page, client):
    response = client.post(form_page.url, post_data(**{spam.HONEYPOT_FIELD: "http://spam"}))
    assert response.status_code == 400
    assert nothing_stored()


def test_sent_faster_than_a_person_can_is_refused_but_keeps_the_text(form_page, client):
    response = client.post(form_page.url, post_data(**{spam.TOKEN_FIELD: form_token(age=0.5)}))
    assert response.status_code == 422
    page = soup(response)
    assert "snabbare än en människa" in page.select_one(".error-summary").text
    assert page.select_one("#id_namn")["value"] == "Anna Andersson"
    assert nothing_stored()


def test_missing_form_token_is_refused(form_page, client):
    data = post_data()
    del data[spam.TOKEN_FIELD]
    assert client.post(form_page.url, data).status_code == 400
    assert nothing_stored()


@override_settings(CITYFORMS_RATE_LIMIT=(2, 600))
def test_rate_limit_per_client_without_storing_the_address(form_page, client):
    address = "198.51.100.78"
    for _ in range(2):
        assert client.post(form_page.url, post_data(), REMOTE_ADDR=address).status_code == 303
    response = client.post(form_page.url, post_data(), REMOTE_ADDR=address)
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert FormSubmission.objects.count() == 2
    # Another client is not affected.
    assert client.post(form_page.url, post_data(), REMOTE_ADDR="198.51.100.79").status_code == 303
    for submission in FormSubmission.objects.all():
        assert address not in str(submission.form_data)


# --- The admin -------------------------------------------------------------------------


def test_editor_can_open_edit_and_preview_a_form_page(form_page, admin_client):
    assert admin_client.get(f"/admin/pages/{form_page.pk}/edit/").status_code == 200
    landing = form_page.make_preview_request(preview_mode="landing")
    assert landing.status_code == 200
    assert "KW-2026-4F7Q9" in landing.content.decode()
    form = form_page.make_preview_request(preview_mode="form")
    assert form.status_code == 200
    assert 'name="namn"' in form.content.decode()
