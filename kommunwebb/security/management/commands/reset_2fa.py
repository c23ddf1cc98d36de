from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kommunwebb.security import audit


class Command(BaseCommand):
    help = (
        "Remove an account's second factor (a lost telephone): at the next login it sets up "
        "a new one if its role requires it. Recorded in the audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No account named {username!r}.") from None
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        removed += StaticDevice.objects.filter(user=user).delete()[0]
        audit.record(user, audit.TWO_FACTOR_DISABLED, via="manage.py reset_2fa")
        self.stdout.write(f"Second factor of {username} removed ({removed} records).")
