"""Fault test: sign-ups under load while PostgreSQL stops and starts again. See docs/operations.md.

    DATABASE_URL=postgres://… .venv/bin/python manage.py fault_test

Reports errors during the outage, what /healthz answered during and after it, errors after recovery and
whether any sign-up the portal confirmed (the visitor saw "please confirm your address") is missing.
Only talks to 127.0.0.1; needs root (it runs pg_ctlcluster).
"""

import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from portal.loadtools import gunicorn, require_postgresql
from projects.models import Organisation
from volunteers.management.commands.load_test_sign_ups import submit
from volunteers.models import Opportunity, SignUp, Volunteer


def cluster():
    versions = sorted(Path("/etc/postgresql").iterdir()) if Path("/etc/postgresql").exists() else []
    if not versions:
        raise CommandError("Kein PostgreSQL-Cluster unter /etc/postgresql gefunden.")
    return versions[-1].name


def pg(action):
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster(), "main", action], check=True,
                   capture_output=True)


class Command(BaseCommand):
    help = "Fehlertest: Anmeldungen unter Last, während PostgreSQL neu startet."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=int, default=40)
        parser.add_argument("--outage", type=float, default=8.0)
        parser.add_argument("--clients", type=int, default=8)

    def handle(self, *args, seconds, outage, clients, **options):
        require_postgresql()
        run = timezone.now().strftime("%Y%m%d%H%M%S")
        organisation, _created = Organisation.objects.get_or_create(
            slug="fehlertest", defaults={"name": "Fehlertest", "status": "published"})
        opportunity = Opportunity.objects.create(title_de=f"Fehlertest {run}", slug=f"fehlertest-{run}",
                                                 organisation=organisation, status="published")
        path = f"/de/ehrenamtsboerse/{opportunity.slug}/"
        events = {"down": None, "up": None}
        submissions, health = [], []
        stop = threading.Event()
        counter = iter(range(10**9))
        lock = threading.Lock()

        with gunicorn(workers=4, RATE_LIMIT_ENABLED=0, PAGE_CACHE_SECONDS=0) as base:
            def load():
                while not stop.is_set():
                    with lock:
                        number = next(counter)
                    status, _took = submit(base, path, number, run)
                    submissions.append((time.monotonic(), number, status))

            def probe():
                while not stop.is_set():
                    try:
                        status = urllib.request.urlopen(base + "/healthz", timeout=3).status
                    except urllib.error.HTTPError as error:
                        status = error.code
                    except OSError:
                        status = "no answer"
                    health.append((time.monotonic(), status))
                    time.sleep(0.2)

            threads = [threading.Thread(target=load) for _ in range(clients)] + [threading.Thread(target=probe)]
            for thread in threads:
                thread.start()
            time.sleep(seconds / 4)
            events["down"] = time.monotonic()
            pg("stop")
            time.sleep(outage)
            pg("start")
            events["up"] = time.monotonic()
            time.sleep(seconds * 3 / 4)
            stop.set()
            for thread in threads:
                thread.join()

        connection.close()
        recovered = next((t for t, status in health if t > events["up"] and status == 200), None)
        during = [s for t, _n, s in submissions if events["down"] <= t <= (recovered or events["up"])]
        after = [s for t, _n, s in submissions if recovered and t > recovered + 1]
        confirmed = {number for _t, number, status in submissions if status == 200}
        stored = set(SignUp.objects.filter(opportunity=opportunity).values_list("name", flat=True))
        lost = [n for n in confirmed if f"Lasttest {n}" not in stored]
        health_during = sorted({str(s) for t, s in health if events["down"] < t < events["up"]})
        lines = [
            f"PostgreSQL stopped for {outage:.0f} s while {clients} clients submitted sign-ups for {seconds} s.",
            f"- sign-ups submitted: {len(submissions)}, confirmed by the portal: {len(confirmed)}",
            f"- failed during the outage: {sum(1 for s in during if s != 200)} of {len(during)}",
            f"- /healthz during the outage: {', '.join(health_during)}; 200 again "
            f"{(recovered - events['up']):.1f} s after PostgreSQL was back" if recovered else
            "- /healthz did not recover",
            f"- failed after recovery (from 1 s after /healthz answered 200): "
            f"{sum(1 for s in after if s != 200)} of {len(after)}",
            f"- confirmed sign-ups missing from the database: {len(lost)}",
        ]
        report = "\n".join(lines)
        self.stdout.write(report)
        SignUp.objects.filter(opportunity=opportunity).delete()
        Volunteer.objects.filter(email__endswith="@lasttest.example").delete()
        opportunity.delete()
        if lost or not recovered or any(s != 200 for s in after):
            raise SystemExit("FAILED")
        self.stdout.write(self.style.SUCCESS("recovered, nothing lost"))
