"""Find, export and erase through the admin views, with their permission and audit trail."""

import csv
import io
import json
from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from kommunwebb.gdpr import rights
from kommunwebb.gdpr.models import RightsRequestAudit
from kommunwebb.retention import registry

pytestmark = pytest.mark.django_db

EMAIL = "anna.svensson@example.se"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# A second, in-memory source: what a form app would hold, keyed by e-mail.
NOTES = []


def find_people(query):
    return [
        {
            "kind": "test.people",
            "id": u.pk,
            "created_at": u.date_joined,
            "email": u.email,
            "name": u.get_full_name(),
        }
        for u in User.objects.filter(email__iexact=query)
    ]


def erase_people(items):
    return User.objects.filter(pk__in=[i["id"] for i in items]).delete()[1].get("auth.User", 0)


def find_notes(query):
    return [dict(n) for n in NOTES if n["email"] == query]


def erase_notes(items):
    ids = {i["id"] for i in items}
    before = len(NOTES)
    NOTES[:] = [n for n in NOTES if n["id"] not in ids]
    return before - len(NOTES)


@pytest.fixture
def sources(isolated_sources):
    isolated_sources.register_source(
        "test.people", label="Personer", find=find_people, erase=erase_people
    )
    isolated_sources.register_source(
        "test.notes", label="Anteckningar", find=find_notes, erase=erase_notes
    )
    NOTES[:] = [
        {
            "kind": "test.notes",
            "id": 1,
            "created_at": "2025-03-01T10:00:00+01:00",
            "email": EMAIL,
            "text": '=HYPERLINK("http://evil")',
            "phone": "+46 70 123 45 67",
        },
        {
            "kind": "test.notes",
            "id": 2,
            "created_at": "2025-03-02T10:00:00+01:00",
            "email": "someone.else@example.se",
            "text": "annat",
        },
    ]
    User.objects.create_user("anna", email=EMAIL, first_name="Anna", last_name="Svensson")
    User.objects.create_user("bertil", email="bertil@example.se")
    yield
    NOTES.clear()


