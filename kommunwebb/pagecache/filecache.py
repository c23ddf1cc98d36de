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

A cache hit read its page from disk every time: open, unpickle, and inflate some 60 kB of
zlib. The pages read last (``KEEP_IN_MEMORY``, 200 by default) are kept in the process
beside the identity of the file they came from (inode, modification time, size); a hit
then costs one ``stat``. Every store writes a new file (a temporary one renamed over the
old), so a page stored by any process, or deleted, is never answered from memory. Only
the page cache's own entries are kept (``CacheEntry.read_only``: nobody changes one once
read); the generation is always read from its file.
"""

import os
import pickle
import random
import threading
import time
import zlib
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

from .invalidation import DEADLINE_KEY, GENERATION_KEY

KEPT_KEYS = (GENERATION_KEY, DEADLINE_KEY)

# Django makes a cache object per thread: what was read is kept per process, by file name:
# (file identity, expiry, value).
_read: OrderedDict[str, tuple[tuple, float | None, object]] = OrderedDict()
_read_lock = threading.Lock()


def _identity(stat) -> tuple:
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


class PageFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self.cull_interval = float(options.get("CULL_INTERVAL", 5.0))
        self.keep_in_memory = int(options.get("KEEP_IN_MEMORY", 200))
        self._next_cull = 0.0

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            identity = _identity(os.stat(fname))
        except FileNotFoundError:
            return default
        kept = _read.get(fname)
        if kept is not None and kept[0] == identity and (kept[1] is None or kept[1] >= time.time()):
            return kept[2]
        try:
            with open(fname, "rb") as f:
                identity = _identity(os.fstat(f.fileno()))
                try:
                    expiry = pickle.load(f)  # noqa: S301 - our own files, as Django's
                except EOFError:
                    expiry = 0  # an empty file is expired, as in Django's
                if expiry is None or expiry >= time.time():
                    value = pickle.loads(zlib.decompress(f.read()))  # noqa: S301
        except FileNotFoundError:
            return default
        if expiry is not None and expiry < time.time():
            self._delete(fname)
            return default
        if self.keep_in_memory and getattr(value, "read_only", False):
            with _read_lock:
                _read[fname] = (identity, expiry, value)
                _read.move_to_end(fname)
                while len(_read) > self.keep_in_memory:
                    _read.popitem(last=False)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        # This process's next read sees the new file by its identity anyway; a stale copy
        # need not wait for that.
        _read.pop(self._key_to_file(key, version), None)

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
