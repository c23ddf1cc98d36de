from django.shortcuts import render


def page_not_found(request, exception=None):
    """A Swedish 404 that still helps: search box, link home. Removed pages answer 404."""
    return render(request, "404.html", status=404)
