from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "kommunwebb.contacts"
    label = "contacts"
