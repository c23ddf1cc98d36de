from django.urls import path
from wagtail.admin.auth import permission_required

from .reports import PERMISSION, CommentsView, PagesByNoView

app_name = "feedback_admin"


def guarded(view):
    return permission_required(PERMISSION)(view)


urlpatterns = [
    path("", guarded(PagesByNoView.as_view()), name="pages"),
    path("resultat/", guarded(PagesByNoView.as_view(results_only=True)), name="pages_results"),
    path("kommentarer/", guarded(CommentsView.as_view()), name="comments"),
    path(
        "kommentarer/resultat/",
        guarded(CommentsView.as_view(results_only=True)),
        name="comments_results",
    ),
]
