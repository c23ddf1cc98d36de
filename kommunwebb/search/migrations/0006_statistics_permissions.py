"""The web editors (Webbredaktör) and Statistik read the search statistics, as they read the
report of searches that found nothing (the roles are made by ``roles``' migration)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("kommunwebb_search", "searchqueryday", ("view",)),
    ("kommunwebb_search", "suggestionchoice", ("view",)),
]
GROUPS = ["Webbredaktör", "Statistik"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("kommunwebb_search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
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
        ("kommunwebb_search", "0005_search_statistics"),
        ("roles", "0001_roles_and_review"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
