import re
import time

import pytest
from django.core.cache import cache
from django.test import override_settings

from kommunwebb.forms import spam
from kommunwebb.forms.models import FormField, FormPage
from kommunwebb.forms.privacy import LegalBasis

FIELDS = [
    ("Namn", "singleline", True, ""),
    ("E-post", "email", True, ""),
    ("Telefon", "phone", False, ""),
    ("Ärende", "radio", True, "Fråga\nBeröm\nKlagomål"),
    ("Meddelande", "multiline", True, ""),
]

VALID = {
    "namn": "Anna Andersson",
    "e_post": "Anna@Example.se",
    "telefon": "070-123 45 67",
    "arende": "Fråga",
    "meddelande": "När töms soptunnorna på Storgatan?",
}


def build_form_page(**overrides) -> FormPage:
    values = {
        "title": "Kontakta oss",
        "slug": "kontakt",
        "privacy_purpose": "För att kunna svara dig.",
        "privacy_legal_basis": LegalBasis.PUBLIC_TASK,
        "privacy_recipients": "Kontaktcenter",
        "to_address": "kontaktcenter@kommun.example, arkiv@kommun.example",
        **overrides,
    }
    page = FormPage(**values)
    page.form_fields = [
        FormField(sort_order=i, label=label, field_type=kind, required=required, choices=choices)
        for i, (label, kind, required, choices) in enumerate(FIELDS)
    ]
    return page


def publish_under(parent, page: FormPage) -> FormPage:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def form_page(home):
    return publish_under(home, build_form_page())


@pytest.fixture(autouse=True)
def _fresh_cache():
    # The rate limit counts in the cache; each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def db_tasks():
    """The database task backend, as production uses it: queued tasks are rows."""
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    ):
        yield


def form_token(age: float = 10) -> str:
    """A token for a form shown ``age`` seconds ago (longer than the minimum fill time)."""
    return spam.new_form_token(now=time.time() - age)


def post_data(**changes) -> dict:
    return {spam.TOKEN_FIELD: form_token(), **VALID, **changes}


def csrf_from(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
