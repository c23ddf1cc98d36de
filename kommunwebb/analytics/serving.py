"""gunicorn's logger, minus the access lines of accepted beacons (deploy/gunicorn.conf.py).

Under a crisis spike beacons come by the thousand per second, each answered 204 with
nothing to say: an access line for each was most of the log, and writing it (scrubbed, to
the console and the day file) cost about a seventh of what serving a beacon costs. A
refused beacon (400, 403, 413, 415, 429) is still logged, as is everything else.
"""

from gunicorn.glogging import Logger

# The path of analytics:beacon (urls.py); tests/test_serving.py keeps the two the same.
BEACON_PATH = "/statistik/beacon"


class AccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if resp.status_code == 204 and req.path == BEACON_PATH and req.method == "POST":
            return
        super().access(resp, req, environ, request_time)
