from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "kommunwebb.services"
    label = "services"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_dependency

        from .models import EService, ServiceNavigation

        # Service pages, service areas and the E-tjänster page show e-services, and the home
        # page and menu show "Hitta snabbt" and "Populära tjänster": saving either changes
        # cached pages. The e-services' support desks are contact cards, which the contacts
        # app registers with their opening hours.
        register_dependency(EService)
        register_dependency(ServiceNavigation)
