from django.utils.cache import patch_cache_control

# Feeds, calendars and the sitemap are the same for everyone and change when an editor
# publishes. A few minutes in any cache is fine; subscribers poll far less often.
MAX_AGE = 300


def public_cache(response, max_age: int = MAX_AGE):
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=max_age,
        stale_while_revalidate=60,
    )
    return response
