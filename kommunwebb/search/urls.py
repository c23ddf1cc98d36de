from django.urls import path

from kommunwebb.search import views

urlpatterns = [
    path("", views.search, name="search"),
    path("forslag/", views.autocomplete, name="search_autocomplete"),
    path("forslag/valt/", views.suggestion_taken, name="search_suggestion_taken"),
]
