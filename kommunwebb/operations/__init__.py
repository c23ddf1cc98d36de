"""Running the site: recurring jobs on the task worker and logs without personal data.

Infrastructure at the bottom of the stack: it imports no other app of the project, and
settings and ``deploy/gunicorn.conf.py`` may import ``logs`` before Django is set up.
"""
