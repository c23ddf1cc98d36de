"""gunicorn settings shared by the embedded and production profiles."""

import multiprocessing
import os

from kommunwebb.operations.access import ACCESS_FORMAT
from kommunwebb.operations.logs import default_log_dir, gunicorn_logconfig
from kommunwebb.security.gunicorn import hide_server_header, swedish_error_pages

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("WEB_THREADS", 2))
timeout = 30
graceful_timeout = 20
# Access lines without the client address or user agent: time, request line, status,
# size and duration only, written cheaply (kommunwebb/operations/access.py).
accesslog = "-"
access_log_format = ACCESS_FORMAT
errorlog = "-"
# gunicorn's own messages can quote the client ("Invalid request from ip=…"): both logs go
# through the scrub filter, and in the embedded profile also to var/log/, one file per day
# (access-YYYY-MM-DD.log, server-YYYY-MM-DD.log), purged by `manage.py purge_expired`.
logconfig_dict = gunicorn_logconfig(default_log_dir())
# The same, without a line for every accepted statistics beacon (kommunwebb/analytics/serving.py).
logger_class = "kommunwebb.analytics.serving.AccessLogger"
forwarded_allow_ips = "127.0.0.1"
# Request lines up to 8 kB reach Django, which answers anything over 4 kB with the Swedish
# 414 page (kommunwebb/security); longer ones get the same page from gunicorn itself.
limit_request_line = 8190
# No "Server: gunicorn"; gunicorn's own refusals in Swedish (kommunwebb/security/gunicorn.py).
hide_server_header()
swedish_error_pages()


def post_worker_init(worker):
    # Long-lived objects out of the garbage collector's way (kommunwebb/wsgi.py).
    from kommunwebb.wsgi import settle

    settle()
