from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("", views.answer, name="answer"),
    path("tack/", views.thanks, name="thanks"),
    path("kommentar/", views.comment, name="comment"),
]
