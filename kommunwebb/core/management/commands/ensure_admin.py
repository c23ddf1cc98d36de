import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the first administrator with a generated password, printed once. "
        "Does nothing if an administrator exists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "Admin: log in at /admin/ with your account (`make superuser` creates another one)."
            )
            return
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(username=options["username"], email="", password=password)
        self.stdout.write(
            self.style.SUCCESS(
                f"Created administrator '{options['username']}' with password {password}\n"
                "It is shown only this once: write it down or change it after logging in "
                "at /admin/."
            )
        )
