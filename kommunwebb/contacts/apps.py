from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "kommunwebb.contacts"
    label = "contacts"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_deadline, register_dependency

        from . import models

        # Pages show contact cards with their numbers and opening hours: an edit, or an
        # opening or closing time passing, changes cached pages.
        for model in (
            models.ContactCard,
            models.PhoneNumber,
            models.OpeningHoursRule,
            models.OpeningHoursException,
        ):
            register_dependency(model)
        register_deadline(models.next_opening_hours_change)
