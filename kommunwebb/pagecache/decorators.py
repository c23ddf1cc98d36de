from functools import wraps


def cache_public(view):
    """Let the page cache keep this view's anonymous 200 responses (feeds, sitemaps, open
    data): they are invalidated with the pages. The view must not vary by visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request._pagecache_public = True
        return view(request, *args, **kwargs)

    return wrapper
