"""The interface in the content languages: Finnish and Arabic catalogues beside the English
one (kommunwebb/core/tests/test_translations.py holds the English to the code).

What every public page shows (the header, the language bar, the cookie banner and settings,
the alerts, the footer, "Var sidan till hjälp?", the error page) must be translated in each;
a string a catalogue lacks elsewhere falls back to the Swedish, never to English. Refresh
with ``make messages`` and fill in the new entries."""

import gettext
import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

PACKAGE = Path(__file__).resolve().parents[2]
LANGUAGES = ("fi", "ar")
PUBLIC = re.compile(
    r"^(templates/(base\.html|404\.html|includes/[^/]+|"
    r"consent/(banner|settings|cookie_table|footer_link|error|cookies_page_table)\.html|"
    r"feedback/(ask|thanks|error|includes/comment_form)\.html|languages/[^/]+|"
    r"contacts/contact_card\.html|blocks/[^/]+|core/standard_page\.html)|"
    r"search/templates/search/includes/autocomplete\.html)$"
)
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]|%%")


def catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / "locale" / code / "LC_MESSAGES" / "django.po"))


def public_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [
        entry
        for entry in po
        if not entry.obsolete and any(PUBLIC.match(path) for path, _line in entry.occurrences)
    ]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_string_of_the_public_pages_is_translated(code):
    entries = public_entries(catalogue(code))
    assert len(entries) > 100  # the pattern still finds the templates
    missing = [entry.msgid for entry in entries if not entry.translated()]
    assert missing == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_in_step_with_the_english_one(code):
    """``make messages`` refreshes all three at once; the English one is held to the code."""
    english = {(entry.msgctxt, entry.msgid) for entry in catalogue("en") if not entry.obsolete}
    assert {(entry.msgctxt, entry.msgid) for entry in catalogue(code)} == english


@pytest.mark.parametrize("code", LANGUAGES)
def test_header_names_the_language_and_is_not_fuzzy(code):
    po = catalogue(code)
    assert po.metadata["Language"] == code
    assert not po.metadata_is_fuzzy
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_the_placeholders(code):
    wrong = [
        entry.msgid
        for entry in catalogue(code).translated_entries()
        if sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(entry.msgstr))
        and not entry.msgid_plural
    ]
    assert wrong == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_compiled_catalogue_matches_the_po(code):
    path = PACKAGE / "locale" / code / "LC_MESSAGES" / "django.mo"
    with path.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for entry in catalogue(code).translated_entries():
        if entry.msgid_plural or entry.msgctxt:
            continue
        assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_the_interface_follows_the_language():
    with translation.override("fi"):
        assert translation.gettext("Lyssna") == "Kuuntele"
    with translation.override("ar"):
        assert translation.gettext("Lyssna") == "استمع"
    with translation.override("en"):
        assert translation.gettext("Lyssna") == "Listen"


def test_a_string_a_catalogue_lacks_falls_back_to_swedish_not_english():
    # An editor's word, translated to English but not to Finnish or Arabic.
    msgid = "Tillgänglighetsredogörelse"
    assert not catalogue("fi").find(msgid).translated()
    with translation.override("en"):
        assert translation.gettext(msgid) == "Accessibility statement"
    for code in LANGUAGES:
        with translation.override(code):
            assert translation.gettext(msgid) == msgid
