"""deploy/prod.py passes the city's environment on (docs/scaling.md, "Giving every app
server the bucket"): the KOMMUNWEBB_MEDIA_S3_* variables reach every app server, the task
worker and manage.py; what differs per app server is added to that server's only. Without
starting anything: test_scaling.py starts the real stack."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

S3 = {
    "KOMMUNWEBB_MEDIA_S3_BUCKET": "kommunwebb-media",
    "KOMMUNWEBB_MEDIA_S3_ENDPOINT": "https://s3.example.se",
    "KOMMUNWEBB_MEDIA_S3_REGION": "sto1",
    "KOMMUNWEBB_MEDIA_S3_ACCESS_KEY": "nyckel",
    "KOMMUNWEBB_MEDIA_S3_SECRET_KEY": "hemlig",
}


def load_prod():
    spec = importlib.util.spec_from_file_location("kommunwebb_prod", ROOT / "deploy" / "prod.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bucket_settings_reach_every_process(tmp_path, monkeypatch):
    prod = load_prod()
    for name, value in S3.items():
        monkeypatch.setenv(name, value)
    profile = prod.Profile(tmp_path / "prod", port_base=20000)
    env = profile.env()
    assert {name: env[name] for name in S3} == S3
    # The profile's own values are still its own.
    assert env["DJANGO_SETTINGS_MODULE"] == "kommunwebb.settings.production"
    assert env["DATABASE_PORT"] == "20002"


def test_an_app_server_gets_the_common_environment_and_its_own(tmp_path, monkeypatch):
    prod = load_prod()
    profile = prod.Profile(
        tmp_path / "prod",
        port_base=20000,
        environment=S3,
        app_server_env={2: {"KOMMUNWEBB_MEDIA_ROOT": "/srv/media-2"}},
    )
    profile.say = lambda message: None
    started = {}
    monkeypatch.setattr(prod.services, "port_open", lambda port: False)
    monkeypatch.setattr(
        prod.services,
        "start_app",
        lambda port, env, pidfile, log: started.__setitem__(port, env),
    )
    profile.run.mkdir(parents=True)
    for number in (1, 2):
        profile.start_app_server(number, profile.env())
    first, second = started[20001], started[20005]
    assert {name: first[name] for name in S3} == {name: second[name] for name in S3} == S3
    assert "KOMMUNWEBB_MEDIA_ROOT" not in first
    assert second["KOMMUNWEBB_MEDIA_ROOT"] == "/srv/media-2"
