"""The embedded profile's page cache on disk: Django's file cache, culled the cheap way.

Django's ``FileBasedCache`` makes room on every ``set``: it lists the whole directory to
count the entries, and past ``MAX_ENTRIES`` deletes a third of them at random. With a few
thousand pages cached, that listing is most of the cost of storing a page, paid by every
page rendered after a publish, when the site is busiest. And the random third may take the
content generation's key with it, which starts a new generation: every page on the site
would be rendered again for nothing.

Here the directory is counted at most once per ``CULL_INTERVAL`` seconds per process (the
cache may hold that many seconds' worth of stores over ``MAX_ENTRIES`` until then), and the
keys the page cache's bookkeeping lives in are never culled.
"""

import random
import time

from django.core.cache.backends.filebased import FileBasedCache

from .invalidation import DEADLINE_KEY, GENERATION_KEY

KEPT_KEYS = (GENERATION_KEY, DEADLINE_KEY)


class PageFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self.cull_interval = float(params.get("OPTIONS", {}).get("CULL_INTERVAL", 5.0))
        self._next_cull = 0.0

    def _cull(self):
        now = time.monotonic()
        if now < self._next_cull:
            return
        self._next_cull = now + self.cull_interval
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        kept = {self._key_to_file(key) for key in KEPT_KEYS}
        candidates = [name for name in files if name not in kept]
        if self._cull_frequency == 0:
            doomed = candidates
        else:
            count = min(len(candidates), len(files) // self._cull_frequency)
            doomed = random.sample(candidates, count)
        for name in doomed:
            self._delete(name)
