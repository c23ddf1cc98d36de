"""Dataskydd sees how many subscribe to what, never who; other editors see nothing."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.utils import timezone

from kommunwebb.subscriptions.models import Subscriber
from kommunwebb.taxonomy.factories import topics

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_dataskydd_sees_the_counts_and_no_address(home):
    environment, _school = topics("Miljö", "Skola")
    now = timezone.now()
    for n, level in enumerate(["kris", "kris", "information", ""]):
        subscriber = Subscriber.objects.create(
            email=f"person{n}@example.se", alert_level=level, confirmed_at=now
        )
        subscriber.topics.set([environment])
    Subscriber.objects.create(email="waiting@example.se", alert_level="kris")
    officer = User.objects.create_user("dpo", password="x" * 12)
    officer.groups.add(Group.objects.get(name="Dataskydd"))

    response = logged_in(officer).get("/admin/prenumerationer/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 bekräftade prenumeranter" in html
    assert "1 väntar på att bekräfta" in html
    rows = dict(response.context["levels"])
    assert rows == {"Alla driftmeddelanden": 1, "Viktigt och kris": 0, "Bara kris": 2}
    assert dict(response.context["topics"]) == {"Miljö": 4, "Skola": 0}
    assert "@example.se" not in html


def test_other_editors_are_refused(home):
    editor = User.objects.create_user("editor", password="x" * 12)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = logged_in(editor).get("/admin/prenumerationer/")
    assert response.status_code == 403
