"""Full-page cache for anonymous visitors, kept correct by publishing (contract C2).

Public API for other apps:

- ``kommunwebb.pagecache.invalidation.invalidate(reason)``: everything cached is stale after
  the current transaction commits (one site-wide generation; see docs/performance.md).
- ``kommunwebb.pagecache.invalidation.register_dependency(model)``: saving or deleting a row of
  ``model`` invalidates, for models that public pages show (snippets, settings, feeds' sources).
- ``kommunwebb.pagecache.invalidation.register_deadline(fn)``: ``fn(now)`` returns the next
  moment a rendered page would change by the clock alone (opening hours, alert windows); no
  cached copy lives past it.
- ``kommunwebb.pagecache.signals.page_served``: sent for every public page served, hit or miss.
"""
