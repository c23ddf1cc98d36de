"""Alerts residents can follow: each alert's own page (its permalink, with its update
history) and the list of current alerts. Only what a visitor may see: anything else is 404."""

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from kommunwebb.core.visibility import is_visible

from .models import Alert


def alert_list(request):
    alerts = Alert.objects.active(timezone.now()).select_related("page", "link_page")
    return render(request, "alerts/alert_list.html", {"alerts": alerts.most_urgent_first()})


def alert_detail(request, pk):
    alert = Alert.objects.select_related("page", "link_page").filter(pk=pk).first()
    if alert is None or not is_visible(alert):
        raise Http404
    return render(request, "alerts/alert_detail.html", {"alert": alert})


def crisis_page(request):
    """The lightweight crisis page: the crisis in crisis mode, the current alerts, 112."""
    return render(request, "alerts/crisis_page.html", {})
