"""Several app servers behind Varnish (docs/scaling.md), with deploy/prod.py itself: two
gunicorn servers, PostgreSQL, Redis and Varnish's round-robin director with health probes
on /healthz, started in a directory and on loopback ports of their own.

* Both servers take requests; a login session made on one is valid on the other.
* A server that dies is out of the director within seconds, and back when it is up.
* ``rolling-restart`` under wrk at 64 connections: 0 non-2xx answers, 0 socket errors.
* Two task workers deliver every form submission and e-mail once and run every recurring
  job once.

Marked ``scaling`` (slow: about a minute with the stack's start); CI runs it in its SQLite
pass. Skips locally without the services; in CI (which installs them) a skip fails."""

import importlib.util
import io
import json
import logging
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from PIL import Image

from kommunwebb.conftest import need
from kommunwebb.forms.outbox import read_outbox
from kommunwebb.testing import services, snapshots

pytestmark = pytest.mark.scaling

ROOT = Path(__file__).resolve().parents[3]
S3_BUCKET = "kommunwebb-media"
S3_REGION = "eu-north-1"
S3_KEYS = {"aws_access_key_id": "kommunwebb", "aws_secret_access_key": "kommunwebb-test-only"}


def load_prod():
    spec = importlib.util.spec_from_file_location("kommunwebb_prod", ROOT / "deploy" / "prod.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


@pytest.fixture(scope="module")
def bucket():
    """An S3-compatible object store on loopback (moto's server, in this process), with an
    empty private bucket, for the app servers' media."""
    from moto.server import ThreadedMotoServer

    # moto's server logs every request it answers (a test that prints fails).
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    port = services.free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        client = boto3.client("s3", endpoint_url=endpoint, region_name=S3_REGION, **S3_KEYS)
        client.create_bucket(
            Bucket=S3_BUCKET, CreateBucketConfiguration={"LocationConstraint": S3_REGION}
        )
        client.endpoint = endpoint
        yield client
    finally:
        server.stop()


@pytest.fixture(scope="module")
def profile(bucket, django_db_setup):
    # django_db_setup: the suite's database is migrated first, and kept as the snapshot
    # this stack's PostgreSQL restores (kommunwebb/testing/snapshots.py).
    need(
        services.postgresql_available()
        and services.redis_available()
        and services.varnish_available()
        and shutil.which("wrk"),
        "PostgreSQL 15, Redis, Varnish and wrk are needed (apt-get install postgresql "
        "redis-server varnish varnish-modules wrk)",
    )
    root = Path(tempfile.mkdtemp(prefix="kommunwebb-scaling-test-"))
    services.reachable_dir(root)
    prod = load_prod()
    # Two workers a server and PostgreSQL without fsync: this machine has two cores.
    # Media in the bucket, as a city of a million has it (docs/scaling.md), given to every
    # process through the environment; and each app server a media directory of its own,
    # so that nothing can pass from one to the other through this machine's disk.
    profile = prod.Profile(
        root / "prod",
        port_base=services.free_port_range(6),
        web_concurrency=2,
        fast_database=True,
        environment={
            **os.environ,
            "KOMMUNWEBB_MEDIA_S3_BUCKET": S3_BUCKET,
            "KOMMUNWEBB_MEDIA_S3_ENDPOINT": bucket.endpoint,
            "KOMMUNWEBB_MEDIA_S3_REGION": S3_REGION,
            "KOMMUNWEBB_MEDIA_S3_ACCESS_KEY": S3_KEYS["aws_access_key_id"],
            "KOMMUNWEBB_MEDIA_S3_SECRET_KEY": S3_KEYS["aws_secret_access_key"],
            # Loopback only, whatever proxy the environment names.
            "NO_PROXY": "127.0.0.1,localhost",
        },
        app_server_env={
            number: {"KOMMUNWEBB_MEDIA_ROOT": str(root / f"media-{number}")} for number in (1, 2)
        },
    )
    profile.say = lambda message: None  # a test that prints fails (conftest.py)
    try:
        # Its PostgreSQL started first, with the session's migrated snapshot restored
        # (kommunwebb/testing/snapshots.py): `up` finds it running and migrated.
        env = profile.env()
        services.start_postgresql(
            profile.pg, profile.pg_port, password=env["DATABASE_PASSWORD"], fast=True
        )
        services.ensure_database(
            profile.pg, profile.pg_port, "kommunwebb", "kommunwebb", env["DATABASE_PASSWORD"]
        )
        snapshots.migrated_postgresql(env)
        # No demo site: Wagtail's first page at / is enough, and loading the demo would
        # double the start.
        profile.up(load_demo=False, app_servers=2, helpers=False)
        yield profile
    finally:
        profile.down()
        shutil.rmtree(root, ignore_errors=True)


def served_by(profile, marker: str) -> set[int]:
    """Which app servers logged a request for ``marker`` (gunicorn's access lines)."""
    return {
        number for number in (1, 2) if marker in profile.app_log(number).read_text(errors="replace")
    }


def wait_until(condition, seconds: float) -> float:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > seconds:
            raise AssertionError(f"not within {seconds} s")
        time.sleep(0.1)
    return time.monotonic() - start


def test_both_app_servers_take_requests_through_varnish(profile):
    assert services.backend_health(profile.varnish) == {1: True, 2: True}
    # Varnish keeps no 404: every request reaches an app server, whose access log has the
    # path (not the query string).
    for n in range(8):
        status, _ = get(f"{profile.url}/rundgang-{n}/")
        assert status == 404
    assert served_by(profile, "/rundgang-") == {1, 2}


def test_a_session_made_on_one_server_is_valid_on_the_other(profile):
    env = profile.env()
    script = (
        "from django.contrib.auth import get_user_model;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        "User = get_user_model();"
        "user, _ = User.objects.get_or_create(username='skalning', is_superuser=True,"
        " is_staff=True);"
        "s = SessionStore(); s['_auth_user_id'] = str(user.pk);"
        "s['_auth_user_backend'] = 'django.contrib.auth.backends.ModelBackend';"
        "s['_auth_user_hash'] = user.get_session_auth_hash(); s.create();"
        "print(s.session_key)"
    )
    key = services.manage("shell", "-c", script, env=env).stdout.strip().splitlines()[-1]
    for number in (1, 2):
        port = profile.app_server_port(number)
        status, html = get(f"http://127.0.0.1:{port}/admin/", {"Cookie": f"sessionid={key}"})
        # The dashboard, not the login page (a second factor is asked of superusers in
        # production: either way the session is known to both servers).
        assert status == 200, (number, status)
        assert 'name="username"' not in html, number


# --- Media: uploaded through one server, served by the other ----------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_direct = urllib.request.build_opener(_NoRedirects)


def http(url, *, method="GET", headers=None, data=None):
    """``(status, headers, body)`` of one request, redirects not followed."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with _direct.open(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def multipart(fields: dict, name: str, filename: str, content: bytes, content_type: str):
    boundary = "kommunwebb" + secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f"--{boundary}\r\nContent-Disposition: form-data; "
        f'name="{name}"; filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


@pytest.fixture(scope="module")
def editor(profile):
    """An editor (Redaktör: may upload, no second factor required) logged in by a session
    in the shared database, and a collection only logged-in people may see."""
    script = (
        "import json;"
        "from django.contrib.auth import get_user_model;"
        "from django.contrib.auth.models import Group;"
        "from django.contrib.sessions.backends.db import SessionStore;"
        "from wagtail.models import Collection, CollectionViewRestriction;"
        "user = get_user_model().objects.create_user('redaktor', password='x' * 20);"
        "user.groups.add(Group.objects.get(name='Redaktör'));"
        "s = SessionStore(); s['_auth_user_id'] = str(user.pk);"
        "s['_auth_user_backend'] = 'django.contrib.auth.backends.ModelBackend';"
        "s['_auth_user_hash'] = user.get_session_auth_hash(); s.create();"
        "root = Collection.get_first_root_node();"
        "internal = root.add_child(name='Internt');"
        "CollectionViewRestriction.objects.create(collection=internal,"
        " restriction_type=CollectionViewRestriction.LOGIN);"
        "print(json.dumps({'session': s.session_key, 'root': root.pk,"
        " 'internal': internal.pk}))"
    )
    out = services.manage("shell", "-c", script, env=profile.env()).stdout
    return json.loads(out.strip().splitlines()[-1])


def upload(server: str, kind: str, editor, collection: int, filename, content, content_type):
    """An upload through the admin's own upload form (the one "Lägg till bilder" and "Lägg
    till dokument" show) on ``server``: its page for the CSRF token, then the file."""
    session = f"sessionid={editor['session']}"
    status, headers, page = http(
        f"{server}/admin/{kind}/multiple/add/", headers={"Cookie": session}
    )
    assert status == 200, (status, page[:300])
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    csrf = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    body, boundary = multipart(
        {"csrfmiddlewaretoken": token, "collection": collection},
        "files[]",
        filename,
        content,
        content_type,
    )
    status, _, answer = http(
        f"{server}/admin/{kind}/multiple/add/",
        method="POST",
        data=body,
        headers={
            "Cookie": f"{session}; csrftoken={csrf}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Requested-With": "XMLHttpRequest",
        },
    )
    assert status == 200, (status, answer[:300])
    answer = json.loads(answer)
    assert answer["success"], answer
    return answer


def picture() -> bytes:
    image = Image.new("RGB", (1200, 900), (0, 94, 130))
    image.paste((255, 214, 0), (300, 200, 900, 700))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def stored(bucket, prefix: str) -> list[str]:
    listing = bucket.list_objects_v2(Bucket=S3_BUCKET, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def files_on_disk(profile) -> list[Path]:
    roots = [Path(profile.app_server_env[n]["KOMMUNWEBB_MEDIA_ROOT"]) for n in (1, 2)]
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def test_an_image_uploaded_through_one_server_is_served_by_the_other(profile, bucket, editor):
    a, b = (f"http://127.0.0.1:{profile.app_server_port(n)}" for n in (1, 2))
    session = {"Cookie": f"sessionid={editor['session']}"}
    original = picture()
    image_id = upload(a, "images", editor, editor["root"], "torget.png", original, "image/png")[
        "image_id"
    ]
    [original_key] = stored(bucket, "original_images/")
    # A rendition made on server A (the edit page's preview) ...
    status, _, page = http(f"{a}/admin/images/{image_id}/", headers=session)
    assert status == 200
    made_on_a = re.search(rb'/media/(images/[^"]+\.max-800x600\.png)', page).group(1).decode()
    # ... and one made on server B from the original in the bucket (the listing's thumbnail).
    status, _, page = http(f"{b}/admin/images/", headers=session)
    assert status == 200
    made_on_b = re.search(rb'/media/(images/[^"]+\.max-165x165\.png)', page).group(1).decode()
    assert {made_on_a, made_on_b} <= set(stored(bucket, "images/"))

    # Each server serves what the other stored, straight from the app server (Varnish does
    # not keep media: Cache-Control private).
    status, headers, body = http(f"{b}/media/{original_key}")
    assert (status, body) == (200, original)
    assert headers["Content-Type"] == "image/png"
    for server, key, size in ((b, made_on_a, (800, 600)), (a, made_on_b, (165, 123))):
        status, _, body = http(f"{server}/media/{key}")
        assert status == 200, (server, key)
        assert body == bucket.get_object(Bucket=S3_BUCKET, Key=key)["Body"].read()
        assert Image.open(io.BytesIO(body)).size == size
    # Nothing passed through either server's own disk.
    assert files_on_disk(profile) == []


def test_a_private_document_is_served_by_the_other_server_only_through_wagtails_view(
    profile, bucket, editor
):
    a, b = (f"http://127.0.0.1:{profile.app_server_port(n)}" for n in (1, 2))
    content = b"%PDF-1.4 protokoll, internt"
    doc_id = upload(
        a, "documents", editor, editor["internal"], "protokoll.pdf", content, "application/pdf"
    )["doc_id"]
    [key] = stored(bucket, "documents/")
    filename = key.rsplit("/", 1)[-1]

    # The bucket does not give it to anyone who asks without the keys; a public object in
    # the same bucket is given, so the refusal is the object's ACL, not the request.
    assert http(f"{bucket.endpoint}/{S3_BUCKET}/{key}")[0] == 403
    bucket.put_object(Bucket=S3_BUCKET, Key="oppen.txt", Body=b"oppen", ACL="public-read")
    assert http(f"{bucket.endpoint}/{S3_BUCKET}/oppen.txt")[:3:2] == (200, b"oppen")
    bucket.delete_object(Bucket=S3_BUCKET, Key="oppen.txt")

    # Server B: a visitor is sent to the login, an editor gets the file, and /media/ never
    # serves a document.
    status, headers, body = http(f"{b}/dokument/{doc_id}/{filename}")
    assert status == 302, status
    assert content not in body
    status, _, body = http(
        f"{b}/dokument/{doc_id}/{filename}", headers={"Cookie": f"sessionid={editor['session']}"}
    )
    assert (status, body) == (200, content)
    assert http(f"{b}/media/{key}")[0] == 404
    assert files_on_disk(profile) == []


def test_a_dead_server_is_out_within_seconds_and_back_when_it_is_up(profile):
    services.stop_pidfile(profile.app_pidfile(2))
    try:
        out_after = wait_until(lambda: not services.backend_health(profile.varnish)[2], 10)
        assert out_after < 5
        assert [get(f"{profile.url}/sok/?q=ensam{n}")[0] for n in range(4)] == [200] * 4
        assert [get(f"{profile.url}/ensam-{n}/")[0] for n in range(4)] == [404] * 4
        assert served_by(profile, "/ensam-") == {1}
    finally:
        profile.start_app_server(2, profile.env())
    # As soon as gunicorn has booted (slow on a loaded machine) and three probes passed.
    wait_until(lambda: services.backend_health(profile.varnish)[2], 60)


# Three kinds of request in turn: a page Varnish holds, the same page rendered by an app
# server (a session cookie makes Varnish pass it to one), and /healthz (never stored).
MIX = """
n = 0
function request()
    n = n + 1
    local headers = {}
    if n % 3 == 1 then headers["Cookie"] = "sessionid=ingen" end
    return wrk.format("GET", n % 3 == 2 and "/healthz" or "/", headers)
end
"""


def test_rolling_restart_under_load_fails_no_request(profile, tmp_path):
    assert get(profile.url + "/")[0] == 200
    script = tmp_path / "mix.lua"
    script.write_text(MIX)
    # wrk runs until it is interrupted (SIGINT: it stops and reports), just after the restart.
    load = subprocess.Popen(
        ["wrk", "-t2", "-c64", "-d300s", "--timeout", "20s", "-s", script, profile.url + "/"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        time.sleep(2)
        # Migrations and static files are not what could fail a request: left out for time.
        profile.rolling_restart(migrate=False)
        time.sleep(1)
    finally:
        load.send_signal(signal.SIGINT)
        output = load.communicate(timeout=30)[0]
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    assert requests > 100, output
    assert "Non-2xx or 3xx responses" not in output, output
    assert "Socket errors" not in output, output
    assert services.backend_health(profile.varnish) == {1: True, 2: True}


# --- Two task workers (django-tasks' database backend on PostgreSQL) -------------------


def test_two_workers_deliver_each_submission_once_and_run_each_job_once(profile, tmp_path):
    """Two ``db_worker`` processes, as on two machines: tasks are claimed with
    ``select_for_update(skip_locked=True)`` (django_tasks_db), deliveries and e-mails with
    the outbox's leases (outbox/lease.py), recurring jobs are queued under an advisory lock
    (operations/schedule.py). Every send task is queued twice, and both machines run
    ``schedule_jobs`` at once: still one message per delivery and one run per job."""
    count = 15
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    env = {
        **profile.env(),
        "DJANGO_SETTINGS_MODULE": "kommunwebb.operations.tests.worker_settings",
        "KOMMUNWEBB_OUTBOX_DIR": str(outbox),
    }

    def kit(*args):
        return subprocess.run(
            [sys.executable, "-m", "kommunwebb.operations.tests.workerkit", *map(str, args)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=180,
        ).stdout

    # The profile's own worker steps aside for the two of this test.
    services.stop_pidfile(profile.run / "worker.pid")
    workers = []
    try:
        kit("work", count)
        kit("jobs")
        starts = [
            subprocess.Popen(
                [sys.executable, "manage.py", "schedule_jobs"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        assert [start.wait(timeout=120) for start in starts] == [0, 0]
        earlier = json.loads(kit("status"))
        earlier_workers = set(earlier["workers"])

        def start_worker(number, *limit):
            workers.append(
                services.spawn(
                    [
                        sys.executable,
                        "manage.py",
                        "db_worker",
                        "--queue-name",
                        "*",
                        "--interval",
                        "0.1",
                        "--no-startup-delay",
                        "--no-reload",
                        *limit,
                    ],
                    tmp_path / f"worker-{number}.pid",
                    tmp_path / f"worker-{number}.log",
                    env=env,
                )
            )

        # Both must take part, or the test proves nothing: started together, the first one
        # up could drain the queue before the second polls (it did, once, in CI). So the
        # first stops after `count` of the 2 * count sends and the jobs, and the second
        # starts once the first has claimed work: they overlap, and neither can do it all.
        start_worker(1, "--max-tasks", str(count))
        wait_until(lambda: set(json.loads(kit("status"))["workers"]) - earlier_workers, 120)
        start_worker(2)

        def state():
            return json.loads(kit("status"))

        def finished(now):
            # Runs the two workers of this test did (by their ids), also those queued before
            # they started.
            return [
                r
                for r in now["runs"]
                if r["status"] in ("SUCCESSFUL", "FAILED") and set(r["workers"]) - earlier_workers
            ]

        def done():
            now = state()
            runs = finished(now)
            return (
                set(now["deliveries"]) == {"delivered"}
                and set(now["emails"]) == {"delivered"}
                and {r["job"] for r in runs} >= set(now["jobs"])
            )

        try:
            wait_until(done, 240)
        except AssertionError:
            raise AssertionError(f"unfinished after 240 s: {state()}") from None
        time.sleep(2)  # a second send, if there were one, has had its time
        now = state()
    finally:
        for number in (1, 2):
            services.stop_pidfile(tmp_path / f"worker-{number}.pid")
        profile.start_worker(profile.env())

    messages = read_outbox(outbox)
    ids = [message["Message-ID"] for message in messages]
    assert len(now["deliveries"]) == count and len(now["emails"]) == count
    assert len(ids) == 2 * count, sorted(ids)
    assert len(set(ids)) == len(ids), "a message was sent twice"
    # Both workers took part: the test would prove nothing with one idle.
    assert len(set(now["workers"]) - earlier_workers) == 2, now["workers"]
    # Each job ran (a job every minute may have come due again meanwhile), never twice for
    # the same time, and has exactly one next run queued.
    for job in now["jobs"]:
        ran = [r for r in finished(now) if r["job"] == job]
        queued = [r for r in now["runs"] if r["job"] == job and r["status"] == "READY"]
        assert ran, job
        assert len({r["due"] for r in ran}) == len(ran), (job, ran)
        assert len(queued) == 1, (job, queued)
