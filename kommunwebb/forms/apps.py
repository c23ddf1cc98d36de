from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CityFormsConfig(AppConfig):
    """Form pages, their submissions and the deliveries that carry them to the city.

    The label is ``cityforms`` so it never clashes with ``wagtail.contrib.forms``.
    """

    name = "kommunwebb.forms"
    label = "cityforms"
    verbose_name = _("Formulär")

    def ready(self):
        from . import retention

        retention.register_all()
