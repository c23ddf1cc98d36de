"""The production profile on this machine, from Debian's packages, on loopback:
PostgreSQL 15, Redis 7, gunicorn (production settings, several workers), the task worker,
Varnish 7 in front, a warmer for the crisis page and the Varnish hit counter for analytics.

    .venv/bin/python deploy/prod.py up      # make prod-up
    .venv/bin/python deploy/prod.py down    # make prod-down
    .venv/bin/python deploy/prod.py status

Everything lives in var/prod/ (KOMMUNWEBB_PROD_DIR), secrets generated into var/prod/env.
Ports (non-default, all 127.0.0.1): Varnish 8180, app 8181, PostgreSQL 8182, Redis 8183,
nginx serving the static crisis copies to Varnish 8184 (docs/crisis.md);
KOMMUNWEBB_PROD_PORT_BASE moves all five. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kommunwebb.testing import services  # noqa: E402

CRISIS_PAGE = "/trygghet-och-sakerhet/trygghet/stod-vid-akuta-handelser/"


class Profile:
    def __init__(self, directory: Path | None = None, port_base: int | None = None):
        self.dir = Path(directory or os.environ.get("KOMMUNWEBB_PROD_DIR", ROOT / "var" / "prod"))
        base = int(port_base or os.environ.get("KOMMUNWEBB_PROD_PORT_BASE", 8180))
        self.varnish_port, self.app_port, self.pg_port, self.redis_port, self.files_port = range(
            base, base + 5
        )
        self.url = f"http://127.0.0.1:{self.varnish_port}"

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
            **os.environ,
            # A city's own module may extend kommunwebb.settings.production.
            "DJANGO_SETTINGS_MODULE": os.environ.get(
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
            "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "4"),
            "PYTHONUNBUFFERED": "1",
        }

    def say(self, message: str):
        print(f"prod: {message}", flush=True)

    # --- up -----------------------------------------------------------------------------

    def up(self, load_demo: bool = True):
        self.run.mkdir(parents=True, exist_ok=True)
        env = self.env()
        self.say(f"PostgreSQL 15 on 127.0.0.1:{self.pg_port} ({self.pg})")
        if not services.port_open(self.pg_port):
            services.start_postgresql(self.pg, self.pg_port, password=env["DATABASE_PASSWORD"])
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

        if not services.port_open(self.app_port):
            self.say(f"gunicorn ({env['WEB_CONCURRENCY']} workers) on 127.0.0.1:{self.app_port}")
            services.start_app(self.app_port, env, self.run / "app.pid", self.dir / "app.log")
        if not services.alive_pidfile(self.run / "worker.pid"):
            services.manage("schedule_jobs", env=env, check=False)
            services.spawn(
                [sys.executable, "manage.py", "db_worker", "--queue-name", "*"],
                self.run / "worker.pid",
                self.dir / "worker.log",
                env=env,
            )
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
                self.app_port,
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
        self.start_helpers(env)
        self.say(f"ready: {self.url}/  (crisis page {self.url}{CRISIS_PAGE})")

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
        for name in ("ncsa", "warmer", "worker", "app"):
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
        for name, port in (
            ("Varnish", self.varnish_port),
            ("app", self.app_port),
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
    parser.add_argument("action", choices=["up", "down", "status"])
    parser.add_argument("--no-demo", action="store_true", help="Do not load the demo site.")
    args = parser.parse_args()
    profile = Profile()
    if args.action == "up":
        try:
            profile.up(load_demo=not args.no_demo)
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
