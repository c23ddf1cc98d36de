"""The accessibility statement as a page type, following the model of DIGG (the Agency for
Digital Government, supervisor of lagen (2018:1937) om tillgänglighet till digital offentlig
service): how compliant the site is, what is not accessible (the requirement it fails and
when it will be fixed), what would be a disproportionate burden, what the law does not
cover, how and when the site was assessed, how to report a problem, where to complain, and
when the statement was last reviewed. The headings and the required sentences are the
template's; editors fill in the facts.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from . import wcag

DIGG_COMPLAINT_FORM = "https://www.digg.se/tdosanmalan"
REVIEW_INTERVAL_MONTHS = 12


class Compliance(models.TextChoices):
    FULL = "full", _("Helt förenlig")
    PARTIAL = "partial", _("Delvis förenlig")
    NONE = "none", _("Inte förenlig")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("Egen granskning (självskattning)")
    EXTERNAL = "external", _("Granskning av en extern part")


class AccessibilityStatementPage(Page):
    compliance = models.CharField(
        _("hur webbplatsen uppfyller lagen"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_(
            "Delvis förenlig om något av innehållet nedan brister mot kraven. Helt förenlig "
            "bara om inget gör det."
        ),
    )
    wcag_version = models.CharField(
        _("WCAG-version"),
        max_length=8,
        choices=[("2.1", "WCAG 2.1"), ("2.2", "WCAG 2.2")],
        default="2.1",
        help_text=_("Den version på nivå AA som lagen hänvisar till (genom EN 301 549)."),
    )
    contact_email = models.EmailField(
        _("e-post för den som inte kan ta del av innehåll"), blank=True
    )
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    response_time = models.CharField(
        _("svarstid"),
        max_length=80,
        blank=True,
        help_text=_("Till exempel ”inom två arbetsdagar”."),
    )
    feedback_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("formulär för att rapportera brister"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ett formulär där besökare kan rapportera brister i tillgängligheten."),
    )
    complaint_url = models.URLField(
        _("länk till DIGG:s anmälningsformulär"),
        default=DIGG_COMPLAINT_FORM,
        help_text=_("Där man anmäler bristande tillgänglighet till tillsynsmyndigheten."),
    )
    assessment_method = models.CharField(
        _("hur webbplatsen har granskats"),
        max_length=16,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessed_by = models.CharField(
        _("vem som granskade"),
        max_length=200,
        blank=True,
        help_text=_("Vid extern granskning: företagets eller organisationens namn."),
    )
    assessment = RichTextField(
        _("så gick granskningen till"),
        features=["bold", "italic", "link", "ol", "ul"],
        blank=True,
        help_text=_("Metoder och verktyg, till exempel skärmläsare och automatiska tester."),
    )
    assessed_on = models.DateField(_("senaste bedömningen gjordes"))
    site_published_on = models.DateField(_("webbplatsen publicerades"), null=True, blank=True)
    reviewed_on = models.DateField(
        _("redogörelsen uppdaterades senast"),
        help_text=_("Redogörelsen ska ses över minst en gång om året."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("compliance"), FieldPanel("wcag_version")],
            heading=_("Hur tillgänglig är webbplatsen?"),
        ),
        InlinePanel(
            "shortcomings",
            heading=_("Innehåll som inte är tillgängligt"),
            label=_("Brist"),
            help_text=_(
                "En rad per brist: vad det gäller, vilket krav det bryter mot och när det ska "
                "vara åtgärdat, eller varför anpassningen vore oskäligt betungande, eller att "
                "innehållet inte omfattas av lagen."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("response_time"),
                PageChooserPanel("feedback_page", "cityforms.FormPage"),
                FieldPanel("complaint_url"),
            ],
            heading=_("Kontakt, synpunkter och tillsyn"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("assessment_method"),
                FieldPanel("assessed_by"),
                FieldPanel("assessment"),
                FieldPanel("assessed_on"),
                FieldPanel("site_published_on"),
                FieldPanel("reviewed_on"),
            ],
            heading=_("Hur vi har testat webbplatsen"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.RelatedFields("shortcomings", [index.SearchField("description")]),
    ]

    type_label = _("Information")
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tillgänglighetsredogörelse")
        verbose_name_plural = _("tillgänglighetsredogörelser")

    def clean(self):
        super().clean()
        if not (self.contact_email or self.contact_phone):
            raise ValidationError(
                {
                    "contact_email": _(
                        "Ange e-post eller telefon för den som inte kan ta del av innehållet."
                    )
                }
            )

    def review_due(self) -> date | None:
        from kommunwebb.review.ownership import months_after

        return months_after(self.reviewed_on, REVIEW_INTERVAL_MONTHS) if self.reviewed_on else None

    def is_outdated(self, today: date | None = None) -> bool:
        """Older than twelve months: the admin warns."""
        due = self.review_due()
        return due is not None and due < (today or timezone.localdate())

    def shortcomings_of(self, kind: str):
        return [item for item in self.shortcomings.all() if item.kind == kind]

    def non_compliant(self):
        return self.shortcomings_of(Shortcoming.Kind.NON_COMPLIANT)

    def disproportionate(self):
        return self.shortcomings_of(Shortcoming.Kind.BURDEN)

    def out_of_scope(self):
        return self.shortcomings_of(Shortcoming.Kind.OUT_OF_SCOPE)


class Shortcoming(Orderable):
    class Kind(models.TextChoices):
        NON_COMPLIANT = "non_compliant", _("Brist mot lagens krav")
        BURDEN = "burden", _("Oskäligt betungande anpassning")
        OUT_OF_SCOPE = "out_of_scope", _("Omfattas inte av lagen")

    page = ParentalKey(
        AccessibilityStatementPage, on_delete=models.CASCADE, related_name="shortcomings"
    )
    kind = models.CharField(_("slag"), max_length=16, choices=Kind.choices)
    description = models.TextField(
        _("vad det gäller"),
        max_length=1000,
        help_text=_("Skriv så att besökaren förstår vad som inte fungerar och för vem."),
    )
    requirement = models.CharField(
        _("krav som inte uppfylls"),
        max_length=16,
        choices=wcag.choices(),
        blank=True,
        help_text=_("Framgångskriteriet i WCAG. Krävs för en brist mot lagens krav."),
    )
    fix_by = models.DateField(
        _("åtgärdas senast"),
        null=True,
        blank=True,
        help_text=_("Krävs för en brist mot lagens krav."),
    )
    reason = models.TextField(
        _("motivering"),
        max_length=1000,
        blank=True,
        help_text=_(
            "Varför en anpassning vore oskäligt betungande, eller varför innehållet inte "
            "omfattas av lagen."
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("requirement"),
        FieldPanel("fix_by"),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("brist")
        verbose_name_plural = _("brister")

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.NON_COMPLIANT:
            if not self.requirement:
                errors["requirement"] = _("Ange vilket krav innehållet inte uppfyller.")
            if not self.fix_by:
                errors["fix_by"] = _("Ange när bristen ska vara åtgärdad.")
        elif self.kind == self.Kind.BURDEN and not self.reason:
            errors["reason"] = _("Motivera varför anpassningen vore oskäligt betungande.")
        if errors:
            raise ValidationError(errors)

    def requirement_label(self) -> str:
        return wcag.label(self.requirement) if self.requirement else ""
