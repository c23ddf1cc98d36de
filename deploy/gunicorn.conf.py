"""gunicorn settings shared by the embedded and production profiles."""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("WEB_THREADS", 2))
timeout = 30
graceful_timeout = 20
# Access lines without the client address or user agent: time, request line, status,
# size and duration only.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = "127.0.0.1"
