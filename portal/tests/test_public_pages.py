"""What residents see: pages with breadcrumbs and fallbacks, news, events, feeds, calendars, search."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.models import Event, NewsItem, Page

MAX_QUERIES = 10


@pytest.fixture
def tree(page_factory):
    root = page_factory("integration", title_de="Integration", title_ar="الاندماج", show_in_navigation=True)
    child = page_factory("sprache", parent=root, title_de="Sprache", title_ar="اللغة",
                         body_de="<p>Deutschkurse im Landkreis</p>", body_ar="<p>دورات اللغة الألمانية</p>")
    untranslated = page_factory("familienleben", parent=root, title_de="Familienleben",
                                body_de="<p>Kita und Schule</p>")
    return root, child, untranslated


def test_home_page_shows_its_texts_fields_of_action_news_and_events_and_follows_changes(client, tree, settings):
    from portal.models import HomePage

    settings.PAGE_CACHE_SECONDS = 0
    _root, child, _untranslated = tree
    HomePage.objects.create(title_de="Willkommen im Landkreis Gifhorn", title_ar="مرحبًا بكم في منطقة غيفهورن")
    new_here = Page.objects.create(slug="neu-hier", title_de="Neu hier", status="published",
                                                role=Page.Role.NEW_HERE)
    NewsItem.objects.create(slug="sprachcafe", title_de="Neues Sprachcafé", status="published",
                            date=timezone.localdate())
    Event.objects.create(slug="netzwerktreffen", title_de="Netzwerktreffen", status="published",
                         starts_at=timezone.now() + timedelta(days=2))
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/de/").content.decode()
    assert "<h1 id=\"home-title\">Willkommen im Landkreis Gifhorn</h1>" in html
    assert f'href="{new_here.get_absolute_url()}"' in html
    assert 'href="/de/integration/sprache/">Sprache</a>' in html  # a field of action
    assert "Neues Sprachcafé" in html and "Netzwerktreffen" in html
    assert len(queries) <= MAX_QUERIES
    assert "مرحبًا بكم في منطقة غيفهورن" in client.get("/ar/").content.decode()
    child.title_de = "Sprache und Bildung"
    child.save()
    home = HomePage.load()
    home.title_de = "Herzlich willkommen"
    home.save()
    NewsItem.objects.create(slug="sommerfest", title_de="Sommerfest im Park", status="published",
                            date=timezone.localdate())
    html = client.get("/de/").content.decode()
    assert 'href="/de/integration/sprache/">Sprache und Bildung</a>' in html and "Herzlich willkommen" in html
    assert "Sommerfest im Park" in html
    with CaptureQueriesContext(connection) as queries:
        client.get("/de/")
    assert len(queries) == 0  # all of it from memory until content changes


def test_page_address_follows_the_tree_and_shows_breadcrumbs(client, tree):
    _root, child, _untranslated = tree
    assert child.get_absolute_url() == "/de/integration/sprache/"
    html = client.get("/de/integration/sprache/").content.decode()
    crumbs = html.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/de/integration/"' in crumbs
    assert 'aria-current="page">Sprache<' in crumbs


def test_switching_to_arabic_shows_the_same_page_right_to_left(client, tree):
    html = client.get("/ar/integration/sprache/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "<h1>اللغة</h1>" in html
    assert "notice--fallback" not in html


def test_untranslated_page_shows_german_marked_with_a_notice_in_arabic(client, tree):
    html = client.get("/ar/integration/familienleben/").content.decode()
    assert '<span lang="de" dir="ltr">Familienleben</span>' in html
    assert '<div lang="de" dir="ltr"><p>Kita und Schule</p></div>' in html
    assert "notice--fallback" in html


def test_leichte_sprache_falls_back_to_german(client, tree):
    html = client.get("/de-x-ls/integration/sprache/").content.decode()
    assert "Deutschkurse im Landkreis" in html


def test_child_pages_are_listed_and_siblings_navigable(client, tree):
    html = client.get("/de/integration/").content.decode()
    assert 'href="/de/integration/sprache/"' in html
    sidebar = client.get("/de/integration/sprache/").content.decode().split('class="section-nav"', 1)[1]
    assert 'href="/de/integration/familienleben/"' in sidebar
    # The tree around a page comes from memory, renewed when content changes; drafts stay out of it.
    root, _child, _untranslated = tree
    Page.objects.create(parent=root, slug="arbeit", title_de="Arbeit", status="published", position=9)
    Page.objects.create(parent=root, slug="entwurf", title_de="Entwurf", status="draft", position=10)
    html = client.get("/de/integration/").content.decode()
    assert 'href="/de/integration/arbeit/"' in html and "Entwurf" not in html
    with CaptureQueriesContext(connection) as queries:
        client.get("/de/integration/arbeit/")
    assert len(queries) == 3  # the page, its contact persons, its downloads


def test_a_section_too_long_for_a_side_navigation_gets_none(client, page_factory):
    from portal.views import SECTION_NAV_LIMIT

    section = page_factory("bereich", title_de="Bereich")
    for number in range(SECTION_NAV_LIMIT + 1):
        page_factory(f"seite-{number}", parent=section, title_de=f"Seite {number}")
    html = client.get("/de/bereich/seite-3/").content.decode()
    assert "Seite 3" in html and 'class="section-nav"' not in html
    Page.objects.filter(slug="seite-20").delete()
    assert 'class="section-nav"' in client.get("/de/bereich/seite-3/").content.decode()


def test_rich_text_is_cleaned_on_save(page_factory):
    page = page_factory("x", body_de='<h1>Titel</h1><p onclick="x()">Text<script>alert(1)</script></p>')
    assert "<script" not in page.body_de
    assert "onclick" not in page.body_de
    assert "<h1>" not in page.body_de


def _queries(client, url):
    client.get(url)  # warm the caches, so both measurements start from the same state
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def _add_content(page_factory, count, offset=0):
    parent = page_factory(f"bereich-{offset}", show_in_navigation=True)
    now = timezone.now()
    for i in range(count):
        n = offset + i
        page_factory(f"unterseite-{n}", parent=parent)
        NewsItem.objects.create(slug=f"meldung-{n}", title_de=f"Meldung {n}", summary_de="Kurz", status="published")
        Event.objects.create(slug=f"termin-{n}", title_de=f"Termin {n}", summary_de="Kurz", status="published",
                             starts_at=now + timedelta(days=1, hours=n))
    return parent


@pytest.mark.parametrize("url", ["/de/", "/de/aktuelles/", "/de/aktuelles/meldung-0/", "/de/veranstaltungen/",
                                 "/de/veranstaltungen/termin-0/", "/de/bereich-0/", "/de/suche/?q=Meldung",
                                 "/de/barriere-melden/", "/ar/bereich-0/unterseite-0/"])
def test_public_pages_run_a_bounded_number_of_queries(client, page_factory, url):
    _add_content(page_factory, 3)
    few = _queries(client, url)
    _add_content(page_factory, 30, offset=100)
    many = _queries(client, url)
    assert many == few, f"{url}: {few} → {many} queries"
    assert many <= MAX_QUERIES, url


def test_news_feeds_in_rss_and_atom_per_language(client, db):
    NewsItem.objects.create(slug="kurs", title_de="Neuer Kurs", title_en="New course", summary_de="Kurz",
                            status="published")
    rss = client.get("/en/aktuelles/feed/rss/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>New course</title>" in rss.content.decode()
    assert "<language>en</language>" in rss.content.decode()
    atom = client.get("/de/aktuelles/feed/atom/")
    assert "Neuer Kurs" in atom.content.decode()


def test_events_by_month_expand_a_weekly_recurrence(client, db):
    tz = timezone.get_current_timezone()
    Event.objects.create(slug="sprechstunde", title_de="Offene Sprechstunde", summary_de="x", status="published",
                         starts_at=datetime(2026, 3, 3, 10, tzinfo=tz), ends_at=datetime(2026, 3, 3, 12, tzinfo=tz),
                         recurrence="WEEKLY", recurrence_until=datetime(2026, 4, 30).date())
    html = client.get("/de/veranstaltungen/?monat=2026-04").content.decode()
    assert html.count("Offene Sprechstunde") == 4  # 7, 14, 21, 28 April
    assert "10:00" in html  # still 10:00 after the change to summer time


@pytest.mark.parametrize(("language", "starts", "ends"), [
    ("de", "Donnerstag, 26. November 2026, 18:00", "20:30"),
    ("de-x-ls", "Donnerstag, 26. November 2026, 18:00 Uhr", "20:30 Uhr"),
    ("en", "Thursday, 26 November 2026, 18:00", "20:30"),
    ("uk", "Четвер, 26 листопада 2026 р., 18:00", "20:30"),  # the month in the genitive
    ("ru", "Четверг, 26 ноября 2026 г., 18:00", "20:30"),
    ("ar", "الخميس، 26 نوفمبر 2026، 18:00", "20:30"),
    ("tr", "26 Kasım 2026 Perşembe, 18:00", "20:30"),
])
def test_an_event_date_is_written_as_the_language_writes_it(client, db, language, starts, ends):
    tz = timezone.get_current_timezone()
    Event.objects.create(slug="elternabend", title_de="Elternabend", summary_de="x", status="published",
                         starts_at=datetime(2026, 11, 26, 18, tzinfo=tz),
                         ends_at=datetime(2026, 11, 26, 20, 30, tzinfo=tz))
    html = client.get(f"/{language}/veranstaltungen/elternabend/").content.decode()
    assert f">{starts}</time> – <time" in html and f">{ends}</time>" in html


def test_every_language_writes_an_event_with_its_weekday_and_the_24_hour_clock():
    """A language added to settings.LANGUAGES needs a module in gifhorn_integration/formats/ where Django's own
    DATETIME_FORMAT lacks the weekday or uses a 12-hour clock."""
    from django.utils import formats, translation

    starts = datetime(2026, 11, 26, 18, tzinfo=timezone.get_current_timezone())
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            assert "l" in formats.get_format("DATETIME_FORMAT"), code
            assert "18:00" in formats.date_format(starts, "DATETIME_FORMAT"), code
            assert formats.date_format(starts, "TIME_FORMAT").startswith("18:00"), code


@pytest.mark.parametrize("month", ["1999-13", "abc", "2026-00", "-", "9999999999-1"])
def test_bad_month_parameter_shows_the_current_month(client, db, month):
    assert client.get(f"/de/veranstaltungen/?monat={month}").status_code == 200


def test_ical_download_of_one_event_and_the_feed(client, db):
    Event.objects.create(slug="netzwerktreffen", title_de="Netzwerktreffen", summary_de="Austausch",
                         status="published", starts_at=timezone.now() + timedelta(days=3),
                         venue_de="Kreishaus", address="Schlossplatz 1, 38518 Gifhorn")
    single = client.get("/de/veranstaltungen/netzwerktreffen.ics")
    assert single["Content-Type"].startswith("text/calendar")
    body = single.content.decode()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Netzwerktreffen" in body
    assert "LOCATION:Kreishaus\\, Schlossplatz 1\\, 38518 Gifhorn" in body
    assert "SUMMARY:Netzwerktreffen" in client.get("/de/veranstaltungen/kalender.ics").content.decode()


def test_search_finds_pages_news_and_events_grouped(client, page_factory):
    page_factory("sprache", title_de="Sprachkurse", summary_de="Deutsch lernen im Landkreis")
    NewsItem.objects.create(slug="kurs", title_de="Neuer Sprachkurs", summary_de="Deutsch lernen", status="published")
    html = client.get("/de/suche/?q=Deutsch").content.decode()
    assert 'id="group-seiten"' in html and 'id="group-aktuelles"' in html
    assert "Sprachkurse" in html and "Neuer Sprachkurs" in html


def test_search_finds_german_text_from_an_arabic_page(client, page_factory):
    page_factory("sprache", title_de="Sprachkurse")
    assert "Sprachkurse" in client.get("/ar/suche/?q=Sprachkurse").content.decode()


@pytest.mark.parametrize("query", ["", " ", "'; DROP TABLE portal_page; --", "a" * 500, "&|!:*()", "\x00", "<script>"])
def test_search_survives_hostile_input(client, page_factory, query):
    page_factory("sprache")
    assert client.get("/de/suche/", {"q": query, "typ": "x", "seite": "-1"}).status_code == 200


def test_search_finds_words_by_their_beginning(client, page_factory):
    page_factory("sprache", title_de="Sprachkurse und Deutsch lernen")
    assert "Sprachkurse und Deutsch lernen" in client.get("/de/suche/?q=Sprach").content.decode()
    assert "Sprachkurse und Deutsch lernen" in client.get("/ar/suche/?q=deutsch+sprach").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text indexes exist on PostgreSQL only")
def test_search_is_answered_from_the_stored_documents_index(page_factory):
    from portal import search

    page = page_factory("sprachkurse", title_de="Sprachkurse im Landkreis")
    queryset = search.search(search.get_source("seiten"), "Sprach", "de")
    assert [page.slug for page in queryset] == ["sprachkurse"]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # tiny test table: the planner would rather read it all
        cursor.execute("EXPLAIN SELECT id FROM portal_page WHERE search_de @@ to_tsquery('german', 'sprach:*')")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "portal_page_search_de" in plan, plan
    # The stored document follows every change of the text, in every language.
    page.title_de, page.title_uk = "Beratung für Familien", "Консультації для сімей"
    page.save()
    assert not search.search(search.get_source("seiten"), "Sprach", "de").exists()
    assert search.search(search.get_source("seiten"), "Familie", "de").exists()  # German stemming
    assert search.search(search.get_source("seiten"), "Консультації", "uk").exists()
    assert search.search(search.get_source("seiten"), "Beratung", "uk").exists()  # German found from Ukrainian
    page_factory("wohnen", title_de="Wohnen", body_de="<p>Beratung beim Wohnen und Beratung bei Mietfragen</p>")
    ranked = search.search(search.get_source("seiten"), "Beratung", "de")
    assert [page.slug for page in ranked] == ["sprachkurse", "wohnen"]  # the hit in the title first


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored search documents exist on PostgreSQL only")
def test_stored_search_documents_are_rebuilt_around_migrate(db):
    from portal import search

    def columns():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM information_schema.columns WHERE column_name LIKE 'search\\_%%'")
            return cursor.fetchone()[0]

    expected = len(search.sources()) * len(settings.LANGUAGES)
    assert columns() == expected
    search.drop_documents(plan=[])  # nothing to migrate: the documents stay
    assert columns() == expected
    search.drop_documents(plan=["a migration"])  # as pre_migrate does, so a migration may alter any column
    assert columns() == 0
    search.ensure_documents()
    assert columns() == expected
    with CaptureQueriesContext(connection) as queries:
        search.ensure_documents()  # all current: only looked at
    assert not any(query["sql"].startswith("ALTER") for query in queries)
    with connection.cursor() as cursor:  # a definition from an older version of the code is rebuilt
        cursor.execute("COMMENT ON COLUMN portal_page.search_de IS 'older'")
    with CaptureQueriesContext(connection) as queries:
        search.ensure_documents()
    drop, add = [query["sql"] for query in queries if query["sql"].startswith("ALTER")]  # that table only
    assert drop.startswith('ALTER TABLE IF EXISTS "portal_page" DROP')
    assert add.startswith('ALTER TABLE "portal_page" ADD')
    assert columns() == expected