@pytest.fixture
def officer():
    """A member of the Dataskydd group created by the data migration."""
    user = User.objects.create_user("dpo", password="x" * 12)
    user.groups.add(Group.objects.get(name="Dataskydd"))
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor():
    """May use the admin, but not the rights tools."""
    user = User.objects.create_user("editor", password="x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    return client


def test_the_dataskydd_group_holds_the_permission():
    group = Group.objects.get(name="Dataskydd")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"handle_personal_data", "access_admin"} <= codenames
    perm = Permission.objects.get(codename="handle_personal_data")
    assert perm.name == "Can handle personal data requests"


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "gdpr:search"),
        ("post", "gdpr:search"),
        ("post", "gdpr:export_json"),
        ("post", "gdpr:export_csv"),
        ("post", "gdpr:erase"),
        ("get", "retention_overview"),
    ],
)
def test_without_the_permission_every_view_answers_403(sources, editor, method, name):
    response = getattr(editor, method)(reverse(name), {"query": EMAIL})
    assert response.status_code == 403
    assert "Behörighet saknas".encode() in response.content
    assert User.objects.filter(email=EMAIL).exists()
    assert not RightsRequestAudit.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(sources):
    response = Client().post(reverse("gdpr:erase"), {"query": EMAIL, "confirm": "1"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert User.objects.filter(email=EMAIL).exists()


def test_search_finds_everything_across_sources(sources, officer):
    page = officer.get(reverse("gdpr:search"))
    assert page.status_code == 200 and page["Cache-Control"].startswith("no-store")
    response = officer.post(reverse("gdpr:search"), {"query": f"  {EMAIL} "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 poster hittades" in html
    assert "Personer (1)" in html and "Anteckningar (1)" in html
    assert "Svensson" in html and "someone.else" not in html and "bertil" not in html
    assert "no-store" in response["Cache-Control"]
    # For a registrar: Swedish column names and dates to the second, not the sources' keys
    # and ISO timestamps with microseconds.
    assert '<th scope="col">Lagrad</th>' in html and '<th scope="col">E-post</th>' in html
    assert "created_at" not in html and "2025-03-01T10:00:00" not in html
    assert "2025-03-01 10.00.00" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Ange en e-postadress, ett telefonnummer, ett referensnummer eller en samtyckeskod."),
        ("ab", "Ange minst tre tecken."),
        ("a" * 255, "Sökningen får vara högst 254 tecken lång."),
        ("abc\x07def", "Sökningen innehåller otillåtna tecken."),
        # A NUL is refused before the view, as everywhere (security.middleware).
        ("abc\x00def", "kunde inte tas emot"),
    ],
)
def test_bad_input_is_a_swedish_message_and_a_400(sources, officer, query, message):
    for name in ("gdpr:search", "gdpr:export_json", "gdpr:erase"):
        response = officer.post(reverse(name), {"query": query})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not RightsRequestAudit.objects.exists()


def test_export_json(sources, officer):
    response = officer.post(reverse("gdpr:export_json"), {"query": EMAIL})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="personuppgifter-')
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    assert document["query"] == EMAIL and document["query_type"] == "email"
    by_kind = {s["kind"]: s for s in document["sources"]}
    assert by_kind["test.people"]["count"] == 1
    assert by_kind["test.people"]["items"][0]["name"] == "Anna Svensson"
    assert by_kind["test.notes"]["items"][0]["phone"] == "+46 70 123 45 67"


def test_export_csv(sources, officer):
    response = officer.post(reverse("gdpr:export_csv"), {"query": EMAIL})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == rights.CSV_HEADER
    cells = {(r[0], r[4]): r[5] for r in rows[1:]}
    assert cells[("test.people", "name")] == "Anna Svensson"
    assert cells[("test.notes", "phone")] == "+46 70 123 45 67"  # a number stays a number
    assert cells[("test.notes", "text")].startswith("'=")  # a formula is neutralised


def test_exports_are_audited_without_personal_data(sources, officer):
    officer.post(reverse("gdpr:export_json"), {"query": EMAIL})
    officer.post(reverse("gdpr:export_csv"), {"query": EMAIL})
    audits = list(RightsRequestAudit.objects.order_by("id"))
    assert [a.action for a in audits] == ["export_json", "export_csv"]
    assert audits[0].counts == {"test.people": 1, "test.notes": 1}
    assert audits[0].total == 2 and audits[0].performed_by_username == "dpo"
    for audit in audits:
        stored = json.dumps([getattr(audit, f.attname) for f in audit._meta.fields], default=str)
        assert "anna" not in stored.lower() and "example.se" not in stored


def test_erase_asks_for_confirmation_then_erases_and_audits(sources, officer):
    confirm = officer.post(reverse("gdpr:erase"), {"query": EMAIL})
    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert "Ja, radera" in html and "2 poster om personen raderas" in html
    assert User.objects.filter(email=EMAIL).exists() and len(NOTES) == 2
    fingerprint = rights.fingerprint(rights.find_all(EMAIL))

    done = officer.post(
        reverse("gdpr:erase"), {"query": EMAIL, "fingerprint": fingerprint, "confirm": "1"}
    )
    assert done.status_code == 302 and done["Location"] == reverse("gdpr:search")
    assert not User.objects.filter(email=EMAIL).exists()
    assert User.objects.filter(username="bertil").exists()
    assert [n["id"] for n in NOTES] == [2]
    audit = RightsRequestAudit.objects.get()
    assert (audit.action, audit.total) == ("erase", 2)
    assert audit.counts == {"test.people": 1, "test.notes": 1}
    followed = officer.get(done["Location"])
    assert "2 poster raderades" in followed.content.decode()


def test_erase_refuses_when_the_data_changed_since_confirmation(sources, officer):
    stale = rights.fingerprint(rights.find_all(EMAIL))
    NOTES.append({"kind": "test.notes", "id": 3, "created_at": "", "email": EMAIL, "text": "ny"})
    response = officer.post(
        reverse("gdpr:erase"), {"query": EMAIL, "fingerprint": stale, "confirm": "1"}
    )
    assert response.status_code == 409
    assert "Uppgifterna har ändrats" in response.content.decode()
    assert User.objects.filter(email=EMAIL).exists() and len(NOTES) == 3
    assert not RightsRequestAudit.objects.exists()


def test_erase_needs_a_csrf_token(sources):
    user = User.objects.create_user("dpo2")
    user.groups.add(Group.objects.get(name="Dataskydd"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    fingerprint = rights.fingerprint(rights.find_all(EMAIL))
    response = client.post(
        reverse("gdpr:erase"), {"query": EMAIL, "fingerprint": fingerprint, "confirm": "1"}
    )
    assert response.status_code == 403
    assert User.objects.filter(email=EMAIL).exists()


def test_erase_is_all_or_nothing_when_a_source_fails(sources, officer, isolated_sources):
    def broken_erase(items):
        raise RuntimeError(EMAIL)

    # Sorted by kind, "test.people" (a real table) is erased before "test.zz" fails.
    isolated_sources.register_source("test.zz", label="Trasig", find=find_notes, erase=broken_erase)
    fingerprint = rights.fingerprint(rights.find_all(EMAIL))
    response = officer.post(
        reverse("gdpr:erase"), {"query": EMAIL, "fingerprint": fingerprint, "confirm": "1"}
    )
    assert response.status_code == 503
    assert "kunde inte genomsökas" in response.content.decode()
    assert User.objects.filter(email=EMAIL).exists()
    assert not RightsRequestAudit.objects.exists()


def test_a_failing_find_fails_the_search_rather_than_answering_in_part(
    sources, officer, isolated_sources
):
    def broken_find(query):
        raise RuntimeError("down")

    isolated_sources.register_source("test.down", label="Nere", find=broken_find, erase=len)
    response = officer.post(reverse("gdpr:export_json"), {"query": EMAIL})
    assert response.status_code == 503
    assert not RightsRequestAudit.objects.exists()


def test_nothing_found_means_nothing_to_erase(sources, officer):
    response = officer.post(reverse("gdpr:erase"), {"query": "nobody@example.se"})
    assert response.status_code == 302
    assert not RightsRequestAudit.objects.exists()


def test_query_types():
    assert rights.query_type(EMAIL) == "email"
    assert rights.query_type("+46 70-123 45 67") == "phone"
    assert rights.query_type("KW-2025-ABCD") == "reference"


def test_retention_overview_lists_every_kind_with_its_period(officer):
    response = officer.get(reverse("retention_overview"))
    assert response.status_code == 200
    html = response.content.decode()
    for kind in registry.kinds():
        assert str(kind.label) in html
        # Written for a registrar: the kinds' machine names, commands and settings stay out.
        assert kind.kind not in html
    assert "183 dagar" in html and "Aldrig" in html
    assert "Ingen gallring är schemalagd" in html  # the test settings cannot defer tasks
    for technical in ("manage.py", "purge_expired", "RETENTION_PERIODS", "make run"):
        assert technical not in html


@override_settings(TASKS=DB_TASKS)
def test_retention_overview_shows_the_next_purge_and_the_last_runs(officer):
    with time_machine.travel(datetime(2025, 6, 1, 12, 0, tzinfo=STOCKHOLM), tick=False):
        call_command("schedule_jobs", stdout=StringIO())
        call_command("purge_expired", "--kind", "auth.sessions", stdout=StringIO())
    html = officer.get(reverse("retention_overview")).content.decode()
    assert "Nästa gallring: 2025-06-02 03.30." in html
    label = str(registry.get_kind("auth.sessions").label)
    assert f"<td>{label}</td>" in html and "2025-06-01 12.00.00" in html


def test_the_menu_shows_data_protection_to_the_group_only(officer, editor):
    assert "Dataskydd" in officer.get(reverse("wagtailadmin_home")).content.decode()
    assert "Dataskydd" not in editor.get(reverse("wagtailadmin_home")).content.decode()
