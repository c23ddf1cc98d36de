"""``{% shared_fragment %}``: markup every page shares, rendered once per content generation
(site_tags.py), never shown stale and never kept for an editor's preview."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from kommunwebb.pagecache.invalidation import invalidate

pytestmark = pytest.mark.django_db

TEMPLATE = Template(
    '{% load site_tags %}{% shared_fragment "test" value %}'
    "{{ renders.next }}{% endshared_fragment %}"
)


class Renders:
    """Counts how often the fragment's inside is rendered."""

    def __init__(self):
        self.count = 0

    def next(self):
        self.count += 1
        return f"render {self.count}"


@pytest.fixture
def render(home):
    renders = Renders()

    def render(value="a", preview=False):
        request = RequestFactory().get("/", HTTP_HOST="localhost")
        if preview:
            request.is_preview = True
        return TEMPLATE.render(Context({"request": request, "renders": renders, "value": value}))

    render.renders = renders
    return render


def test_rendered_once_per_generation(pagecache, commit, render):
    assert render() == "render 1"
    assert render() == "render 1"
    with commit():
        invalidate("test")
    assert render() == "render 2"


def test_kept_apart_by_value_and_language(pagecache, render, home):
    assert render("a") == "render 1"
    assert render("b") == "render 2"
    assert render(["x", home]) == "render 3"
    assert render(["x", home]) == "render 3"
    with translation.override("en"):
        assert render("a") == "render 4"
    assert render("a") == "render 1"


def test_a_preview_and_the_cache_switched_off_render_afresh(settings, pagecache, render):
    assert render(preview=True) == "render 1"
    assert render(preview=True) == "render 2"
    settings.PAGECACHE_ENABLED = False
    assert render() == "render 3"
    assert render() == "render 4"
