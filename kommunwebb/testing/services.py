"""Services from Debian's packages, started on loopback for tests, CI, the production profile
(`make prod-up`) and the benchmark: PostgreSQL 15, Redis 7, Varnish 7, nginx and the app under
gunicorn. No Docker; each service gets a private directory and a port of its own.

As root (CI, this machine), PostgreSQL runs as the ``postgres`` user and Varnish drops to its
own users, so their directories are made reachable for them.

    python -m kommunwebb.testing.services postgresql-start --dir D --port P [--database N]
    python -m kommunwebb.testing.services postgresql-stop --dir D
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("KOMMUNWEBB_PG_BIN", "/usr/lib/postgresql/15/bin"))
VCL_TEMPLATE = ROOT / "deploy" / "varnish" / "default.vcl.in"
# Client addresses never enter Varnish's shared-memory log: the records that carry them are
# masked, and request headers are logged only through the VCL's std.log("kw...") record.
# The records of every response's headers, the VCL's steps and its timestamps are masked
# too: a cache hit wrote some forty records, now about ten, and whatever reads the log
# skips the rest unread (docs/performance.md, "The edge"). To look at them while
# debugging: varnishadm param.set vsl_mask +RespHeader (and so on).
VSL_MASK = (
    "-SessOpen,-ReqStart,-ReqHeader,-BereqHeader,-ReqUnset,-BereqUnset,-ReqAcct,-Proxy,"
    "-RespHeader,-RespUnset,-RespProtocol,-RespReason,-ReqProtocol,-VCL_call,-VCL_return,"
    "-Timestamp,-Filters"
)
# The longest log record: a page view's path, referrer and user agent in one.
VSL_RECLEN = 2048


def hit_log_command(workdir: Path) -> list[str]:
    """Page views Varnish answers itself (contract C3), for `manage.py ingest_pageviews
    --varnishlog`: the VCL's one record per counted hit, and nothing else, read from the
    shared-memory log without assembling transactions (``-g raw``)."""
    return ["varnishlog", "-n", str(varnish_name(workdir)), "-g", "raw", "-i", "VCL_Log"]


class ServiceError(RuntimeError):
    pass


def is_root() -> bool:
    return os.geteuid() == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_range(count: int, attempts: int = 50) -> int:
    """The first of ``count`` consecutive free loopback ports (deploy/prod.py numbers its
    services from one base port)."""
    for _ in range(attempts):
        base = free_port()
        if base + count < 65536 and not any(port_open(base + n) for n in range(count)):
            return base
    raise ServiceError(f"no {count} consecutive free ports found")


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for_port(port: int, timeout: float = 30, process=None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while not port_open(port):
        if process is not None and process.poll() is not None:
            raise ServiceError(f"exited before listening on {port}: {_tail(log)}")
        if time.monotonic() > deadline:
            raise ServiceError(
                f"nothing listens on 127.0.0.1:{port} after {timeout}s: {_tail(log)}"
            )
        time.sleep(0.1)


def _tail(log: Path | None, lines: int = 30) -> str:
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def reachable_dir(path: Path, mode: int = 0o755) -> Path:
    """Create ``path`` and let other users (postgres, varnish) traverse it and its parents
    up to a directory they can already reach."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(mode)
    for parent in path.parents:
        if parent == Path("/") or parent.stat().st_mode & 0o001:
            break
        parent.chmod(parent.stat().st_mode | 0o011)
    return path


# --- Processes kept in pid files ---------------------------------------------------------


def spawn(cmd, pidfile: Path, log: Path, env=None, cwd=ROOT) -> subprocess.Popen:
    """Start ``cmd`` in a session of its own, output to ``log``, its pid in ``pidfile``."""
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [str(c) for c in cmd],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    pidfile.write_text(str(process.pid))
    return process


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def alive_pidfile(pidfile: Path) -> bool:
    try:
        return alive(int(Path(pidfile).read_text().strip()))
    except (OSError, ValueError):
        return False


