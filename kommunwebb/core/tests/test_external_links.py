"""Links that leave the site say so, in rich text and in the shortcut and "Läs mer" blocks."""

import pytest
from wagtail.rich_text import expand_db_html

from kommunwebb.core.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_rich_text_links_to_other_sites_point_at_the_shared_description(client, home):
    html = expand_db_html(
        '<p>Läs på <a href="https://www.krisinformation.se/?a=1&amp;b=2">Krisinformation</a>.</p>'
    )
    assert (
        '<a href="https://www.krisinformation.se/?a=1&amp;b=2" class="external-link" '
        'aria-describedby="external-link-note">Krisinformation</a>'
    ) in html
    page = StandardPageFactory(parent=home, body=[("paragraph", html)])
    body = client.get(page.url).content.decode()
    assert 'id="external-link-note" hidden>Länken går till en annan webbplats.</span>' in body


def test_links_inside_the_site_and_e_mail_links_are_left_alone(home):
    html = expand_db_html(
        f'<p><a linktype="page" id="{home.pk}">Start</a> <a href="mailto:a@kommun.example">'
        "e-post</a></p>"
    )
    assert "external-link" not in html
    assert '<a href="/">Start</a>' in html


def test_read_more_links_to_other_sites_are_marked(client, home):
    page = StandardPageFactory(
        parent=home,
        body=[
            (
                "read_more",
                {
                    "heading": "Läs mer",
                    "links": [
                        {"text": "Brottsofferjouren", "page": None, "url": "https://www.boj.se/"},
                        {"text": "Hem", "page": home, "url": ""},
                    ],
                },
            )
        ],
    )
    body = client.get(page.url).content.decode()
    read_more = body[body.index('class="read-more"') :]
    read_more = read_more[: read_more.index("</ul>")]
    assert read_more.count("(till en annan webbplats)") == 1
    assert read_more.index("Brottsofferjouren") < read_more.index("(till en annan webbplats)")


def test_a_shortcut_to_another_site_is_marked_and_one_to_a_page_is_not(client, home):
    from kommunwebb.topics.factories import TopicPageFactory

    def shortcut(title, page=None, url=""):
        return ("service", {"title": title, "description": "", "page": page, "url": url})

    topic = TopicPageFactory(
        parent=home,
        services=[shortcut("Polisen", url="https://polisen.se/"), shortcut("Hem", page=home)],
    )
    body = client.get(topic.url).content.decode()
    grid = body[body.index('class="service-grid"') :]
    grid = grid[: grid.index("</ul>")]
    assert grid.count("(till en annan webbplats)") == 1
    assert grid.index("Polisen") < grid.index("(till en annan webbplats)") < grid.index(">Hem<")
