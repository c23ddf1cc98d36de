"""One switch for crisis mode: the Krisinformatör publishes a crisis (and alerts) at once;
an editor may prepare a scenario but it goes through the web editor's approval."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from kommunwebb.alerts.models import Crisis
from kommunwebb.roles import names

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_alerts_crisis:add"
FORM = {
    "title": "Strömavbrott i hela kommunen",
    "happened": "Ett fel i stamnätet.",
    "what_to_do": "Ha en ficklampa nära till hands.",
    "help": "Kundtjänst: 018-727 00 00",
    "more_page": "",
    "go_live_at": "",
    "expire_at": "",
}


def logged_in(django_user_model, group, username):
    user = django_user_model.objects.create_user(username=username, password="x" * 16)
    user.groups.set([Group.objects.get(name=group)])
    client = Client()
    client.force_login(user)
    return client, user


def test_the_crisis_communicator_switches_crisis_mode_on_without_approval(django_user_model, home):
    client, user = logged_in(django_user_model, names.KRISINFORMATOR, "kris")
    assert user.has_perm("alerts.publish_alert")
    assert not user.has_perm("wagtailcore.add_page")
    client.post(reverse(ADD), {**FORM, "action-publish": "action-publish"})
    crisis = Crisis.objects.get()
    assert crisis.live
    assert Crisis.objects.current() == crisis
    assert "Strömavbrott i hela kommunen" in Client().get("/kris/").content.decode()


def test_an_editor_prepares_a_scenario_that_waits_for_approval(django_user_model, home):
    client, user = logged_in(django_user_model, names.REDAKTOR, "redaktor")
    assert not user.has_perm("alerts.publish_crisis")
    client.post(reverse(ADD), {**FORM, "action-publish": "action-publish"})
    client.post(reverse(ADD), {**FORM, "action-submit": "action-submit"})
    assert not Crisis.objects.filter(live=True).exists()
    submitted = [c for c in Crisis.objects.all() if c.workflow_in_progress]
    assert len(submitted) == 1
    assert Crisis.objects.current() is None
