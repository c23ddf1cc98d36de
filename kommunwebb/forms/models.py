"""Form pages built in Wagtail's form builder, each with its own privacy notice.

A Wagtail page is a model and a view at once: ``FormPage`` serves the form and its
receipt through the routes below, which hand the request to ``views``. So this module sits
on top of the app. The rows the delivery machinery works on, ``FormSubmission`` and
``Delivery``, live in ``submissions`` at the bottom and are re-exported here for Django
and for other apps; modules inside the app import them from ``submissions``.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from . import views
from .access import SubmissionAccess
from .builder import FIELD_TYPE_CHOICES, CityFormBuilder
from .privacy import (
    DEFAULT_RETENTION_MONTHS,
    LEGAL_BASIS_ARTICLES,
    LEGAL_BASIS_EXPLANATIONS,
    MAX_RETENTION_MONTHS,
    LegalBasis,
    retention_text,
)
from .submissions import Delivery, FormSubmission

__all__ = ["Delivery", "FormField", "FormPage", "FormSubmission", "SubmissionAccess"]

RECEIPT_SEGMENT = "kvitto"


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(_("fälttyp"), max_length=16, choices=FIELD_TYPE_CHOICES)
    field_type.required_on_save = True


def webhook_problems(url: str) -> list[str]:
    """Why a webhook URL cannot be used, in Swedish for the editor; [] if it can."""
    if not url:
        return []
    problems = []
    if not url.startswith("https://") and getattr(
        settings, "CITYFORMS_WEBHOOK_REQUIRE_HTTPS", True
    ):
        problems.append(_("Webhooken måste använda https://."))
    if not getattr(settings, "CITYFORMS_WEBHOOK_SECRET", ""):
        problems.append(
            _(
                "Webbplatsen saknar en hemlig nyckel för att signera webhooks "
                "(KOMMUNWEBB_FORMS_WEBHOOK_SECRET). Be IT ställa in den."
            )
        )
    return problems


class FormPageAdminForm(WagtailAdminFormPageForm):
    """Saving a draft may leave things out; publishing checks everything (in FormPage.clean)."""

    def _post_clean(self):
        self.instance._defer_publish_checks = self.is_deferred_validation
        try:
            super()._post_clean()
        finally:
            self.instance._defer_publish_checks = False


class FormPage(RoutablePageMixin, AbstractEmailForm):
    """A contact form, an e-service request or a feedback form.

    The privacy notice fields are required to publish (a draft may leave them empty) and
    the notice is shown beside the form.
    """

    template = "forms/form_page.html"
    landing_page_template = "forms/form_page_receipt.html"
    form_builder = CityFormBuilder
    base_form_class = FormPageAdminForm

    intro = models.TextField(_("ingress"), max_length=300, blank=True)
    thank_you_text = RichTextField(
        _("text på kvittot"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_("Visas efter att formuläret skickats, till exempel vad som händer sedan."),
    )
    privacy_purpose = models.TextField(
        _("ändamål"),
        max_length=1000,
        help_text=_("Varför kommunen behöver uppgifterna och vad de används till."),
    )
    privacy_legal_basis = models.CharField(
        _("rättslig grund"), max_length=32, choices=LegalBasis.choices
    )
    privacy_recipients = models.TextField(
        _("vem som får uppgifterna"),
        max_length=500,
        help_text=_("Till exempel ”Kundtjänst på kommunledningsförvaltningen”."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("lagringstid i månader"),
        default=DEFAULT_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RETENTION_MONTHS)],
        help_text=_("Svaren raderas automatiskt när tiden gått ut. Standard är sex månader."),
    )
    webhook_url = models.URLField(
        _("webhook till ärendesystem"),
        max_length=500,
        blank=True,
        help_text=_("Valfritt. Svaren skickas signerade (HMAC) som JSON till adressen."),
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Formulärfält")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("privacy_purpose"),
                FieldPanel("privacy_legal_basis"),
                FieldPanel("privacy_recipients"),
                FieldPanel("retention_months"),
            ],
            heading=_("Så hanteras personuppgifterna"),
            help_text=_("Krävs för att publicera. Texten visas bredvid formuläret."),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
                FieldPanel("webhook_url"),
            ],
            heading=_("Vart svaren skickas"),
        ),
    ]
    search_fields = AbstractEmailForm.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "topics.TopicPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("formulärsida")
        verbose_name_plural = _("formulärsidor")

    def clean(self):
        super().clean()
        # Skipped only while the admin saves a draft; publishing from the admin or from code
        # (the demo, scripts) meets every rule.
        if not getattr(self, "_defer_publish_checks", False):
            errors = {}
            if not self.to_address and not self.webhook_url:
                errors["to_address"] = _(
                    "Ange minst en e-postadress eller en webhook som formulärsvaren ska gå till."
                )
            if problems := webhook_problems(self.webhook_url):
                errors["webhook_url"] = problems
            if errors:
                raise ValidationError(errors)

    # --- Notice ---------------------------------------------------------------------------

    @property
    def legal_basis_label(self):
        if not self.privacy_legal_basis:
            return ""
        return LegalBasis(self.privacy_legal_basis).label

    @property
    def legal_basis_article(self):
        return LEGAL_BASIS_ARTICLES.get(self.privacy_legal_basis, "")

    @property
    def legal_basis_explanation(self):
        return LEGAL_BASIS_EXPLANATIONS.get(self.privacy_legal_basis, "")

    @property
    def retention_text(self):
        return retention_text(self.retention_months or DEFAULT_RETENTION_MONTHS)

    # --- Submissions ----------------------------------------------------------------------

    def get_submission_class(self):
        return FormSubmission

    def get_data_fields(self):
        submit_time, *fields = super().get_data_fields()
        return [
            submit_time,
            ("reference", _("Referensnummer")),
            ("delivery_status", _("Leverans")),
            *fields,
        ]

    def get_submissions(self):
        return super().get_submissions().prefetch_related("deliveries")

    def recipients(self) -> list[str]:
        return [address.strip() for address in self.to_address.split(",") if address.strip()]

    # --- Serving --------------------------------------------------------------------------

    @path("", name="form")
    def form_view(self, request):
        return views.serve_form(self, request)

    # kvitto/?r=<signed token>: the token goes in the query string, as a signed token has
    # ":" in it, which Wagtail's URL pattern does not take in a path.
    @path(f"{RECEIPT_SEGMENT}/", name="receipt")
    def receipt_view(self, request):
        return views.serve_receipt(self, request, request.GET.get("r", ""))

    def serve(self, request, view=None, args=None, kwargs=None):
        # Called without a route (by code, not by Wagtail's URL handling), a form page shows
        # its form: never Wagtail's own form handling, which has no spam protection and no
        # delivery.
        return super().serve(request, view or self.form_view, args, kwargs)

    def serve_preview(self, request, mode_name):
        if mode_name == "landing":
            return views.render_receipt(self, request, views.preview_receipt())
        return views.serve_form(self, request, preview=True)

    def receipt_url(self, request, token: str) -> str:
        return f"{self.get_url(request)}{self.reverse_subpage('receipt')}?{urlencode({'r': token})}"
