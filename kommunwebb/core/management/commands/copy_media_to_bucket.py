"""Copy the media on this server's disk (``MEDIA_ROOT``) into the bucket the site now uses
(``KOMMUNWEBB_MEDIA_S3_*``, docs/scaling.md). Idempotent: a file already in the bucket with
the same size is left alone, so the command can run again after an interrupted copy, and
once more just before switching the app servers over."""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kommunwebb.core.storage import is_local


class Command(BaseCommand):
    help = "Copy media files from MEDIA_ROOT into the S3-compatible bucket (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", type=Path, default=None, help="Directory to copy (MEDIA_ROOT)."
        )

    def handle(self, *args, source=None, **options):
        if is_local(default_storage):
            raise CommandError(
                _(
                    "Webbplatsen sparar filer på den här serverns disk. Ange "
                    "KOMMUNWEBB_MEDIA_S3_BUCKET (och adress och nycklar) först."
                )
            )
        root = Path(source or settings.MEDIA_ROOT)
        if not root.is_dir():
            raise CommandError(_("Mappen %(path)s finns inte.") % {"path": root})
        copied = kept = 0
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            name = path.relative_to(root).as_posix()
            if default_storage.exists(name):
                if default_storage.size(name) == path.stat().st_size:
                    kept += 1
                    continue
                default_storage.delete(name)
            with path.open("rb") as handle:
                saved = default_storage.save(name, File(handle))
            if saved != name:
                raise CommandError(_("%(name)s sparades som %(saved)s.") % locals())
            copied += 1
        self.stdout.write(
            ngettext("%(count)d fil kopierad", "%(count)d filer kopierade", copied)
            % {"count": copied}
            + ", "
            + ngettext(
                "%(count)d fanns redan i lagringen.",
                "%(count)d fanns redan i lagringen.",
                kept,
            )
            % {"count": kept}
        )
