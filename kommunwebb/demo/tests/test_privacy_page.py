"""The demo's "Personuppgifter" page keeps the promise the rights tools (gdpr) fulfil."""

from kommunwebb.demo import content


def test_the_privacy_page_explains_the_rights_and_links_to_imy():
    page = next(p for p in content.STANDARD_PAGES if p.key == "privacy")
    text = repr(page)
    assert "registerutdrag" in text and "raderade" in text
    assert "https://www.imy.se/" in text
