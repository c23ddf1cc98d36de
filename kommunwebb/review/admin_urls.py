from django.urls import path

from . import views
from .reports import PagesToReviewView

app_name = "review"
urlpatterns = [
    path("", PagesToReviewView.as_view(), name="report"),
    path("resultat/", PagesToReviewView.as_view(results_only=True), name="report_results"),
    path("sida/<int:page_id>/", views.page_review, name="page"),
]
