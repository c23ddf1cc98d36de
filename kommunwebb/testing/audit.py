"""Audit the demo site the way a public body's site is audited: the Nu HTML checker (vnu.jar)
and Lighthouse (in Debian's Chromium) on one page of every type.

    make audit  # or: .venv/bin/python -m kommunwebb.testing.audit [--min 90] [--page crisis]

prints, per page, Lighthouse's four scores (performance, accessibility, best practices, SEO)
and the number of HTML errors. The target is 100 in every category and no error anywhere;
the command fails (exit 1) on any HTML error or any score below ``--min``. Everything runs on
loopback: a demo site in a temporary var/, served by gunicorn on a free port, stopped at the
end. The tools come from npm (``make tools``: versions pinned in the Makefile) into var/tools/.

``make test`` runs the HTML check on the same pages (core/tests/test_html_validity.py);
Lighthouse, a minute a page, stays here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import services

ROOT = Path(__file__).resolve().parent.parent.parent
TOOLS = ROOT / "var" / "tools"
VNU_JAR = TOOLS / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
# As the machine notes ask: no sandbox as root, no GPU, and none of Chromium's own calls home
# (this machine's network refuses them, many at a time).
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")

# One page of every type the demo has: (what it is, its path).
PAGES = [
    ("home", "/"),
    ("service area", "/barn-och-utbildning/"),
    ("service page", "/barn-och-utbildning/ansok-om-plats-i-forskola/"),
    ("topic", "/bygga-bo-och-miljo/miljo-och-klimat/"),
    ("A–Ö index", "/a-o/"),
    ("e-services", "/e-tjanster/"),
    ("news index", "/nyheter/"),
    ("news article", "/nyheter/farre-utsatts-for-hoga-halter-av-kvavedioxid/"),
    ("calendar", "/evenemang/"),
    ("calendar, filtered", "/evenemang/?period=i-helgen&malgrupp=barn&gratis=1"),
    ("calendar, bad filter (400)", "/evenemang/?fran=18-12-2026"),
    ("event", "/evenemang/julmarknad-pa-radhustorget/"),
    ("committee", "/kommun-och-politik/kommunfullmaktige/"),
    ("standard page", "/om-webbplatsen/"),
    ("accessibility statement", "/tillganglighetsredogorelse/"),
    ("form", "/kontakt/"),
    ("alerts", "/meddelanden/"),
    ("crisis page", "/kris/"),
    ("other languages", "/andra-sprak/"),
    ("easy-to-read Swedish", "/lattlast/"),
    ("English home", "/en/"),
    ("search", "/sok/?q=bibliotek"),
    ("consent settings", "/samtycke/"),
    ("not found (404)", "/finns-inte/"),
]

# Pages that ask search engines not to index them, on purpose (result lists, settings, error
# pages): Lighthouse's "is-crawlable" audit would count that against them, so it is left out
# of their SEO score, and the table says so.
NOT_INDEXED = {"/sok/?q=bibliotek", "/samtycke/"}

# Pages answered with an error status. Lighthouse audits only pages that load (200), so these
# get the HTML check here and axe in the browser tests.
ERROR_PAGES = {"/evenemang/?fran=18-12-2026", "/finns-inte/"}


def vnu_errors(files: list[Path]) -> dict[str, list[str]]:
    """The Nu HTML checker's errors for each file: {path: ["line 12: message", …]}."""
    if not VNU_JAR.exists():
        raise FileNotFoundError(f"{VNU_JAR} is missing: run `make tools`")
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, list[str]] = {str(path): [] for path in files}
    for message in json.loads(result.stderr or "{}").get("messages", []):
        if message.get("type") != "error":
            continue
        where = message.get("url", "").removeprefix("file:")
        text = f"line {message.get('lastLine', '?')}: {message.get('message', '')}"
        found.setdefault(where, []).append(text)
    return found


