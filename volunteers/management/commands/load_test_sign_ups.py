"""Submit many volunteer sign-ups at once against gunicorn + PostgreSQL and check that each is stored
exactly once. See docs/operations.md. Only talks to 127.0.0.1.

    DATABASE_URL=postgres://… .venv/bin/python manage.py load_test_sign_ups --count 1000 --concurrency 50
"""

import http.cookiejar
import re
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.loadtools import gunicorn, require_postgresql
from projects.models import Organisation
from volunteers.models import Opportunity, SignUp, Volunteer

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def submit(base, path, number, run):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    started = time.monotonic()
    try:
        form = opener.open(base + path, timeout=60).read().decode()
        token = TOKEN.search(form).group(1)
        data = urllib.parse.urlencode({
            "csrfmiddlewaretoken": token, "name": f"Lasttest {number}",
            "email": f"last-{run}-{number}@lasttest.example",
            "phone": "", "availability": "abends", "message": "Lasttest", "consent": "on", "homepage": "",
        }).encode()
        request = urllib.request.Request(base + path, data=data, headers={"Referer": base + path})
        status = opener.open(request, timeout=60).status
        return status, time.monotonic() - started
    except Exception as error:  # counted and reported, the run goes on
        return repr(error)[:200], time.monotonic() - started


class Command(BaseCommand):
    help = "Lasttest: viele gleichzeitige Anmeldungen über gunicorn + PostgreSQL; prüft, dass keine verloren geht."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--concurrency", type=int, default=50)
        parser.add_argument("--workers", type=int, default=4)

    def handle(self, *args, count, concurrency, workers, **options):
        require_postgresql()
        run = timezone.now().strftime("%Y%m%d%H%M%S")
        organisation, _created = Organisation.objects.get_or_create(
            slug="lasttest", defaults={"name": "Lasttest-Organisation", "status": "published"})
        opportunity = Opportunity.objects.create(
            title_de=f"Lasttest {run}", slug=f"lasttest-{run}", organisation=organisation, status="published")
        path = f"/de/ehrenamtsboerse/{opportunity.slug}/"
        with gunicorn(workers=workers, RATE_LIMIT_ENABLED=0) as base:
            started = time.monotonic()
            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                results = list(pool.map(lambda n: submit(base, path, n, run), range(count)))
            elapsed = time.monotonic() - started
        ok = sum(1 for status, _t in results if status == 200)
        errors = [status for status, _t in results if status != 200]
        stored = SignUp.objects.filter(opportunity=opportunity)
        distinct = stored.values("email").distinct().count()
        durations = sorted(t for _s, t in results)
        self.stdout.write(f"submitted: {count} in {elapsed:.1f} s with {concurrency} parallel clients, "
                          f"{workers} gunicorn workers")
        self.stdout.write(f"answered with the confirmation page: {ok}; errors: {len(errors)} {errors[:3]}")
        self.stdout.write(f"stored sign-ups: {stored.count()}, distinct addresses: {distinct}")
        self.stdout.write(f"p50 {durations[len(durations) // 2] * 1000:.0f} ms, "
                          f"p99 {durations[int(len(durations) * 0.99) - 1] * 1000:.0f} ms per sign-up (GET + POST)")
        lost = count - stored.count()
        duplicated = stored.count() - distinct
        stored.delete()
        Volunteer.objects.filter(email__endswith="@lasttest.example").delete()
        opportunity.delete()
        if lost or duplicated or errors:
            raise SystemExit(f"FAILED: {lost} lost, {duplicated} duplicated, {len(errors)} errors")
        self.stdout.write(self.style.SUCCESS("every sign-up stored exactly once"))
