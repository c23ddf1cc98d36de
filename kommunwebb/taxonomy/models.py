"""Topics as a managed vocabulary (issue 11, part 12).

A topic ("Miljö", "Trygghet") is a row the web editor curates under **Ämnen** in the admin,
not a free-text tag that anyone can misspell into a second topic. News articles choose
theirs from the list, a topic page follows one, and the news listing, the feeds per topic
and the search filter are built from it. Content apps point at ``Topic``; this app knows
none of them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from kommunwebb.core.slugs import ascii_slug


class Topic(models.Model):
    name = models.CharField(
        _("namn"),
        max_length=80,
        unique=True,
        help_text=_("Som invånarna säger det, till exempel ”Miljö” eller ”Barn och utbildning”."),
    )
    slug = models.SlugField(
        _("kortnamn i adresser"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_(
            "Används i adresser som /nyheter/?amne=miljo. Lämna tomt så skapas det av namnet."
        ),
    )
    description = models.TextField(
        _("beskrivning"),
        max_length=300,
        blank=True,
        help_text=_("Valfritt: vad som hör till ämnet, som stöd för redaktörerna."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("ämne")
        verbose_name_plural = _("ämnen")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self.name, exclude=self.pk)
        super().save(*args, **kwargs)


def unique_slug(name: str, exclude=None) -> str:
    """An ASCII slug for ``name`` that no other topic has: "miljo", then "miljo-2"."""
    base = ascii_slug(name)[:70] or "amne"
    others = Topic.objects.filter(slug__startswith=base).exclude(pk=exclude)
    taken = set(others.values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
