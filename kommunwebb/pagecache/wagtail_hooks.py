from wagtail import hooks


@hooks.register("before_serve_page")
def mark_public_page(page, request, serve_args, serve_kwargs):
    """Tell the page cache this response is a published page (Wagtail serves only live ones,
    and its own view-restriction hook answers before this one for protected pages)."""
    request._pagecache_page = page
    if not getattr(page, "pagecache_exempt", False):
        request._pagecache_public = True
