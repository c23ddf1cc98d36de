"""Test-suite guard: every cookie a response sets must be in the cookie registry.

Installed as the outermost middleware in ``settings/test.py``, so it sees the cookies
every other middleware and view has set, in every test of the suite that makes a request.
"""

from __future__ import annotations

from . import registry


class UnregisteredCookieError(AssertionError):
    pass


def unregistered_cookies(response) -> list[str]:
    """Names of cookies the response sets (not deletes) that the registry does not list."""
    known = registry.names()
    found = []
    for name, morsel in response.cookies.items():
        if str(morsel["max-age"]) == "0":
            continue  # a deletion sets nothing on the device
        if name not in known:
            found.append(name)
    return found


class CookieRegistryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        unknown = unregistered_cookies(response)
        if unknown:
            raise UnregisteredCookieError(
                f"{request.method} {request.path} set cookie(s) {', '.join(unknown)} that "
                "kommunwebb/consent/registry.py does not list. Add each cookie there, with its "
                "purpose, category and lifetime: the cookie table visitors see is made from it."
            )
        return response
