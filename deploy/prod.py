"""The production profile on this machine, from Debian's packages, on loopback:
PostgreSQL 15, Redis 7, gunicorn (production settings, several workers), the task worker,
Varnish 7 in front, a warmer for the crisis page and the Varnish hit counter for analytics.

    .venv/bin/python deploy/prod.py up [--app-servers N]  # make prod-up [APP_SERVERS=N]
    .venv/bin/python deploy/prod.py rolling-restart       # a deploy, one app server at a time
    .venv/bin/python deploy/prod.py down                  # make prod-down
    .venv/bin/python deploy/prod.py status

Everything lives in var/prod/ (KOMMUNWEBB_PROD_DIR), secrets generated into var/prod/env.
The environment this runs in is passed on to every app server, the task worker and each
manage.py run: a city's own settings (README.md), e.g. KOMMUNWEBB_MEDIA_S3_* for media in a
bucket (docs/scaling.md), are set in the shell that runs `make prod-up`/`prod-restart`.
Ports (non-default, all 127.0.0.1): Varnish 8180, app 8181, PostgreSQL 8182, Redis 8183,
nginx serving the static crisis copies to Varnish 8184 (docs/crisis.md), further app servers
8185, 8186, …; KOMMUNWEBB_PROD_PORT_BASE moves them all. See docs/performance.md,
docs/crisis.md and docs/scaling.md.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kommunwebb.testing import services  # noqa: E402

CRISIS_PAGE = "/trygghet-och-sakerhet/trygghet/stod-vid-akuta-handelser/"


class Profile:
    def __init__(
        self,
        directory: Path | None = None,
        port_base: int | None = None,
        *,
        web_concurrency: int | None = None,
        fast_database: bool = False,
        environment: Mapping[str, str] | None = None,
        app_server_env: Mapping[int, Mapping[str, str]] | None = None,
    ):
        # What every process is started with besides the profile's own settings: the
        # city's environment (KOMMUNWEBB_MEDIA_S3_* and the others in README.md), passed on
        # to every app server, the task worker and manage.py alike.
        self.environment = dict(os.environ if environment is None else environment)
        # What differs between app servers, by number (tests: a media directory each).
        self.app_server_env = {n: dict(v) for n, v in (app_server_env or {}).items()}
        self.dir = Path(
            directory or self.environment.get("KOMMUNWEBB_PROD_DIR", ROOT / "var" / "prod")
        )
        self.web_concurrency = web_concurrency
        # Tests: PostgreSQL without fsync (services.start_postgresql(fast=True)).
        self.fast_database = fast_database
        base = int(port_base or self.environment.get("KOMMUNWEBB_PROD_PORT_BASE", 8180))
        self.port_base = base
        self.varnish_port, self.app_port, self.pg_port, self.redis_port, self.files_port = range(
            base, base + 5
        )
        self.url = f"http://127.0.0.1:{self.varnish_port}"

    # App servers are numbered from 1: the first on base + 1 (as when there was one), the
    # others after Redis and the crisis copies' nginx, on base + 5, base + 6, …
    def app_server_port(self, number: int) -> int:
        return self.app_port if number == 1 else self.port_base + 3 + number

    def app_pidfile(self, number: int) -> Path:
        return self.run / f"app-{number}.pid"

    def app_log(self, number: int) -> Path:
        return self.dir / f"app-{number}.log"

    @property
    def app_servers(self) -> int:
        """How many app servers `up` started (run/app-servers), for restart, down, status."""
        try:
            return max(1, int((self.run / "app-servers").read_text()))
        except (OSError, ValueError):
            return 1

    # Paths of the parts.
    pg = property(lambda self: self.dir / "postgresql")
    redis = property(lambda self: self.dir / "redis")
    varnish = property(lambda self: self.dir / "varnish")
    app_var = property(lambda self: self.dir / "app")
    error_pages = property(lambda self: self.dir / "varnish-errors")
    # What the app writes after every publish (alerts/fallback.py) and nginx serves to Varnish.
    fallback = property(lambda self: self.app_var / "fallback")
    files = property(lambda self: self.dir / "files")
    run = property(lambda self: self.dir / "run")

    # Generated once into var/prod/env; added to an older env file on the next start.
    SECRETS = {
        "DJANGO_SECRET_KEY": 50,
        "DATABASE_PASSWORD": 24,
        # The edge (deploy/varnish/): PURGE needs it besides coming from the purgers' ACL,
        "KOMMUNWEBB_PURGE_SECRET": 32,
        # and the keyed hash of client addresses the app's rate limits count by.
        "KOMMUNWEBB_CLIENT_HASH_SECRET": 32,
    }

    def secrets(self) -> dict[str, str]:
        path = self.dir / "env"
        self.dir.mkdir(parents=True, exist_ok=True)
        text = path.read_text() if path.exists() else ""
        values = dict(line.split("=", 1) for line in text.split() if "=" in line)
        missing = {name: n for name, n in self.SECRETS.items() if name not in values}
        if missing:
            for name, n in missing.items():
                values[name] = secrets.token_urlsafe(n)
            path.write_text("".join(f"{name}={value}\n" for name, value in values.items()))
            path.chmod(0o600)
        return values

    def env(self) -> dict[str, str]:
        values = self.secrets()
        return {
            **self.environment,
            # A city's own module may extend kommunwebb.settings.production.
            "DJANGO_SETTINGS_MODULE": self.environment.get(
                "KOMMUNWEBB_PROD_SETTINGS", "kommunwebb.settings.production"
            ),
            "DJANGO_SECRET_KEY": values["DJANGO_SECRET_KEY"],
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": self.url,
            # Loopback has no TLS; a real installation terminates TLS in front of Varnish
            # and keeps the redirect on (`check --deploy` runs with it on, below).
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_NAME": "kommunwebb",
            "DATABASE_USER": "kommunwebb",
            "DATABASE_PASSWORD": values["DATABASE_PASSWORD"],
            "DATABASE_HOST": "127.0.0.1",
            "DATABASE_PORT": str(self.pg_port),
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}",
            "KOMMUNWEBB_VAR_DIR": str(self.app_var),
            "KOMMUNWEBB_LOG_DIR": str(self.dir / "log"),
            "KOMMUNWEBB_BASE_URL": self.url,
            "KOMMUNWEBB_VARNISH_URL": self.url,
            "KOMMUNWEBB_PURGE_SECRET": values["KOMMUNWEBB_PURGE_SECRET"],
            "KOMMUNWEBB_WARM_PATHS": CRISIS_PAGE,
            "WEB_CONCURRENCY": str(
                self.web_concurrency or self.environment.get("WEB_CONCURRENCY", "4")
            ),
            "PYTHONUNBUFFERED": "1",
        }

    def say(self, message: str):
        print(f"prod: {message}", flush=True)

    # --- up -----------------------------------------------------------------------------

    def up(self, load_demo: bool = True, app_servers: int = 1, helpers: bool = True):
        if app_servers < 1:
            raise SystemExit("--app-servers: at least 1")
        self.run.mkdir(parents=True, exist_ok=True)
        (self.run / "app-servers").write_text(str(app_servers))
        env = self.env()
        self.say(f"PostgreSQL 15 on 127.0.0.1:{self.pg_port} ({self.pg})")
        if not services.port_open(self.pg_port):
            services.start_postgresql(
                self.pg, self.pg_port, password=env["DATABASE_PASSWORD"], fast=self.fast_database
            )
        services.ensure_database(
            self.pg, self.pg_port, "kommunwebb", "kommunwebb", env["DATABASE_PASSWORD"]
        )
        self.say(f"Redis 7 on 127.0.0.1:{self.redis_port}")
        if not services.port_open(self.redis_port):
            services.start_redis(self.redis, self.redis_port)

        self.say("migrate, demo content, static files")
        self.app_var.mkdir(parents=True, exist_ok=True)
        services.manage("migrate", "--noinput", "-v0", env=env)
        if load_demo:
            services.manage("load_demo_data", env=env)
        services.manage("collectstatic", "--noinput", "-v0", env=env)
        # The static crisis copies exist from the start, not only after the first publish.
        services.manage("write_fallback_copies", env=env)
        checked = services.manage(
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            env={**env, "DJANGO_SECURE_SSL_REDIRECT": "1"},
            check=False,
        )
        if checked.returncode != 0:
            raise SystemExit(f"manage.py check --deploy is not clean:\n{checked.stderr}")

        for number in range(1, app_servers + 1):
            self.start_app_server(number, env)
        if not services.alive_pidfile(self.run / "worker.pid"):
            services.manage("schedule_jobs", env=env, check=False)
            self.start_worker(env)
        if not services.port_open(self.files_port):
            self.say(f"nginx for the static crisis copies on 127.0.0.1:{self.files_port}")
            services.reachable_dir(self.fallback)
            services.start_nginx(self.files, self.files_port, self.fallback)
        if not services.port_open(self.varnish_port):
            self.say(f"Varnish 7 on {self.url}")
            # The Swedish 414 and 503 pages Varnish answers with itself.
            services.manage("render_error_pages", self.error_pages, env=env)
            values = self.secrets()
            services.start_varnish(
                services.reachable_dir(self.varnish),
                self.varnish_port,
                [self.app_server_port(n) for n in range(1, app_servers + 1)],
                consent_version=int(os.environ.get("KOMMUNWEBB_CONSENT_POLICY_VERSION", "1")),
                purge_secret=values["KOMMUNWEBB_PURGE_SECRET"],
                client_secret=values["KOMMUNWEBB_CLIENT_HASH_SECRET"],
                error_pages=self.error_pages,
                fallback_port=self.files_port,
                # Where TLS ends in front of Varnish (nginx, hitch, a load balancer).
                tls_terminators=[
                    a
                    for a in os.environ.get("KOMMUNWEBB_TLS_TERMINATORS", "127.0.0.1,::1").split(
                        ","
                    )
                    if a
                ],
            )
        if helpers:
            self.start_helpers(env)
        self.say(f"ready: {self.url}/  (crisis page {self.url}{CRISIS_PAGE})")

    def start_app_server(self, number: int, env: dict):
        port = self.app_server_port(number)
        if services.port_open(port):
            return
        env = {**env, **self.app_server_env.get(number, {})}
        self.say(f"app server {number}: gunicorn ({env['WEB_CONCURRENCY']} workers) on :{port}")
        services.start_app(port, env, self.app_pidfile(number), self.app_log(number))

    def start_worker(self, env: dict):
        services.spawn(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*"],
            self.run / "worker.pid",
            self.dir / "worker.log",
            env=env,
        )

    def healthy(self, port: int) -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
                return answer.status == 200
        except (OSError, urllib.error.HTTPError):
            return False

    # --- rolling-restart ----------------------------------------------------------------

    def rolling_restart(self, timeout: float = 90, migrate: bool = True):
        """A deploy without a failed request: migrations first (they only add: see
        docs/scaling.md for removals in two steps), then each app server in turn is taken out
        of Varnish's director, stopped gracefully (gunicorn finishes what it has in hand:
        graceful_timeout in deploy/gunicorn.conf.py), started with the new code, asked for
        /healthz and given back to its probe; only then the next. The task worker last."""
        env = self.env()
        if migrate:
            self.say("migrate, static files")
            services.manage("migrate", "--noinput", "-v0", env=env)
            services.manage("collectstatic", "--noinput", "-v0", env=env)
        for number in range(1, self.app_servers + 1):
            port = self.app_server_port(number)
            self.say(f"app server {number} (:{port}): out of the director")
            services.set_backend_health(self.varnish, number, "sick")
            # Requests Varnish handed it a moment ago reach it before it stops listening.
            time.sleep(0.5)
            self.say(f"app server {number}: graceful stop")
            services.stop_pidfile(self.app_pidfile(number), timeout=30)
            self.start_app_server(number, env)
            deadline = time.monotonic() + timeout
            while not self.healthy(port):
                if time.monotonic() > deadline:
                    raise services.ServiceError(f"app server {number} is not healthy")
                time.sleep(0.2)
            services.set_backend_health(self.varnish, number, "auto")
            while not services.backend_health(self.varnish).get(number):
                if time.monotonic() > deadline:
                    raise services.ServiceError(f"Varnish does not take app server {number}")
                time.sleep(0.2)
            self.say(f"app server {number}: back in the director")
        self.say("task worker")
        services.stop_pidfile(self.run / "worker.pid", timeout=30)
        self.start_worker(env)
        self.say("rolling restart done")

    def start_helpers(self, env):
        # Keep the crisis page warm even when nobody publishes (entries also expire by time).
        if not services.alive_pidfile(self.run / "warmer.pid"):
            services.spawn(
                [sys.executable, "manage.py", "warm_pages", "--every", "30"],
                self.run / "warmer.pid",
                self.dir / "warmer.log",
                env=env,
            )
        # Varnish's own hits, counted by analytics (contract C3), without client addresses.
        has_ingest = "ingest_pageviews" in services.manage("help", "--commands", env=env).stdout
        if not has_ingest:
            self.say("manage.py ingest_pageviews is missing: Varnish hits are not counted")
            return
        if not services.alive_pidfile(self.run / "ncsa.pid"):
            hits = shlex.join(services.hit_log_command(self.varnish))
            ingest = shlex.join([sys.executable, "manage.py", "ingest_pageviews", "--varnishlog"])
            services.spawn(
                ["sh", "-c", f"{hits} | {ingest}"],
                self.run / "ncsa.pid",
                self.dir / "ingest.log",
                env=env,
            )

    # --- down ---------------------------------------------------------------------------

    def down(self):
        apps = [f"app-{n}" for n in range(1, self.app_servers + 1)]
        # "app": the one app server of an older var/prod/.
        for name in ("ncsa", "warmer", "worker", *apps, "app"):
            if services.stop_pidfile(self.run / f"{name}.pid"):
                self.say(f"stopped {name}")
        if services.stop_varnish(self.varnish):
            self.say("stopped Varnish")
        if services.stop_nginx(self.files):
            self.say("stopped nginx")
        if services.stop_redis(self.redis):
            self.say("stopped Redis")
        if services.stop_postgresql(self.pg):
            self.say("stopped PostgreSQL")

    def status(self):
        apps = [(f"app {n}", self.app_server_port(n)) for n in range(1, self.app_servers + 1)]
        for name, port in (
            ("Varnish", self.varnish_port),
            *apps,
            ("PostgreSQL", self.pg_port),
            ("Redis", self.redis_port),
            ("nginx", self.files_port),
        ):
            self.say(f"{name:<10} 127.0.0.1:{port} {'up' if services.port_open(port) else 'down'}")
        for name in ("worker", "warmer", "ncsa"):
            up = services.alive_pidfile(self.run / f"{name}.pid")
            self.say(f"{name:<10} {'up' if up else 'down'}")


def main():
    parser = argparse.ArgumentParser(description="The production profile on loopback.")
    parser.add_argument("action", choices=["up", "down", "status", "rolling-restart"])
    parser.add_argument("--no-demo", action="store_true", help="Do not load the demo site.")
    parser.add_argument(
        "--app-servers",
        type=int,
        default=int(os.environ.get("APP_SERVERS") or 1),
        help="How many gunicorn app servers behind Varnish (default 1, or APP_SERVERS).",
    )
    args = parser.parse_args()
    profile = Profile()
    if args.action == "rolling-restart":
        try:
            profile.rolling_restart()
        except (services.ServiceError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", "") or ""
            profile.say(f"failed: {error}\n{detail}")
            raise SystemExit(1) from None
    elif args.action == "up":
        try:
            profile.up(load_demo=not args.no_demo, app_servers=args.app_servers)
        except (services.ServiceError, subprocess.CalledProcessError) as error:
            detail = getattr(error, "stderr", "") or ""
            profile.say(f"failed: {error}\n{detail}")
            profile.down()
            raise SystemExit(1) from None
    elif args.action == "down":
        profile.down()
    else:
        profile.status()


if __name__ == "__main__":
    main()
