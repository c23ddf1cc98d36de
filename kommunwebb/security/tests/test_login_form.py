"""The admin's login page speaks Swedish, the password field's label too."""

import re

import pytest


@pytest.mark.django_db
def test_the_login_page_names_its_fields_in_swedish(client):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    labels = [
        re.sub(r"<[^>]+>|\s+", " ", label).strip()
        for label in re.findall(r"<label[^>]*>(.*?)</label>", html, re.S)
    ]
    assert any(label.startswith("Lösenord") for label in labels), labels
    assert not any("Password" in label for label in labels), labels
