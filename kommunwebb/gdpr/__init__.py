"""Data protection in the admin ("Dataskydd"): the rights tools that find, export and erase
what is stored about one person, and the overview of what the retention app purges.

It builds on ``kommunwebb.retention`` (kinds, purge, audit); retention knows nothing of it.
"""
