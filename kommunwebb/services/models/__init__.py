"""The services app's models: e-services (a snippet), service areas and service pages, the
A–Ö and E-tjänster pages, and the site-wide "Hitta snabbt" and "Populära tjänster"."""

from .eservices import EService
from .navigation import ServiceNavigation
from .pages import (
    AreaContact,
    AreaPopularService,
    EServiceIndexPage,
    ServiceAreaPage,
    ServiceContact,
    ServiceIndexPage,
    ServicePage,
    ServiceRelatedPage,
)

__all__ = [
    "AreaContact",
    "AreaPopularService",
    "EService",
    "EServiceIndexPage",
    "ServiceAreaPage",
    "ServiceContact",
    "ServiceIndexPage",
    "ServiceNavigation",
    "ServicePage",
    "ServiceRelatedPage",
]
