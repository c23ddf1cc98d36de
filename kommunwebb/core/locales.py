"""The content language a request is for: which locale's pages its listings show.

Set by kommunwebb/languages' middleware from the address (/en/… is English, unprefixed is
the main language); everything else (the task worker, management commands, the admin) gets
the main language. Kept apart from Django's active language on purpose: the admin speaks
each editor's own language, yet its listings of public pages stay those of the main locale.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_content_language: ContextVar[str | None] = ContextVar("content_language", default=None)


def content_language() -> str:
    return _content_language.get() or settings.LANGUAGE_CODE


@contextmanager
def for_content_language(code: str):
    token = _content_language.set(code)
    try:
        yield
    finally:
        _content_language.reset(token)
