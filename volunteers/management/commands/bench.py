"""`make bench`: a large data set, gunicorn with production settings on PostgreSQL, wrk against every public
page type, with and without the anonymous page cache, compared with the same server's ceiling. Writes
docs/performance.md. Lives in volunteers because it fills every app's tables (volunteers may import all).
Only ever talks to 127.0.0.1.
"""

import gzip
import json
import os
import platform
import random
import re
import shutil
import subprocess
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from portal.loadtools import gunicorn, require_postgresql
from portal.models import Event, Municipality, NewsItem, Page, Topic
from portal.translation_status import localized
from projects.models import Organisation, Project
from volunteers.models import Opportunity, SignUp, Training, Volunteer

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SIZES = {"organisations": 5000, "projects": 500, "opportunities": 2000, "sign_ups": 50000, "pages": 300}
NOTES = "## Reading these figures"
BROWSER_ENCODINGS = "Accept-Encoding: gzip, deflate, br, zstd"
TARGETS = {"uncached": 0.35, "cached": 0.7, "p99_ms": 50, "queries": 10, "home_kb": 60}


def texts(field, base, count=1):
    return {localized(field, code): f"{base} ({code}) " * count for code in LANGUAGES}


def build_data_set(stdout):
    if Organisation.objects.filter(slug__startswith="bench-").count() >= SIZES["organisations"]:
        stdout.write("data set present")
        return
    stdout.write("building the data set …")
    topics = list(Topic.objects.all()) or [Topic.objects.create(slug="sprache", name_de="Sprache")]
    places = list(Municipality.objects.all()) or [
        Municipality.objects.create(slug="stadt-gifhorn", name_de="Stadt Gifhorn", latitude=52.48, longitude=10.55)]
    root, _created = Page.objects.get_or_create(path="bench", defaults={"slug": "bench", "status": "published",
                                                                        **texts("title", "Bereich")})
    Page.objects.bulk_create(
        Page(parent=root, slug=f"seite-{i}", path=f"bench/seite-{i}", status="published", position=i,
             **texts("title", f"Seite {i}"), **texts("summary", "Kurzfassung"), **texts("body", "<p>Text</p>", 40))
        for i in range(SIZES["pages"])
    )
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {i}", slug=f"bench-{i}", status="published", city="Gifhorn",
                     latitude=52.3 + random.random() / 2, longitude=10.3 + random.random() / 2,
                     **texts("description", "<p>Beratung und Kurse</p>", 10))
        for i in range(SIZES["organisations"])
    )
    Organisation.topics.through.objects.bulk_create(
        Organisation.topics.through(organisation=org, topic=random.choice(topics)) for org in organisations)
    Organisation.municipalities.through.objects.bulk_create(
        Organisation.municipalities.through(organisation=org, municipality=random.choice(places))
        for org in organisations)
    Project.objects.bulk_create(
        Project(slug=f"bench-{i}", status="published", lead_organisation=random.choice(organisations),
                **texts("title", f"Projekt {i}"), **texts("summary", "Kurz"), **texts("description", "<p>x</p>", 20))
        for i in range(SIZES["projects"])
    )
    today = timezone.localdate()
    opportunities = Opportunity.objects.bulk_create(
        Opportunity(slug=f"bench-{i}", status="published", organisation=random.choice(organisations),
                    topic=random.choice(topics), municipality=random.choice(places),
                    expires_on=today + timedelta(days=60), **texts("title", f"Angebot {i}"),
                    **texts("description", "<p>Hilfe gesucht</p>", 10))
        for i in range(SIZES["opportunities"])
    )
    volunteers = Volunteer.objects.bulk_create(
        Volunteer(email=f"bench-{i}@bench.example", name=f"Person {i}") for i in range(SIZES["sign_ups"] // 5))
    now = timezone.now()
    SignUp.objects.bulk_create(
        (SignUp(opportunity=random.choice(opportunities), volunteer=volunteers[i % len(volunteers)],
                name="Person", email=f"bench-{i}@bench.example", consent_at=now, confirmed_at=now, state="new")
         for i in range(SIZES["sign_ups"])),
        batch_size=5000,
    )
    NewsItem.objects.bulk_create(
        NewsItem(slug=f"bench-{i}", status="published", **texts("title", f"Meldung {i}"), **texts("summary", "Kurz"))
        for i in range(200))
    Event.objects.bulk_create(
        Event(slug=f"bench-{i}", status="published", starts_at=now + timedelta(days=i % 30, hours=i % 10),
              **texts("title", f"Termin {i}"), **texts("summary", "Kurz"))
        for i in range(200))
    Training.objects.bulk_create(
        Training(slug=f"bench-{i}", status="published", starts_at=now + timedelta(days=i), capacity=20,
                 ends_at=now + timedelta(days=i, hours=3), **texts("title", f"Fortbildung {i}"),
                 **texts("summary", "Kurz"))
        for i in range(20))
    with connection.cursor() as cursor:
        # VACUUM too: it moves the rows just inserted from the GIN indexes' pending lists into the indexes (as
        # autovacuum does in production) — otherwise every search scans megabytes of pending entries, and
        # autovacuum would start in the middle of the measurement.
        cursor.execute("VACUUM ANALYZE")


def page_types():
    org = Organisation.objects.published().filter(slug__startswith="bench-").first()
    return [
        ("home", "/de/"),
        ("home (ar)", "/ar/"),
        ("info page", "/de/bench/seite-7/"),
        ("info page (ar)", "/ar/bench/seite-7/"),
        ("news list", "/de/aktuelles/"),
        ("news detail", "/de/aktuelles/bench-3/"),
        ("events by month", "/de/veranstaltungen/"),
        ("event detail", "/de/veranstaltungen/bench-3/"),
        ("directory", "/de/angebote/"),
        ("directory filtered", f"/de/angebote/?thema={org.topics.first().slug}&q=Organisation"),
        ("directory map", "/de/angebote/karte/"),
        ("map markers (JSON)", "/de/angebote/karte/orte.json"),
        ("organisation", org.get_absolute_url()),
        ("projects", "/de/projekte/"),
        ("project detail", "/de/projekte/bench-3/"),
        ("opportunity board", "/de/ehrenamtsboerse/"),
        ("opportunity detail", "/de/ehrenamtsboerse/bench-3/"),
        ("trainings", "/de/ehrenamtsboerse/fortbildungen/"),
        ("search", "/de/suche/?q=Beratung"),
        ("accessibility statement", "/de/barrierefreiheit/"),
        # The floor: the site's layout around one sentence, no query of its own.
        ("layout only", "/de/barriere-melden/danke/"),
    ]


def measure_in_process(urls):
    """Queries and compressed size per page, measured with Django's test client (cache off)."""
    result = {}
    with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        client = Client(HTTP_ACCEPT_ENCODING="gzip")
        for name, url in urls:
            client.get(url)  # warm the vocabulary and navigation caches
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            body = response.content
            compressed = len(body) if response.get("Content-Encoding") == "gzip" else len(gzip.compress(body))
            result[name] = {"queries": len(queries), "bytes": compressed, "status": response.status_code}
    return result


def home_transfer_kb(base_dir):
    """Home page HTML + its CSS and JS, compressed, in KB."""
    client = Client(HTTP_ACCEPT_ENCODING="gzip")
    with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        html = client.get("/de/").content
    text = gzip.decompress(html).decode() if html[:2] == b"\x1f\x8b" else html.decode()
    total = len(gzip.compress(text.encode()))
    for asset in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', text):
        path = Path(settings.STATICFILES_DIRS[0]) / asset
        if path.exists():
            total += len(gzip.compress(path.read_bytes()))
    return total / 1024


def wrk(url, seconds, connections=32):
    """Requests as a browser sends them: every browser accepts compressed answers (wrk's own request does not,
    which would measure 280 KB of map markers instead of the 60 KB a visitor receives)."""
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", BROWSER_ENCODINGS, url],
        capture_output=True, text=True, check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(label):
        match = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"Socket errors:.*timeout (\d+)", output)
    errors = (int(failed.group(1)) if failed else 0) + (int(timeouts.group(1)) if timeouts else 0)
    return {"rps": rate, "p50": latency("50"), "p99": latency("99"), "errors": errors}


def drain(base, limit=30):
    """Wait until the server has worked off what the last run left queued (slow pages outlive wrk's end), so
    that the next page is measured on an idle server."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        started = time.monotonic()
        urllib.request.urlopen(base + "/healthz", timeout=limit).read()
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


def machine():
    cpu = "unknown CPU"
    if Path("/proc/cpuinfo").exists():
        match = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = match.group(1).strip() if match else cpu
    memory = ""
    if Path("/proc/meminfo").exists():
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.0f} GiB RAM"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {memory}, {platform.platform()}, Python {platform.python_version()}, "
            f"PostgreSQL {postgres}")


class Command(BaseCommand):
    help = "Benchmark: großer Datenbestand, gunicorn + PostgreSQL, wrk gegen jede öffentliche Seitenart."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=8)
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "docs" / "performance.md"))

    def handle(self, *args, seconds, output, **options):
        require_postgresql()
        if not shutil.which("wrk"):
            raise CommandError("wrk fehlt: apt-get install wrk")
        # The demo content first (legal pages, accessibility statement: pages every visitor reaches), then the
        # large data set beside it. Both are idempotent.
        call_command("load_demo_content", verbosity=0)
        build_data_set(self.stdout)
        urls = page_types()
        in_process = measure_in_process(urls)
        home_kb = home_transfer_kb(settings.BASE_DIR)
        workers = (os.cpu_count() or 2) * 2 + 1
        results = {}
        for mode, cache_seconds in (("uncached", 0), ("cached", 600)):
            with gunicorn(workers=workers, BENCHMARK_ENDPOINTS=1, PAGE_CACHE_SECONDS=cache_seconds,
                          CACHE_URL=f"filecache://{settings.BASE_DIR / 'var' / 'bench-cache'}") as base:
                manifest = json.loads((Path(settings.BASE_DIR) / "var" / "loadtest-static" / "staticfiles.json")
                                      .read_text())["paths"]
                # Warmed up like every page: the new workers' first requests (imports, connections) are no
                # part of a ceiling.
                ceiling_url, static_url = base + "/bench/ceiling", base + "/static/" + manifest["css/portal.css"]
                wrk(ceiling_url, 1)
                ceiling_before = wrk(ceiling_url, seconds)
                wrk(static_url, 1)
                static = wrk(static_url, seconds)
                drain(base)
                rows = {}
                for name, url in urls:
                    wrk(base + url, 1)  # warm up (and fill the cache in the cached run)
                    rows[name] = wrk(base + url, seconds)
                    drain(base)
                    self.stdout.write(f"{mode:9} {name:24} {rows[name]['rps']:8.0f} req/s  "
                                      f"p99 {rows[name]['p99']:6.1f} ms")
                # Measured again at the end: on a shared machine the ceiling itself drifts within minutes, so the
                # ratios are taken against the mean of both and the report shows the drift.
                ceiling_after = wrk(ceiling_url, seconds)
                ceiling = {"rps": (ceiling_before["rps"] + ceiling_after["rps"]) / 2,
                           "p99": max(ceiling_before["p99"], ceiling_after["p99"]),
                           "before": ceiling_before["rps"], "after": ceiling_after["rps"]}
                results[mode] = {"ceiling": ceiling, "static": static, "pages": rows}
        report = self.report(urls, in_process, results, home_kb, seconds)
        # Keep the hand-written reading of the figures (from NOTES on) below the new tables.
        previous = Path(output).read_text(encoding="utf-8") if Path(output).exists() else ""
        if NOTES in previous:
            report += "\n" + previous[previous.index(NOTES):]
        Path(output).write_text(report, encoding="utf-8")
        self.stdout.write(report)

    def report(self, urls, in_process, results, home_kb, seconds):
        lines = [
            "# Performance",
            "",
            "Measured by `make bench` (volunteers/management/commands/bench.py): a data set of "
            + ", ".join(f"{count:,} {name.replace('_', '-')}" for name, count in SIZES.items())
            + " in every language, gunicorn with production settings on PostgreSQL "
            f"({(os.cpu_count() or 2) * 2 + 1} sync workers), wrk with 2 threads and 32 connections for {seconds} s "
            "per page, on the same machine as the server.",
            "",
            f"Machine: {machine()}. Run: {timezone.now():%Y-%m-%d %H:%M %Z}.",
            "",
            f"Targets: every page ≥ {TARGETS['uncached']}× the ceiling uncached and ≥ {TARGETS['cached']}× with the "
            f"anonymous page cache; p99 < {TARGETS['p99_ms']} ms; ≤ {TARGETS['queries']} queries; home page ≤ "
            f"{TARGETS['home_kb']} KB transferred (HTML, CSS, JS, compressed).",
            "",
        ]
        for mode in ("uncached", "cached"):
            data = results[mode]
            ceiling = data["ceiling"]["rps"]
            lines += [
                f"## {'Without' if mode == 'uncached' else 'With'} the anonymous page cache",
                "",
                f"Ceiling: fixed response {ceiling:.0f} req/s, the mean of {data['ceiling']['before']:.0f} before the "
                f"pages and {data['ceiling']['after']:.0f} after them (p99 up to {data['ceiling']['p99']:.1f} ms); "
                f"static file "
                f"{data['static']['rps']:.0f} req/s.",
                "",
                "| page | req/s | × ceiling | p50 ms | p99 ms | errors | queries | KB (gzip) | target met |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---|",
            ]
            goal = TARGETS[mode]
            for name, _url in urls:
                row, extra = data["pages"][name], in_process[name]
                ratio = row["rps"] / ceiling
                met = (ratio >= goal and row["p99"] < TARGETS["p99_ms"] and extra["queries"] <= TARGETS["queries"]
                       and not row["errors"] and extra["status"] == 200)
                lines.append(f"| {name} | {row['rps']:.0f} | {ratio:.2f} | {row['p50']:.1f} | {row['p99']:.1f} | "
                             f"{row['errors']} | {extra['queries']} | {extra['bytes'] / 1024:.1f} | "
                             f"{'yes' if met else '**no**'} |")
            lines.append("")
        lines += [f"Home page transfer (HTML + CSS + JS, gzip): {home_kb:.1f} KB "
                  f"({'within' if home_kb <= TARGETS['home_kb'] else '**over**'} the {TARGETS['home_kb']} KB target).",
                  ""]
        return "\n".join(lines)
