"""Full-page cache for anonymous visitors, kept correct by publishing (contract C2).

Public API for other apps:

- ``kommunwebb.pagecache.invalidation.invalidate(reason)``: everything cached is stale after
  the current transaction commits (one site-wide generation; see docs/performance.md).
- ``kommunwebb.pagecache.invalidation.register_dependency(model)``: saving or deleting a row of
  ``model`` invalidates, for models that public pages show (snippets, settings, feeds' sources).
- ``kommunwebb.pagecache.invalidation.register_deadline(fn)``: ``fn(now)`` returns the next
  moment a rendered page would change by the clock alone (opening hours, alert windows); no
  cached copy lives past it. ``next_moment(queryset, fields, now)`` is such a moment for rows
  with start and end times.
- ``kommunwebb.pagecache.keys.register_variant(fn)``: ``fn(request)`` names the variant of a
  page a request gets beyond its address (the consent state); part of every cache key.

The apps that know what pages show register these in their ``AppConfig.ready()``; this app
imports none of them.
- ``kommunwebb.pagecache.signals.page_served``: sent for every public page served, hit or miss.
"""
