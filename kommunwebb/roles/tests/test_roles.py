"""The roles and workflows the migration sets up (docs/editors.md), checked as Wagtail checks
them: page permissions, snippet publishing, who approves what."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, Task, Workflow

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.roles import names
from kommunwebb.roles.sections import require_review, section_group

pytestmark = pytest.mark.django_db


def user_in(django_user_model, *groups, username="anna"):
    user = django_user_model.objects.create_user(username=username, password="x" * 16)
    user.groups.set(Group.objects.filter(name__in=groups))
    return user


def test_the_roles_have_swedish_names_and_wagtail_s_english_ones_are_gone():
    found = set(Group.objects.values_list("name", flat=True))
    assert {"Webbredaktör", "Redaktör", "Granskare", "Dataskydd", "Statistik"} <= found
    assert not found & {"Editors", "Moderators"}
    workflows = set(Workflow.objects.values_list("name", flat=True))
    assert workflows == {names.DEFAULT_WORKFLOW, names.REVIEW_WORKFLOW}
    assert not Task.objects.filter(name__icontains="approval").exists()


def test_the_web_editor_may_publish_everywhere(django_user_model, home):
    web_editor = user_in(django_user_model, names.WEBBREDAKTOR)
    page = StandardPageFactory(parent=home)
    assert page.permissions_for_user(web_editor).can_publish()
    assert web_editor.has_perm("alerts.publish_alert")
    assert web_editor.has_perm("contacts.publish_contactcard")
    assert web_editor.has_perm("analytics.view_statistics")
    assert not web_editor.has_perm("gdpr.handle_personal_data")


def test_an_editor_writes_only_in_the_sections_given_and_submits_for_approval(
    django_user_model, home
):
    news = StandardPageFactory(parent=home, title="Nyheter")
    other = StandardPageFactory(parent=home, title="Kultur")
    section_group("Sektion: Nyheter", news)
    editor = user_in(django_user_model, names.REDAKTOR, "Sektion: Nyheter")
    article = StandardPageFactory(parent=news)
    assert article.permissions_for_user(editor).can_edit()
    assert not article.permissions_for_user(editor).can_publish()
    assert not other.permissions_for_user(editor).can_edit()
    assert not editor.has_perm("alerts.change_alert")
    assert not editor.has_perm("contacts.publish_contactcard")
    assert article.get_workflow().name == names.DEFAULT_WORKFLOW


def test_a_section_under_review_goes_to_the_reviewers(django_user_model, home):
    safety = StandardPageFactory(parent=home, title="Trygghet")
    require_review(safety)
    page = StandardPageFactory(parent=safety)
    workflow = page.get_workflow()
    assert workflow.name == names.REVIEW_WORKFLOW
    reviewer = user_in(django_user_model, names.GRANSKARE)
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [names.GRANSKARE]
    assert task.user_can_access_editor(page, reviewer)
    assert not page.permissions_for_user(reviewer).can_publish()


def test_statistics_and_data_protection_are_separate(django_user_model, home):
    statistician = user_in(django_user_model, names.STATISTIK, username="stina")
    registrar = user_in(django_user_model, names.DATASKYDD, username="rut")
    assert statistician.has_perm("analytics.view_statistics")
    assert not statistician.has_perm("gdpr.handle_personal_data")
    assert registrar.has_perm("gdpr.handle_personal_data")
    assert not registrar.has_perm("analytics.view_statistics")
    assert not Page.objects.get(pk=home.pk).permissions_for_user(statistician).can_edit()


def test_an_editor_submits_a_contact_card_to_the_web_editor(django_user_model):
    editor = user_in(django_user_model, names.REDAKTOR)
    client = Client()
    client.force_login(editor)
    response = client.get(reverse("wagtailsnippets_contacts_contactcard:add"))
    html = response.content.decode()
    assert response.status_code == 200
    assert names.DEFAULT_WORKFLOW in html  # "Skicka till Godkännande av webbredaktör"
    assert 'name="action-publish"' not in html
    # Alerts are the web editor's: Wagtail sends the editor back to the dashboard.
    assert client.get(reverse("wagtailsnippets_alerts_alert:list")).url == reverse(
        "wagtailadmin_home"
    )
