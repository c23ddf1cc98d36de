"""The home page's shortcuts ("Hitta snabbt") move to the site setting that the home page
and the menu read now: each site's shortcuts are copied once, unless the setting has its own."""

from django.db import migrations


def copy_home_shortcuts(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("home", "HomePage")
    ServiceNavigation = apps.get_model("services", "ServiceNavigation")
    for site in Site.objects.all():
        home = HomePage.objects.filter(pk=site.root_page_id).first()
        if home is None or not home.services:
            continue
        navigation, _ = ServiceNavigation.objects.get_or_create(site=site)
        if navigation.quick_links:
            continue
        navigation.quick_links = list(home.services.raw_data)
        navigation.save()


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(copy_home_shortcuts, migrations.RunPython.noop)]
