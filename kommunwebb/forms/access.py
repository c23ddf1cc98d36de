"""Who may read what visitors sent: an explicit grant per form or section, never editing rights.

Wagtail lets everyone who may edit a form page read, export and delete its submissions;
in a city that is every editor of the section, and the submissions hold residents' names,
addresses and telephone numbers. Here a group reads the submissions of a form only if it has
been granted that form or a section above it (**Behörighet till formulärsvar** in the
admin); holders of the data-protection permission (the group "Dataskydd") read all of them,
as do superusers. Wagtail asks ``filter_form_submissions_for_user`` for every submission
view, export and delete, and for its "Formulär" menu, so the rule holds everywhere.
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page

from kommunwebb.gdpr.permissions import can_handle_personal_data


class SubmissionAccess(models.Model):
    group = models.ForeignKey(
        Group,
        verbose_name=_("grupp"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("formulär eller avsnitt"),
        help_text=_(
            "Gruppen får läsa och exportera svaren på det här formuläret, eller på alla "
            "formulär under den här sidan."
        ),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("group"), FieldPanel("page")]

    class Meta:
        verbose_name = _("behörighet till formulärsvar")
        verbose_name_plural = _("behörigheter till formulärsvar")
        constraints = [
            models.UniqueConstraint(fields=["group", "page"], name="cityforms_access_once")
        ]

    def __str__(self):
        return f"{self.group} – {self.page.get_admin_display_title()}"


def form_pages():
    return Page.objects.filter(content_type__in=get_form_types())


def readable_forms(user):
    """The form pages whose submissions ``user`` may read, export and delete."""
    if not user.is_active or user.is_anonymous:
        return Page.objects.none()
    if user.is_superuser or can_handle_personal_data(user):
        return form_pages()
    grants = SubmissionAccess.objects.filter(group__user=user).select_related("page")
    allowed = Page.objects.none()
    for grant in grants:
        allowed |= Page.objects.descendant_of(grant.page, inclusive=True)
    return form_pages() & allowed


def can_read_submissions(user, page) -> bool:
    return readable_forms(user).filter(pk=page.pk).exists()