def stop_pidfile(pidfile: Path, timeout: float = 20, group: bool = True) -> bool:
    """Stop the process (and its process group) named in ``pidfile``; True if one ran."""
    if not pidfile.exists():
        return False
    try:
        pid = int(pidfile.read_text().strip())
    except ValueError:
        pidfile.unlink()
        return False
    if not alive(pid):
        pidfile.unlink(missing_ok=True)
        return False
    kill = os.killpg if group else os.kill
    with contextlib.suppress(ProcessLookupError):
        kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        _reap(pid)
        time.sleep(0.1)
    if alive(pid):
        with contextlib.suppress(ProcessLookupError):
            kill(pid, signal.SIGKILL)
    _reap(pid)
    pidfile.unlink(missing_ok=True)
    return True


def _reap(pid: int):
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


# --- PostgreSQL 15 --------------------------------------------------------------------


def postgresql_available() -> bool:
    return (PG_BIN / "postgres").exists()


def _as_postgres(cmd):
    cmd = [str(c) for c in cmd]
    return ["runuser", "-u", "postgres", "--", *cmd] if is_root() else cmd


def start_postgresql(base: Path, port: int, *, fast: bool = False, password: str = "") -> dict:
    """A cluster in ``base``/data listening on 127.0.0.1:``port`` and a socket in ``base``/run.
    ``fast`` trades durability for speed (tests). With ``password`` TCP logins need it."""
    if not postgresql_available():
        raise ServiceError(f"PostgreSQL 15 is not installed ({PG_BIN}): apt-get install postgresql")
    base = reachable_dir(Path(base), 0o700 if not is_root() else 0o755)
    data, run = base / "data", base / "run"
    if is_root():
        shutil.chown(base, "postgres", "postgres")
    if not (data / "PG_VERSION").exists():
        auth_host = "scram-sha-256" if password else "trust"
        initdb = [
            PG_BIN / "initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--auth-local=trust",
            f"--auth-host={auth_host}",
        ]
        subprocess.run(_as_postgres(initdb), check=True, capture_output=True)
    run.mkdir(exist_ok=True)
    if is_root():
        shutil.chown(run, "postgres", "postgres")
    options = [
        "-c listen_addresses=127.0.0.1",
        f"-c port={port}",
        f"-c unix_socket_directories={run}",
        # Statements and connections are not logged: no client address in the log.
        "-c log_connections=off",
        "-c log_hostname=off",
    ]
    if fast:
        options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
    log = base / "postgresql.log"
    if is_root() and not log.exists():
        log.touch()
        shutil.chown(log, "postgres", "postgres")
    subprocess.run(
        _as_postgres(
            [
                PG_BIN / "pg_ctl",
                "-D",
                data,
                "-l",
                log,
                "-w",
                "-t",
                "60",
                "-o",
                " ".join(options),
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    return {"host": "127.0.0.1", "port": port, "socket": str(run)}


def psql(base: Path, port: int, sql: str, database: str = "postgres") -> str:
    result = subprocess.run(
        _as_postgres(
            [
                PG_BIN / "psql",
                "-h",
                Path(base) / "run",
                "-p",
                port,
                "-U",
                "postgres",
                "-d",
                database,
                "-v",
                "ON_ERROR_STOP=1",
                "-tAc",
                sql,
            ]
        ),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def ensure_database(base: Path, port: int, name: str, user: str, password: str = ""):
    """A role that may create databases (Django's test runner does) owning database ``name``."""
    exists = psql(base, port, f"SELECT 1 FROM pg_roles WHERE rolname = '{user}'")
    secret = f" PASSWORD '{password}'" if password else ""
    verb = "ALTER" if exists else "CREATE"
    psql(base, port, f'{verb} ROLE "{user}" LOGIN CREATEDB{secret}')
    if not psql(base, port, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
        psql(base, port, f'CREATE DATABASE "{name}" OWNER "{user}"')


def stop_postgresql(base: Path) -> bool:
    data = Path(base) / "data"
    if not (data / "postmaster.pid").exists():
        return False
    subprocess.run(
        _as_postgres([PG_BIN / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]),
        check=False,
        capture_output=True,
    )
    return True


# --- Redis 7 --------------------------------------------------------------------------


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


def start_redis(base: Path, port: int, maxmemory: str = "256mb") -> dict:
    base = reachable_dir(Path(base))
    subprocess.run(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(base),
            "--daemonize",
            "yes",
            "--pidfile",
            str(base / "redis.pid"),
            "--logfile",
            str(base / "redis.log"),
            "--loglevel",
            "warning",
            "--save",
            "",
            "--appendonly",
            "no",
            "--maxmemory",
            maxmemory,
            "--maxmemory-policy",
            "allkeys-lru",
        ],
        check=True,
        capture_output=True,
    )
    wait_for_port(port, 15, log=base / "redis.log")
    return {"url": f"redis://127.0.0.1:{port}"}


def stop_redis(base: Path) -> bool:
    return stop_pidfile(Path(base) / "redis.pid", group=False)


# --- Varnish 7 ------------------------------------------------------------------------


def varnish_available() -> bool:
    return shutil.which("varnishd") is not None or Path("/usr/sbin/varnishd").exists()


def _acl(addresses) -> str:
    return "\n".join(f'    "{address}";' for address in addresses)


def backends_vcl(backend_ports) -> dict[str, str]:
    """What deploy/varnish/default.vcl.in needs of the app servers on ``backend_ports`` (one
    port or several): the ``backend app_N`` definitions, each probed on /healthz, the
    director's ``add_backend`` lines, their number, and the choice of a retry's server (the
    first healthy one not tried yet)."""
    ports = [backend_ports] if isinstance(backend_ports, int) else list(backend_ports)
    if not ports:
        raise ServiceError("Varnish needs at least one app server")
    definitions, members = [], []
    for number, port in enumerate(ports, start=1):
        definitions.append(
            f"backend app_{number} {{\n"
            f'    .host = "127.0.0.1";\n'
            f'    .port = "{int(port)}";\n'
            "    .connect_timeout = 2s;\n"
            "    .first_byte_timeout = 15s;\n"
            "    .between_bytes_timeout = 10s;\n"
            "    .probe = healthz;\n"
            "}"
        )
        members.append(f"    apps.add_backend(app_{number});")
    choices = [
        f'bereq.http.X-KW-Tried !~ " app_{n}( |$)" && std.healthy(app_{n})) {{\n'
        f"            set bereq.backend = app_{n};\n"
        "        }"
        for n in range(1, len(ports) + 1)
    ]
    return {
        "BACKENDS": "\n\n".join(definitions),
        "DIRECTOR_MEMBERS": "\n".join(members),
        "SERVERS": str(len(ports)),
        "NEXT_SERVER": "        if (" + " elsif (".join(choices),
    }


def _first_port(backend_ports) -> int:
    return int(backend_ports if isinstance(backend_ports, int) else list(backend_ports)[0])


def render_vcl(
    target: Path,
    backend_port,
    consent_version: int = 1,
    *,
    purge_secret: str,
    client_secret: str,
    error_pages: Path,
    purgers=("127.0.0.1", "::1"),
    tls_terminators=("127.0.0.1", "::1"),
    fallback_port: int | None = None,
) -> Path:
    for secret in (purge_secret, client_secret):
        if len(secret) < 16 or not secret.replace("-", "").replace("_", "").isalnum():
            raise ServiceError("Varnish secrets: at least 16 letters, digits, - or _")
    text = VCL_TEMPLATE.read_text()
    for name, value in {
        **backends_vcl(backend_port),
        "CONSENT_POLICY_VERSION": str(int(consent_version)),
        "PURGE_SECRET": purge_secret,
        "CLIENT_SECRET": client_secret,
        "ERROR_PAGES": str(error_pages),
        "PURGERS": _acl(purgers),
        "TLS_TERMINATORS": _acl(tls_terminators),
        # No file server for the static copies: the app once more (the 503 page if it fails).
        "FALLBACK_PORT": str(fallback_port or _first_port(backend_port)),
    }.items():
        text = text.replace(f"@{name}@", value)
    target.write_text(text)
    # The purge secret is in it: readable by Varnish's own users, not by everyone.
    target.chmod(0o640 if not is_root() else 0o644)
    return target


def varnish_name(workdir: Path) -> Path:
    """Varnish's working directory (``-n``), which holds its shared-memory log: request
    lines with referrers and user agents (the kw_* lines for analytics). In memory
    (/dev/shm), so none of it is ever written to a disk; one per ``workdir``."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        return Path(workdir) / "n"
    tag = hashlib.sha256(str(Path(workdir).resolve()).encode()).hexdigest()[:12]
    return shm / f"kommunwebb-varnish-{tag}"


def start_varnish(
    workdir: Path,
    port: int,
    backend_port,
    *,
    consent_version: int = 1,
    storage: str = "malloc,256m",
    purge_secret: str,
    client_secret: str,
    error_pages: Path,
    tls_terminators=("127.0.0.1", "::1"),
    fallback_port: int | None = None,
) -> dict:
    """varnishd on 127.0.0.1:``port`` in front of the app on ``backend_port`` (a port, or a
    list of them for several app servers behind a round-robin director). The error pages
    must already be in ``error_pages`` (``manage.py render_error_pages``); the static copies
    of the crisis pages come from the file server on ``fallback_port`` (``start_nginx`` on
    the app's var/fallback/), if there is one."""
    if not varnish_available():
        raise ServiceError("Varnish is not installed: apt-get install varnish varnish-modules")
    workdir = reachable_dir(Path(workdir))
    for status in (414, 503):
        if not (Path(error_pages) / f"{status}.html").exists():
            raise ServiceError(f"{error_pages}/{status}.html is missing: render_error_pages")
    reachable_dir(Path(error_pages))
    vcl = render_vcl(
        workdir / "default.vcl",
        backend_port,
        consent_version,
        purge_secret=purge_secret,
        client_secret=client_secret,
        error_pages=Path(error_pages).resolve(),
        tls_terminators=tls_terminators,
        fallback_port=fallback_port,
    )
    pidfile = workdir / "varnishd.pid"
    result = subprocess.run(
        [
            "varnishd",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(vcl),
            "-n",
            str(varnish_name(workdir)),
            "-s",
            storage,
            "-P",
            str(pidfile),
            "-T",
            "127.0.0.1:0",
            "-p",
            f"vsl_mask={VSL_MASK}",
            "-p",
            f"vsl_reclen={VSL_RECLEN}",
            # Threads waiting for a spike (per pool; two pools): 256 connections at once on
            # the crisis page find a thread each instead of queueing while the pools grow
            # (bench/crisis.py; docs/crisis.md).
            "-p",
            "thread_pool_min=150",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise ServiceError(f"varnishd failed: {result.stdout}{result.stderr}")
    wait_for_port(port, 20)
    return {"url": f"http://127.0.0.1:{port}", "name": str(varnish_name(workdir))}


def varnishadm(workdir: Path, *args: str) -> str:
    """A command on the management interface of the Varnish started in ``workdir``."""
    result = subprocess.run(
        ["varnishadm", "-n", str(varnish_name(workdir)), *map(str, args)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise ServiceError(f"varnishadm {' '.join(args)}: {result.stdout}{result.stderr}")
    return result.stdout


def set_backend_health(workdir: Path, number: int, state: str):
    """``sick`` takes app server ``number`` (1, 2, …) out of the director at once, ``auto``
    leaves it to its /healthz probe again (``healthy`` would override the probe)."""
    if state not in ("sick", "auto", "healthy"):
        raise ValueError(state)
    varnishadm(workdir, "backend.set_health", f"app_{int(number)}", state)


def backend_health(workdir: Path) -> dict[int, bool]:
    """App server number -> whether Varnish counts it healthy now (probe and override)."""
    health = {}
    # Columns: name (boot.app_1), Admin (probe, sick, healthy), Probe (2/3), Health.
    for line in varnishadm(workdir, "backend.list").splitlines()[1:]:
        fields = line.split()
        name = fields[0].rsplit(".", 1)[-1] if fields else ""
        if re.fullmatch(r"app_\d+", name) and len(fields) >= 4:
            admin, state = fields[1], fields[3]
            health[int(name[4:])] = admin == "healthy" or (admin != "sick" and state == "healthy")
    return health


def stop_varnish(workdir: Path) -> bool:
    stopped = stop_pidfile(Path(workdir) / "varnishd.pid", group=False)
    name = varnish_name(workdir)
    if name.parent == Path("/dev/shm"):
        shutil.rmtree(name, ignore_errors=True)
    return stopped


# --- nginx (the benchmark's static-file yardstick; the static crisis copies' server) -----


def start_nginx(workdir: Path, port: int, root: Path) -> dict:
    workdir = reachable_dir(Path(workdir))
    conf = workdir / "nginx.conf"
    user = "user www-data;" if is_root() else ""
    conf.write_text(f"""{user}
worker_processes auto;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log crit;
events {{ worker_connections 2048; }}
http {{
    access_log off;
    types {{ text/html html; }}
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {workdir}/tmp;
    proxy_temp_path {workdir}/tmp;
    fastcgi_temp_path {workdir}/tmp;
    uwsgi_temp_path {workdir}/tmp;
    scgi_temp_path {workdir}/tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        index index.html;
    }}
}}
""")
    (workdir / "tmp").mkdir(exist_ok=True)
    subprocess.run(["nginx", "-p", str(workdir), "-c", str(conf)], check=True, capture_output=True)
    wait_for_port(port, 10)
    return {"url": f"http://127.0.0.1:{port}"}


def stop_nginx(workdir: Path) -> bool:
    return stop_pidfile(Path(workdir) / "nginx.pid", group=False)


# --- The app ---------------------------------------------------------------------------


def start_app(port: int, env: dict, pidfile: Path, log: Path, workers: int | None = None):
    """gunicorn with deploy/gunicorn.conf.py on 127.0.0.1:``port``; returns the Popen."""
    cmd = [
        Path(sys.executable).parent / "gunicorn",
        "kommunwebb.wsgi",
        "--config",
        ROOT / "deploy" / "gunicorn.conf.py",
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if workers:
        cmd += ["--workers", str(workers)]
    process = spawn(cmd, pidfile, log, env=env)
    wait_for_port(port, 60, process=process, log=log)
    return process


class CommandFailed(subprocess.CalledProcessError):
    """A ``manage.py`` command that failed, with the end of what it wrote in the message."""

    def __str__(self):
        tail = "\n".join(((self.stderr or "") + (self.stdout or "")).strip().splitlines()[-15:])
        return f"{super().__str__()}\n{tail}"


def manage(*args, env: dict, check: bool = True, capture: bool = True, **kwargs):
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=capture,
        text=True,
        **kwargs,
    )
    if check and result.returncode != 0:
        raise CommandFailed(result.returncode, result.args, result.stdout, result.stderr)
    return result


# --- Command line (used by .ci/run) ----------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["postgresql-start", "postgresql-stop"])
    parser.add_argument("--dir", required=True, type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--database", default="kommunwebb")
    parser.add_argument("--user", default="kommunwebb")
    args = parser.parse_args(argv)
    if args.action == "postgresql-start":
        start_postgresql(args.dir, args.port, fast=True)
        ensure_database(args.dir, args.port, args.database, args.user)
    else:
        stop_postgresql(args.dir)


if __name__ == "__main__":
    main()
