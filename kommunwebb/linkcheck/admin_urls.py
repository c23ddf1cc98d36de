from django.urls import path

from .reports import BrokenLinksView

app_name = "linkcheck"
urlpatterns = [
    path("", BrokenLinksView.as_view(), name="report"),
    path("resultat/", BrokenLinksView.as_view(results_only=True), name="report_results"),
]
