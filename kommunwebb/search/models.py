from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from kommunwebb.search.text import words

MAX_TERM_LENGTH = 100


def split_terms(value: str) -> list[str]:
    """Terms as editors write them: separated by commas or new lines, each normalised to
    its lower-case words ("Bygg-lov " → "bygg lov"), duplicates dropped."""
    terms: list[str] = []
    for raw in value.replace("\n", ",").split(","):
        term = " ".join(words(raw))
        if term and term not in terms:
            terms.append(term)
    return terms


class SynonymGroup(models.Model):
    """Words and phrases that mean the same to a resident. A search for any of them also
    finds pages that use the others ("bygglov, bygganmälan, byggnadslov")."""

    terms = models.TextField(
        _("ord som betyder samma sak"),
        help_text=_(
            "Skriv två eller fler ord eller uttryck, åtskilda med kommatecken, till exempel "
            "”bygglov, bygganmälan, byggnadslov”. Böjningar behöver du inte skriva: "
            "sökningen hittar dem ändå."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("synonymgrupp")
        verbose_name_plural = _("synonymer")
        ordering = ["terms"]

    def __str__(self):
        return ", ".join(self.term_list)

    @property
    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def clean(self):
        super().clean()
        terms = split_terms(self.terms or "")
        if len(terms) < 2:
            raise ValidationError(
                {"terms": _("Skriv minst två ord eller uttryck, åtskilda med kommatecken.")}
            )
        if any(len(term) > MAX_TERM_LENGTH for term in terms):
            raise ValidationError(
                {"terms": _("Varje ord eller uttryck får vara högst 100 tecken.")}
            )
        self.terms = ", ".join(terms)


class ZeroResultQuery(models.Model):
    """How many times a day residents searched for something that found nothing.

    Only the normalised query text and a count are kept: no time of day, no address, no
    session, nothing that points to a person. Rows are purged with the analytics data
    (see ``apps.py``)."""

    query = models.CharField(_("sökning"), max_length=200)
    day = models.DateField(_("dag"), db_index=True)
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        verbose_name = _("sökning utan träffar")
        verbose_name_plural = _("sökningar utan träffar")
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_zero_query_day")
        ]

    def __str__(self):
        return self.query


class IndexTerm(models.Model):
    """One term of one indexed object: the search backend's own index, the same on SQLite
    and PostgreSQL (``backends/terms.py``).

    ``kind`` TERM: a Swedish stem or the stem of a compound's part, with the weight it
    carries in that object (title and body together, BM25's saturation applied when the
    object is indexed). ``kind`` WORD: a word as the object writes it, with how often; the
    site's vocabulary, which "Menade du" and the compound fallback read."""

    TERM = 0
    WORD = 1

    kind = models.PositiveSmallIntegerField()
    term = models.CharField(max_length=64)
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    object_id = models.BigIntegerField()
    weight = models.PositiveIntegerField()

    wagtail_reference_index_ignore = True

    class Meta:
        indexes = [
            # Covers the search: the query's terms, then the objects and their weights.
            models.Index(
                fields=["kind", "term", "content_type", "object_id", "weight"],
                name="kw_search_term_lookup",
            ),
            models.Index(fields=["content_type", "object_id"], name="kw_search_term_object"),
            # A term's postings best first, without sorting its range: the first rows of a
            # one-term window and of a pruned query's lists (``TermPlan``).
            models.Index(
                fields=["kind", "term", "-weight", "-object_id", "content_type"],
                name="kw_search_term_impact",
            ),
        ]

    def __str__(self):
        return self.term


class SearchQueryDay(models.Model):
    """How many times a day residents searched for a query (its words, lower-cased), and
    how many pages it found the last time. Nothing about who searched (``stats.py``)."""

    query = models.CharField(_("sökning"), max_length=200)
    day = models.DateField(_("dag"), db_index=True)
    count = models.PositiveIntegerField(_("antal"), default=0)
    hits = models.PositiveIntegerField(_("träffar"), default=0)

    class Meta:
        verbose_name = _("sökning")
        verbose_name_plural = _("sökningar")
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="search_query_day")]

    def __str__(self):
        return self.query


class SuggestionChoice(models.Model):
    """How many times a day a suggestion under the search box was taken: what had been
    typed (its words, lower-cased) and the page chosen."""

    query = models.CharField(_("inskrivet"), max_length=200)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("sida")
    )
    day = models.DateField(_("dag"), db_index=True)
    count = models.PositiveIntegerField(_("antal"), default=0)

    class Meta:
        verbose_name = _("valt förslag")
        verbose_name_plural = _("valda förslag")
        constraints = [
            models.UniqueConstraint(fields=["query", "page", "day"], name="search_suggestion_day")
        ]

    def __str__(self):
        return self.query
