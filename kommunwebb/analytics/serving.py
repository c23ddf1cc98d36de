"""gunicorn's logger, minus the access lines of accepted beacons (deploy/gunicorn.conf.py).

Under a crisis spike beacons come by the thousand per second, each answered 204 with
nothing to say: an access line for each was most of the log, and writing it (scrubbed, to
the console and the day file) cost about a seventh of what serving a beacon costs. A
refused beacon (400, 403, 413, 415, 429) is still logged, as is everything else.
``KOMMUNWEBB_LOG_BEACONS=1`` in gunicorn's environment logs accepted ones too (to follow
beacons by hand; the browser tests count them this way).

Varnish's health probes (``/healthz``, kommunwebb/operations/health.py) come every second
from every Varnish to every app server: a healthy answer leaves no line either, a failing
one (503) does, which is when someone reads the log.
"""

import os

from kommunwebb.operations.access import AccessLog
from kommunwebb.operations.health import HEALTH_PATH

# The path of analytics:beacon (urls.py); tests/test_serving.py keeps the two the same.
BEACON_PATH = "/statistik/beacon"


class AccessLogger(AccessLog):
    def __init__(self, cfg):
        super().__init__(cfg)
        self.log_beacons = os.environ.get("KOMMUNWEBB_LOG_BEACONS") == "1"

    def access(self, resp, req, environ, request_time):
        accepted_beacon = (
            resp.status_code == 204 and req.path == BEACON_PATH and req.method == "POST"
        )
        if accepted_beacon and not self.log_beacons:
            return
        if req.path == HEALTH_PATH and resp.status_code == 200:
            return
        super().access(resp, req, environ, request_time)
