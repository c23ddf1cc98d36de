from django.urls import path

from . import admin_views

app_name = "analytics_admin"
urlpatterns = [
    path("", admin_views.dashboard, name="dashboard"),
    path("sida/<int:page_id>/", admin_views.page_statistics, name="page"),
    path("export/<slug:what>.csv", admin_views.export, name="export"),
]