def lighthouse_scores(url: str, output: Path, *, indexed: bool = True) -> dict[str, int]:
    """Lighthouse's four category scores (0–100) for one URL; the full report in ``output``.
    ``indexed=False``: the page says noindex on purpose; "is-crawlable" is left out."""
    if not LIGHTHOUSE.exists():
        raise FileNotFoundError(f"{LIGHTHOUSE} is missing: run `make tools`")
    command = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        # A desktop visitor; Lighthouse's default is a throttled phone, which on this
        # shared two-core machine measures the machine rather than the page.
        "--preset=desktop",
    ]
    if not indexed:
        command.append("--skip-audits=is-crawlable")
    # On a busy shared machine Chromium now and then misses Lighthouse's own deadlines: one
    # more try before the page counts as failed.
    for attempt in (1, 2):
        result = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode == 0:
            break
        if attempt == 2:
            last_lines = result.stderr.strip().splitlines()[-3:]
            raise RuntimeError(" / ".join(last_lines) or f"exit status {result.returncode}")
    report = json.loads(output.read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def fetch(base: str, path: str) -> str:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(base + path, timeout=60) as response:  # noqa: S310 - loopback
            return response.read().decode()
    except urllib.error.HTTPError as error:  # 400 and 404 pages are pages too
        return error.read().decode()


def start_demo(var: Path) -> tuple[str, Path]:
    """The demo site as `make run` serves it, in ``var``; returns its base URL and pidfile."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kommunwebb.settings.dev"}
    env["KOMMUNWEBB_VAR_DIR"] = str(var)
    services.manage("migrate", "--noinput", "-v0", env=env)
    services.manage("load_demo_data", env=env)
    services.manage("collectstatic", "--noinput", "-v0", env=env)
    port = services.free_port()
    pidfile = var / "gunicorn.pid"
    services.start_app(port, env, pidfile, var / "server.log", workers=2)
    return f"http://127.0.0.1:{port}", pidfile


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=int, default=90, help="lowest score that passes")
    parser.add_argument("--base", help="audit a site already running here instead of a demo")
    parser.add_argument("--no-lighthouse", action="store_true", help="only the HTML check")
    parser.add_argument(
        "--page", action="append", help="only the pages whose label contains this (repeatable)"
    )
    args = parser.parse_args(argv)
    pages = [
        (label, path)
        for label, path in PAGES
        if not args.page or any(part in label for part in args.page)
    ]

    work = Path(tempfile.mkdtemp(prefix="kommunwebb-audit-"))
    pidfile = None
    try:
        if args.base:
            base = args.base.rstrip("/")
        else:
            print("Starting the demo site …", flush=True)
            base, pidfile = start_demo(work / "var")
        files = []
        for index, (_label, path) in enumerate(pages):
            file = work / f"page-{index:02d}.html"
            file.write_text(fetch(base, path))
            files.append(file)
        errors = vnu_errors(files)
        failed = False
        heading = " ".join(f"{name[:6]:>6}" for name in ("perf", "a11y", "best", "seo"))
        print(f"\n{'page':<28} {heading} {'HTML errors':>11}")
        for (label, path), file in zip(pages, files, strict=True):
            page_errors = errors.get(str(file), [])
            scores, trouble = {}, ""
            if not args.no_lighthouse and path not in ERROR_PAGES:
                try:
                    scores = lighthouse_scores(
                        base + path, work / f"{file.stem}.json", indexed=path not in NOT_INDEXED
                    )
                except RuntimeError as error:
                    trouble, failed = f"    Lighthouse failed: {error}", True
            cells = [f"{scores[name]:>6}" if scores else f"{'–':>6}" for name in CATEGORIES]
            print(f"{label:<28} {' '.join(cells)} {len(page_errors):>11}", flush=True)
            if trouble:
                print(trouble)
            elif path in ERROR_PAGES and not args.no_lighthouse:
                print("    an error page: Lighthouse audits only pages that load; HTML checked")
            elif path in NOT_INDEXED and scores:
                print("    noindex on purpose: SEO without the is-crawlable audit")
            for error in page_errors:
                print(f"    {path}: {error}")
            failed |= bool(page_errors) or any(score < args.min for score in scores.values())
        if not args.no_lighthouse:
            print(f"\nLighthouse reports (JSON): {work}")
        return 1 if failed else 0
    finally:
        if pidfile is not None:
            services.stop_pidfile(pidfile)
        if args.no_lighthouse:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
