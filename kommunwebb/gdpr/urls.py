from django.urls import path

from . import views

app_name = "gdpr"
urlpatterns = [
    path("", views.search, name="search"),
    path("export.json", views.export, {"fmt": "json"}, name="export_json"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("radera/", views.erase, name="erase"),
]
