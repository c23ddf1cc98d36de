"""The media files' public path, without what only some may see.

Wagtail serves a document through its own view (``/dokument/<id>/<name>``), which checks
the privacy of the document's collection; the same file under ``/media/documents/`` was
served to anyone (a file moved into a login-restricted collection stayed public). So:

* ``documents/`` under ``/media/`` is never served: documents are reached through Wagtail's
  view only (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``).
* An image's original or rendition is served only if its collection has no view
  restriction the request does not pass (the same check Wagtail's document view makes).
* A file name the file system cannot hold (over 255 bytes) is a 404, not a 500.

Both profiles serve ``/media/`` through this view (kommunwebb/urls.py).
"""

import errno
import mimetypes
import posixpath

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.static import serve
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from kommunwebb.core.storage import is_local

DOCUMENTS = "documents/"
ORIGINALS = "original_images/"
RENDITIONS = "images/"


def _collection_of_image_file(path: str):
    Image = get_image_model()
    if path.startswith(ORIGINALS):
        image = Image.objects.filter(file=path).select_related("collection").first()
        return image.collection if image else None
    if path.startswith(RENDITIONS):
        Rendition = Image.get_rendition_model()
        rendition = Rendition.objects.filter(file=path).select_related("image__collection").first()
        return rendition.image.collection if rendition else None
    return None


def allowed(request, path: str) -> bool:
    path = posixpath.normpath(path).lstrip("/")
    if path.startswith(DOCUMENTS) or path == DOCUMENTS.rstrip("/"):
        return False
    # One query while no collection is restricted, which is the common case.
    if not CollectionViewRestriction.objects.exists():
        return True
    collection = _collection_of_image_file(path)
    if collection is None:
        return True
    return all(
        restriction.accept_request(request) for restriction in collection.get_view_restrictions()
    )


def _from_storage(path: str):
    """The file at ``path`` streamed from a storage without local paths (an S3 bucket:
    kommunwebb/core/storage.py); 404 if it is not there."""
    name = posixpath.normpath(path).lstrip("/")
    if name.startswith("..") or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(default_storage.open(name, "rb"), content_type=content_type)


def serve_media(request, path):
    if not allowed(request, path):
        raise Http404
    if not is_local(default_storage):
        response = _from_storage(path)
    else:
        try:
            response = serve(request, path, document_root=settings.MEDIA_ROOT)
        except OSError as error:
            if error.errno in (errno.ENAMETOOLONG, errno.ENOTDIR, errno.EACCES):
                raise Http404 from None
            raise
    # Restricted or not, a shared cache keeps no copy (Varnish passes the request on).
    response["Cache-Control"] = "private, max-age=3600"
    return response
