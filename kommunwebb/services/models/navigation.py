from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from kommunwebb.core.blocks import ServiceLinksBlock
from kommunwebb.core.visibility import visible

from .pages import ServicePage, in_order


class PopularServiceBlock(blocks.PageChooserBlock):
    class Meta:
        icon = "pick"
        label = _("Tjänst")


@register_setting(icon="list-ul")
class ServiceNavigation(BaseSiteSetting):
    """The shortcuts editors choose for the whole site: "Hitta snabbt" (any page or
    address residents ask for often) and "Populära tjänster" (service pages)."""

    quick_links = StreamField(
        ServiceLinksBlock(),
        verbose_name=_("Hitta snabbt"),
        blank=True,
        help_text=_(
            "Genvägar som visas på startsidan, till exempel lediga jobb, kontakt och A–Ö. "
            "Sex till åtta fungerar bäst."
        ),
    )
    popular_services = StreamField(
        [("service", PopularServiceBlock(page_type="services.ServicePage"))],
        verbose_name=_("Populära tjänster"),
        blank=True,
        max_num=8,
        help_text=_("Tjänstesidor som visas på startsidan."),
    )

    panels = [FieldPanel("quick_links"), FieldPanel("popular_services")]

    class Meta:
        verbose_name = _("genvägar och populära tjänster")

    def popular_service_pages(self):
        """The chosen service pages that are live and public, in the editor's order."""
        ids = [block.value.pk for block in self.popular_services if block.value is not None]
        return in_order(visible(ServicePage.objects.all()), ids)
