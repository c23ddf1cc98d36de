"""The admin in plain Swedish, as a web editor meets it on the demo site: every entry and
sub-entry of the menu (read from the page) is visited and must show no English, no "None",
no database field names, no timestamps with microseconds, no command names, and must not
scroll sideways at 1280 px. Screenshots of each entry land in var/screenshots/admin/ when
KOMMUNWEBB_SHOTS names a directory."""

import json
import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PASSWORD = "redaktor-losenord-1"

# English that reached a Swedish editor before (issue 11), and Wagtail's words that its
# Swedish catalogue should translate. Whole words, case-sensitive.
ENGLISH = [
    "None",
    "Saved",
    "Why not",
    "There are no",
    "Moderators approval",
    "Moderators",
    "Dashboard",
    "Settings",
    "Reports",
    "Snippets",
    "Search",
    "Add",
    "Edit",
    "Delete",
    "Pages",
    "Images",
    "Documents",
    "Users",
    "Groups",
    "Workflows",
    "Workflow tasks",
    "Live",
    "Draft",
    "Actions",
    "Title",
    "Updated",
    "No results",
    "Help",
    "Log out",
    "Filter",
    "Sort by",
    "Download",
    "Export",
    "created_at",
    "updated_at",
    "channel",
    "manage.py",
    "purge_expired",
    "RETENTION_PERIODS",
    "schedule_jobs",
]
WORDS = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])")
MICROSECONDS = re.compile(r"\d{2}:\d{2}:\d{2}\.\d{3,6}")


def menu_urls(page) -> dict[str, str]:
    """Every entry and sub-entry of the admin menu, from the sidebar's own data."""
    props = json.loads(page.locator("#wagtail-sidebar-props").text_content())
    found: dict[str, str] = {}

    def walk(node, trail):
        if isinstance(node, dict):
            args = node.get("_args")
            if isinstance(args, list) and args and isinstance(args[0], dict):
                label = args[0].get("label") or trail
                url = args[0].get("url")
                if isinstance(url, str) and url.startswith("/admin/"):
                    found.setdefault(url, f"{trail} → {label}" if trail else label)
                for value in args:
                    walk(value, label if "menu_items" in str(value)[:0] else trail or label)
                return
            for value in node.values():
                walk(value, trail)
        elif isinstance(node, list):
            for value in node:
                walk(value, trail)

    walk(props, "")
    return found


def problems(page) -> list[str]:
    text = page.locator("main").inner_text()
    found = [f"English or raw text: {m!r}" for m in sorted(set(WORDS.findall(text)))]
    found += [f"time with microseconds: {m!r}" for m in MICROSECONDS.findall(text)]
    title = page.title()
    found += [f"title: {m!r}" for m in sorted(set(WORDS.findall(title)))]
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        found.append("scrolls sideways at 1280 px")
    return found


@pytest.fixture(scope="module")
def web_editor(demo_server, demo_manage):
    demo_manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Group, User;"
        "u, _ = User.objects.get_or_create(username='webbredaktor', "
        "defaults={'first_name': 'Wilma', 'last_name': 'Webb'});"
        "u.is_staff = True; u.is_superuser = False;"
        f"u.set_password('{PASSWORD}'); u.save();"
        "u.groups.set([Group.objects.get(name='Webbredaktör')])",
    )
    return "webbredaktor"


def visit_every_entry(chromium, demo_server, admin_login, username):
    context = chromium.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    admin_login(page, username, PASSWORD)
    urls = menu_urls(page)
    assert len(urls) > 5, urls
    shots = os.environ.get("KOMMUNWEBB_SHOTS")
    report = {}
    for index, (url, label) in enumerate(sorted(urls.items())):
        response = page.goto(demo_server + url)
        assert response.status < 400, (url, response.status)
        page.wait_for_load_state("networkidle")
        if shots:
            name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "admin"
            Path(shots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{shots}/{username}-{index:02d}-{name}.png", full_page=True)
        found = problems(page)
        if found:
            report[f"{label} ({url})"] = found
    context.close()
    return urls, report


def test_every_admin_entry_is_in_plain_swedish_for_a_web_editor(
    chromium, demo_server, admin_login, web_editor
):
    urls, report = visit_every_entry(chromium, demo_server, admin_login, web_editor)
    assert report == {}, json.dumps(report, ensure_ascii=False, indent=1)


def test_every_admin_entry_is_in_plain_swedish_for_an_administrator(
    chromium, demo_server, demo_manage, admin_login
):
    demo_manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        "u, _ = User.objects.get_or_create(username='superredaktor');"
        "u.is_staff = u.is_superuser = True;"
        f"u.set_password('{PASSWORD}'); u.save()",
    )
    urls, report = visit_every_entry(chromium, demo_server, admin_login, "superredaktor")
    assert report == {}, json.dumps(report, ensure_ascii=False, indent=1)
