"""The site shell: languages, layout, health check, deployment settings, compiled catalogues."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse

from portal.catalogues import catalogues, compiled

BASE_DIR = Path(settings.BASE_DIR)
ALL_CODES = [code for code, _name in settings.LANGUAGES]


def test_root_redirects_to_the_best_accept_language(client, db):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar,de;q=0.5")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="tr-TR,tr;q=0.9")["Location"] == "/tr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja")["Location"] == "/de/"


@pytest.mark.parametrize("code,direction", [("de", "ltr"), ("ar", "rtl"), ("fa", "rtl"), ("de-x-ls", "ltr")])
def test_html_element_carries_language_and_direction(client, db, code, direction):
    html = client.get(f"/{code}/").content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html


def test_language_switcher_links_to_the_same_page_in_every_language(client, page_factory):
    page_factory("integration")
    html = client.get("/de/integration/").content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</details>", 1)[0]
    for code, name in settings.LANGUAGES:
        assert f'href="/{code}/integration/" lang="{code}" hreflang="{code}"' in switcher
        assert name in switcher
    assert "flag" not in switcher.lower()


def test_footer_links_every_legal_page(client, page_factory):
    for role in ("imprint", "privacy", "cookies", "easy_language", "sign_language"):
        page_factory(role.replace("_", "-"), role=role)
    html = client.get("/en/").content.decode()
    footer = html.split('class="site-footer"', 1)[1]
    for path in ("/en/imprint/", "/en/privacy/", "/en/barrierefreiheit/", "/en/barriere-melden/",
                 "/en/cookies/", "/en/easy-language/", "/en/sign-language/"):
        assert f'href="{path}' in footer


def test_no_rendered_page_references_another_host(client, page_factory):
    page_factory("integration", body_de='<p><a href="https://www.bamf.de">BAMF</a></p>')
    for url in ["/de/", "/ar/", "/de/integration/", "/de/aktuelles/", "/de/veranstaltungen/", "/de/suche/?q=x",
                "/de/barriere-melden/"]:
        html = client.get(url).content.decode()
        # Scripts, styles, images, fonts, media: only from our own host.
        for tag in re.findall(r"<(?:script|link|img|source|video|audio|iframe)\b[^>]*>", html):
            if "rel=\"alternate\"" in tag or "rel=\"canonical\"" in tag:
                continue
            for value in re.findall(r'(?:src|href|srcset|poster)="([^"]*)"', tag):
                assert not re.match(r"^(https?:)?//", value), f"{url}: {tag}"


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    from django.db import connection

    def unreachable():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "ensure_connection", unreachable)
    assert client.get("/healthz").status_code == 503
    monkeypatch.undo()
    assert client.get("/healthz").status_code == 200


def test_unknown_address_gives_the_translated_404_page(client, db):
    response = client.get("/ar/gibt-es-nicht/")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()


def test_only_session_and_csrf_cookies_exist(client, db):
    client.get("/de/")
    client.get("/de/barriere-melden/")
    assert set(client.cookies.keys()) <= {"sessionid", "csrftoken"}


def test_production_settings_pass_check_deploy_except_hsts_preload():
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "gifhorn_integration.settings",
        "SECRET_KEY": "a-long-random-production-secret-" + "k" * 40,
        "ALLOWED_HOSTS": "integration.gifhorn.de",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True,
    )
    output = result.stdout + result.stderr
    warnings = [line for line in output.splitlines() if re.match(r"^\?: \(|^\w+\.\w+: \(", line)]
    assert [w for w in warnings if "security.W021" not in w] == [], output


def test_production_refuses_to_start_without_a_secret_key():
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "gifhorn_integration.settings"}
    result = subprocess.run([sys.executable, "-c", "import gifhorn_integration.wsgi"], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_every_language_has_a_catalogue():
    from django.utils.translation import to_locale

    have = {path.parent.parent.name for path in catalogues()}
    assert {to_locale(code) for code in ALL_CODES if code != "de"} <= have


def test_the_layout_is_rendered_once_per_language_and_content_version_with_this_pages_parts(client, page_factory,
                                                                                          settings):
    settings.PAGE_CACHE_SECONDS = 0
    page_factory("integration", title_de="Integration", title_ar="الاندماج", show_in_navigation=True)
    page_factory("wohnen", title_de="Wohnen", show_in_navigation=True)
    html = client.get("/de/integration/").content.decode()
    assert '<a href="/de/integration/" aria-current="page">Integration</a>' in html
    assert '<a href="/de/wohnen/">Wohnen</a>' in html
    assert 'href="/ar/integration/" lang="ar"' in html  # the language switcher leads to this page
    assert "barriere-melden/?seite=/de/integration/" in html
    html = client.get("/de/wohnen/").content.decode()  # the same cached layout, another page's parts
    assert '<a href="/de/integration/">Integration</a>' in html
    assert '<a href="/de/wohnen/" aria-current="page">Wohnen</a>' in html
    assert 'href="/ar/wohnen/" lang="ar"' in html and "seite=/de/wohnen/" in html
    arabic = client.get("/ar/integration/").content.decode()
    assert '<a href="/ar/integration/" aria-current="page">الاندماج</a>' in arabic
    page_factory("arbeit", title_de="Arbeit", show_in_navigation=True)  # a change shows on the next page view
    assert '<a href="/de/arbeit/">Arbeit</a>' in client.get("/de/wohnen/").content.decode()


def test_a_lost_content_version_never_brings_back_older_cached_values(page_factory):
    from django.core.cache import cache

    from portal.cache import cached, content_version, forget_version

    first = content_version()
    assert cached("probe", lambda: "built for the first version") == "built for the first version"
    cache.clear()  # a cleared or culled cache: the next version must be a new one
    assert content_version() == first  # this request still sees the version it read
    forget_version()  # as a new request does
    assert content_version() != first
    assert cached("probe", lambda: "built again") == "built again"


def test_values_kept_in_memory_are_built_again_after_their_time(page_factory, monkeypatch):
    import time

    from portal import cache

    builds = []
    assert cache.cached("probe", lambda: builds.append(1) or len(builds), timeout=300) == 1
    assert cache.cached("probe", lambda: builds.append(1) or len(builds), timeout=300) == 1
    later = time.monotonic() + 301  # e.g. a page scheduled to appear in the navigation is due now
    monkeypatch.setattr(cache.time, "monotonic", lambda: later)
    assert cache.cached("probe", lambda: builds.append(1) or len(builds), timeout=300) == 2


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda path: path.parent.parent.name)
def test_compiled_catalogue_is_current(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} fehlt: manage.py compile_catalogues"
    assert mo_path.read_bytes() == compiled(po_path), f"{mo_path} ist veraltet: manage.py compile_catalogues"


def test_sitemap_lists_alternates_in_every_language(client, page_factory):
    page_factory("integration")
    xml = client.get(reverse("sitemap")).content.decode()
    for code in ALL_CODES:
        assert f'hreflang="{code}" href="http://testserver/{code}/integration/"' in xml


def test_robots_txt_points_to_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_anonymous_pages_are_cached_until_content_changes(client, page_factory, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = page_factory("integration", title_de="Integration")
    assert "Integration" in client.get("/de/integration/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get("/de/integration/")
    assert len(queries) == 0
    page.title_de = "Integration im Landkreis"
    page.save()
    assert "Integration im Landkreis" in client.get("/de/integration/").content.decode()


def test_pages_with_a_per_visitor_token_or_for_staff_are_never_cached(client, page_factory, editor):
    from django.utils import timezone

    from volunteers.models import Training

    now = timezone.now()
    Training.objects.create(title_de="Erste Hilfe", slug="erste-hilfe", status="published", capacity=5,
                            starts_at=now + timezone.timedelta(days=3), ends_at=now + timezone.timedelta(days=3))
    client.get("/de/ehrenamtsboerse/fortbildungen/erste-hilfe/")
    first = client.get("/de/ehrenamtsboerse/fortbildungen/erste-hilfe/").content.decode()
    second = type(client)().get("/de/ehrenamtsboerse/fortbildungen/erste-hilfe/").content.decode()
    token = 'name="csrfmiddlewaretoken" value="'
    assert first.split(token)[1][:20] != second.split(token)[1][:20]
    page_factory("entwurf", status="draft")
    client.force_login(editor)
    assert client.get("/de/entwurf/").status_code == 200
    client.logout()
    assert client.get("/de/entwurf/").status_code == 404


def test_cached_pages_are_stored_compressed_and_served_as_stored(client, page_factory):
    import gzip

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page_factory("integration", title_de="Integration")
    client.get("/de/integration/", HTTP_ACCEPT_ENCODING="gzip")
    with CaptureQueriesContext(connection) as queries:
        hit = client.get("/de/integration/", HTTP_ACCEPT_ENCODING="gzip")
    assert len(queries) == 0 and hit["Content-Encoding"] == "gzip"
    assert "<h1>Integration</h1>" in gzip.decompress(hit.content).decode()
    plain = client.get("/de/integration/")  # a client without gzip gets the page uncompressed
    assert "Content-Encoding" not in plain and b"<h1>Integration</h1>" in plain.content
    assert "Content-Security-Policy" in hit and hit["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda path: path.parent.parent.name)
def test_catalogue_is_completely_translated(po_path):
    import polib

    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid[:60] for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid[:60] for entry in catalogue.fuzzy_entries()]
    assert not missing and not fuzzy, f"untranslated: {missing[:5]} … fuzzy: {fuzzy[:5]} …"


def test_a_server_error_shows_the_translated_page_and_logs_one_json_line(db, monkeypatch, caplog):
    import json
    import logging

    from django.test import Client
    from pythonjsonlogger.json import JsonFormatter

    from portal.models import HomePage

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail from deep inside")

    monkeypatch.setattr(HomePage, "load", broken)
    with caplog.at_level(logging.ERROR):
        response = Client(raise_request_exception=False).get("/ar/")
    body = response.content.decode()
    assert response.status_code == 500
    assert 'lang="ar"' in body and 'dir="rtl"' in body
    assert "Traceback" not in body and "secret detail" not in body

    options = settings.LOGGING["formatters"]["json"]
    formatter = JsonFormatter(fmt=options["format"], rename_fields=options["rename_fields"],
                              timestamp=options["timestamp"])
    lines = [formatter.format(record) for record in caplog.records]
    assert all("\n" not in line for line in lines)
    entries = [json.loads(line) for line in lines]
    request_error = next(entry for entry in entries if entry["logger"] == "django.request")
    assert request_error["level"] == "ERROR" and "secret detail from deep inside" in request_error["exc_info"]
    assert request_error["time"].endswith("+00:00")
    ours = next(entry for entry in entries if entry["logger"] == "portal.errors")
    assert ours["event"] == "server_error" and ours["path"] == "/ar/"


def test_url_patterns_are_the_same_in_every_language():
    """The language switcher only swaps the language prefix (portal.context_processors.url_in): no pattern
    may be translated."""
    from django.urls import URLResolver, get_resolver
    from django.utils.functional import Promise

    def routes(patterns):
        for pattern in patterns:
            yield getattr(pattern.pattern, "_route", None) or getattr(pattern.pattern, "_regex", None)
            if isinstance(pattern, URLResolver):
                yield from routes(pattern.url_patterns)

    assert not [route for route in routes(get_resolver().url_patterns) if isinstance(route, Promise)]


def test_the_language_switcher_and_alternate_links_name_the_same_page_with_its_query(client, db):
    html = client.get("/de/aktuelles/?seite=2&thema=%22a%22").content.decode()
    assert 'href="/ar/aktuelles/?seite=2&amp;thema=%22a%22" lang="ar"' in html
    assert 'href="/de-x-ls/aktuelles/?seite=2&amp;thema=%22a%22" lang="de-x-ls"' in html
    alternate = '<link rel="alternate" hreflang="ar" href="http://testserver/ar/aktuelles/?seite=2&amp;thema=%22a%22">'
    assert alternate in html
    # Rendered once per language, then only the address changes: the next page links itself, not the first.
    html = client.get("/de/veranstaltungen/").content.decode()
    switcher = html.split('class="language-switcher"', 1)[1].split("</details>", 1)[0]
    assert 'href="/ar/veranstaltungen/" lang="ar"' in switcher and "aktuelles" not in switcher
    head = html.split("</head>", 1)[0]
    assert '<link rel="alternate" hreflang="uk" href="http://testserver/uk/veranstaltungen/">' in head
    assert head.count(' hreflang=') == len(settings.LANGUAGES) and "/uk/aktuelles" not in head


def test_one_german_word_with_two_meanings_is_translated_by_its_context():
    """"Ort" of an address is a town, "Ort" of an event its venue; "Name" of a person is not that of a thing."""
    from django.utils import translation

    from portal.models import Event, SpokenLanguage
    from projects.models import Organisation

    def labels():
        fields = [(Organisation, "city"), (Event, "venue"), (Organisation, "name"), (SpokenLanguage, "name")]
        return tuple(str(model._meta.get_field(name).verbose_name) for model, name in fields)

    with translation.override("de"):
        assert labels() == ("Ort", "Ort", "Name", "Name")
    with translation.override("uk"):
        assert labels() == ("Населений пункт", "Місце", "Назва", "Назва")
        assert translation.gettext("Name") == "Ім’я"
    with translation.override("en"):
        assert labels()[:2] == ("Town", "Location")
