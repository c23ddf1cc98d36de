"""Media (images, renditions, documents) in an S3-compatible bucket, for several app servers
(docs/scaling.md). Used when ``KOMMUNWEBB_MEDIA_S3_BUCKET`` is set (settings/production.py);
local disk (``MEDIA_ROOT``) otherwise.

The bucket stays private: every object is written with the ``private`` ACL, and no address
of the bucket ever reaches a page. ``url()`` answers this site's own ``/media/<name>``,
which the app serves through ``kommunwebb.security.media.serve_media``: the same check of a
restricted collection as on local disk, the file streamed from the bucket. (Browsers could
not load the bucket's addresses anyway: the Content-Security-Policy allows images from this
site only.) Documents go through Wagtail's document view (``/dokument/``), which checks the
collection's privacy and streams the file (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``).
"""

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateMediaStorage(S3Storage):
    default_acl = "private"
    querystring_auth = True
    file_overwrite = False

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)


def is_local(storage) -> bool:
    """Whether ``storage`` keeps files on this server's disk (``path()`` works)."""
    try:
        storage.path("")
    except NotImplementedError:
        return False
    return True
