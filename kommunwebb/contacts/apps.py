from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "kommunwebb.contacts"
    label = "contacts"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_deadline, register_dependency

        from . import models

        # Pages show published contact cards with their numbers and opening hours:
        # publishing or unpublishing a card, or an opening or closing time or the card's
        # expiry passing, changes cached pages. A draft that was never published does not.
        register_dependency(models.ContactCard)
        for model in (
            models.PhoneNumber,
            models.OpeningHoursRule,
            models.OpeningHoursException,
        ):
            register_dependency(model, shown=lambda row: row.card.live)
        register_deadline(models.next_opening_hours_change)
        register_deadline(models.next_card_expiry)
