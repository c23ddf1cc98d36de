from urllib.parse import urlsplit

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from kommunwebb.core.visibility import visible


class EServiceQuerySet(models.QuerySet):
    def available(self):
        """What a visitor may be shown: published e-services whose target is reachable (an
        address, or a page on the site that is live and public)."""
        return visible(self).filter(
            models.Q(page__isnull=True, url__gt="") | models.Q(page__in=visible(Page.objects.all()))
        )


class EService(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """An e-service residents start from service pages: where it runs, whether it needs
    e-legitimation, and who answers questions about it (a contact card with opening hours).

    Most e-services run outside the site, in the city's case-management system; some are
    forms on the site itself. Either way it is named and described once here and used by
    every service page that needs it."""

    name = models.CharField(
        _("namn"),
        max_length=120,
        help_text=_("Vad invånaren gör, till exempel ”Ansök om plats i förskola”."),
    )
    description = models.CharField(
        _("kort beskrivning"),
        max_length=200,
        blank=True,
        help_text=_("En mening om vad man kan göra i e-tjänsten. Visas på sidan E-tjänster."),
    )
    url = models.URLField(
        _("adress till e-tjänsten"),
        max_length=500,
        blank=True,
        help_text=_("Adressen där e-tjänsten börjar, till exempel https://e-tjanster.kommun.se/…"),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("eller en sida på webbplatsen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Välj en sida om e-tjänsten är ett formulär här på webbplatsen."),
    )
    requires_eid = models.BooleanField(
        _("kräver e-legitimation"),
        default=False,
        help_text=_("Kryssa i om man måste logga in med BankID eller annan e-legitimation."),
    )
    support = models.ForeignKey(
        "contacts.ContactCard",
        verbose_name=_("support"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Vem invånaren kan kontakta om e-tjänsten krånglar. Kortets telefonnummer och "
            "öppettider visas vid e-tjänsten."
        ),
    )

    revisions = GenericRelation(
        "wagtailcore.Revision",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="eservice",
        for_concrete_model=False,
    )
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="eservice",
        for_concrete_model=False,
    )

    objects = EServiceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("url"), FieldPanel("page")],
            heading=_("Var e-tjänsten finns"),
            help_text=_("Fyll i antingen en adress eller en sida, inte båda."),
        ),
        FieldPanel("requires_eid"),
        FieldPanel("support"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("e-tjänst")
        verbose_name_plural = _("e-tjänster")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if bool(self.url) == bool(self.page_id):
            raise ValidationError(
                {"url": _("Fyll i antingen e-tjänstens adress eller en sida på webbplatsen.")}
            )

    @property
    def href(self) -> str:
        """Where "Starta e-tjänsten" goes."""
        if self.page_id:
            return self.page.url or ""
        return self.url

    @property
    def is_external(self) -> bool:
        """True when the e-service runs on another site: the link says so."""
        return bool(self.url) and not self.page_id

    @property
    def host(self) -> str:
        """The other site's name, "e-tjanster.sundhamn.se", shown beside an outbound link."""
        return (urlsplit(self.url).hostname or "") if self.is_external else ""

    # --- Preview in the admin: the e-service as a service page shows it ------------------

    def get_preview_template(self, request, mode_name):
        return "services/eservice_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "eservice": self}
