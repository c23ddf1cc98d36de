"""Let Wagtail's Editors and Moderators groups manage synonyms and promoted results and read
the report of searches that found nothing: that work belongs to communicators, not only to
administrators."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("kommunwebb_search", "synonymgroup", ("add", "change", "delete", "view")),
    ("kommunwebb_search", "zeroresultquery", ("view",)),
    ("wagtailsearchpromotions", "searchpromotion", ("add", "change", "delete", "view")),
]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; these need them now.
    for label in ("kommunwebb_search", "wagtailsearchpromotions"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        Permission.objects.get(
            content_type__app_label=app_label, codename=f"{action}_{model}"
        )
        for app_label, model, actions in PERMISSIONS
        for action in actions
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=GROUPS):
        for app_label, model, actions in PERMISSIONS:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("kommunwebb_search", "0001_initial"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailcore", "0002_initial_data"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
