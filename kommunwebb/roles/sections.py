"""Giving a group a section of the site: the page permissions Wagtail checks for everything
under one page. The web editor does the same in the admin (Inställningar → Grupper); the demo
loader uses this for the demo's sections."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

from .names import REDAKTOR_SECTION_PERMISSIONS, REVIEW_WORKFLOW


def section_group(name: str, page: Page, permissions=REDAKTOR_SECTION_PERMISSIONS) -> Group:
    """The group ``name`` with ``permissions`` ("add", "change", …) on ``page`` and all
    pages under it; made if missing, and idempotent."""
    group, _ = Group.objects.get_or_create(name=name)
    for action in permissions:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            ),
        )
    return group


def require_review(page: Page) -> WorkflowPage:
    """Pages under ``page`` go through "Granskning före publicering" before they are
    published by someone without the right to publish there."""
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)
    link, _ = WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return link
