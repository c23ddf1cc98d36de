from django.dispatch import Signal

# Sent for every GET of a public Wagtail page that answered 200, whether it came from the
# cache (hit=True) or was rendered (hit=False), with the request and the response.
# Hits are always anonymous; a miss may be an editor (``request.user`` is set on misses).
page_served = Signal()
