"""The public directory: combined filters, bounded queries, nothing unpublished, open data, vCard, JSON-LD."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify

from portal.models import Municipality, SpokenLanguage, TargetGroup, Topic
from projects.models import Organisation, Project


@pytest.fixture
def vocabulary(db):
    return {
        "sprache": Topic.objects.create(slug="sprache", name_de="Sprache"),
        "beratung": Topic.objects.create(slug="beratung", name_de="Beratung"),
        "gifhorn": Municipality.objects.create(slug="stadt-gifhorn", name_de="Stadt Gifhorn", latitude=52.48,
                                               longitude=10.55),
        "wittingen": Municipality.objects.create(slug="stadt-wittingen", name_de="Stadt Wittingen",
                                                 latitude=52.73, longitude=10.74),
        "ar": SpokenLanguage.objects.create(code="ar", name_de="Arabisch"),
        "uk": SpokenLanguage.objects.create(code="uk", name_de="Ukrainisch"),
        "frauen": TargetGroup.objects.create(slug="frauen", name_de="Frauen"),
    }


def organisation(name, *, topics=(), municipalities=(), languages=(), groups=(), status="published", **fields):
    org = Organisation.objects.create(name=name, slug=slugify(name), status=status, **fields)
    org.topics.set(topics)
    org.municipalities.set(municipalities)
    org.spoken_languages.set(languages)
    org.target_groups.set(groups)
    return org


def names(response):
    return [org.name for org in response.context["page_obj"]]


def test_filters_combine(client, vocabulary):
    v = vocabulary
    organisation("Frauencafé", topics=[v["sprache"]], municipalities=[v["gifhorn"]], languages=[v["ar"]],
                 groups=[v["frauen"]])
    organisation("Sprachtreff", topics=[v["sprache"]], municipalities=[v["gifhorn"]], languages=[v["uk"]])
    organisation("Beratung Nord", topics=[v["beratung"]], municipalities=[v["wittingen"]], languages=[v["ar"]])
    organisation("Sprachkurs Nord", topics=[v["sprache"]], municipalities=[v["wittingen"]], languages=[v["ar"]])
    url = "/de/angebote/"
    assert names(client.get(url, {"thema": "sprache"})) == ["Frauencafé", "Sprachkurs Nord", "Sprachtreff"]
    assert names(client.get(url, {"thema": "sprache", "kommune": "stadt-gifhorn"})) == ["Frauencafé", "Sprachtreff"]
    assert names(client.get(url, {"thema": "sprache", "kommune": "stadt-gifhorn", "sprache": "ar"})) == ["Frauencafé"]
    assert names(client.get(url, {"sprache": "ar", "zielgruppe": "frauen"})) == ["Frauencafé"]
    assert names(client.get(url, {"sprache": "ar", "q": "Nord"})) == ["Beratung Nord", "Sprachkurs Nord"]
    response = client.get(url, {"thema": "sprache", "kommune": "stadt-wittingen"})
    assert names(response) == ["Sprachkurs Nord"]
    assert "1 Organisation gefunden" in response.content.decode()


@pytest.mark.parametrize("params", [{"thema": "gibt-es-nicht"}, {"kommune": "x" * 500}, {"seite": "abc"},
                                    {"sprache": "\x00"}, {"q": "%" * 300}])
def test_bad_filter_values_never_break_the_page(client, vocabulary, params):
    organisation("Sprachtreff")
    assert client.get("/de/angebote/", params).status_code == 200


def test_pending_rejected_and_draft_organisations_appear_nowhere(client, vocabulary):
    organisation("Offen sichtbar")
    for status in ("draft", "submitted", "changes_requested", "archived"):
        organisation(f"Verborgen {status}", status=status, city="Gifhorn")
    for url in ["/de/angebote/", "/de/angebote/karte/orte.json", "/de/suche/?q=Verborgen", "/daten/organisationen.json",
                "/daten/organisationen.csv", "/sitemap.xml"]:
        html = client.get(url).content.decode("utf-8")
        assert not any(f"Verborgen {status}" in html for status in ("draft", "submitted", "changes", "archived")), url
    assert client.get("/de/angebote/verborgen-draft/").status_code == 404


def _count_queries(client, url):
    client.get(url)  # warm the caches (navigation, vocabulary): both measurements start from the same state
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url", ["/de/angebote/?thema=sprache&kommune=stadt-gifhorn", "/de/angebote/karte/",
                                 "/de/angebote/karte/orte.json?thema=sprache", "/de/projekte/", "/de/angebote/org-0/",
                                 "/de/projekte/projekt-0/"])
def test_directory_pages_run_the_same_queries_for_10_or_1000_organisations(client, vocabulary, url):
    v = vocabulary

    def add(start, count):
        created = Organisation.objects.bulk_create([
            Organisation(name=f"Org {i}", slug=f"org-{i}", status="published", latitude=52.4, longitude=10.5)
            for i in range(start, start + count)
        ])
        Organisation.topics.through.objects.bulk_create(
            Organisation.topics.through(organisation=org, topic=v["sprache"]) for org in created)
        Organisation.municipalities.through.objects.bulk_create(
            Organisation.municipalities.through(organisation=org, municipality=v["gifhorn"]) for org in created)
        Project.objects.bulk_create([
            Project(title_de=f"Projekt {i}", slug=f"projekt-{i}", summary_de="Kurz", status="published",
                    lead_organisation=created[0])
            for i in range(start, start + min(count, 50))
        ])

    add(0, 10)
    few = _count_queries(client, url)
    add(10, 990)
    many = _count_queries(client, url)
    assert few == many <= 10, (few, many)


def test_detail_page_has_json_ld_vcard_and_opening_hours(client, vocabulary):
    org = organisation("Migrationsberatung", street="Schlossplatz 1", postcode="38518", city="Gifhorn",
                       phone="05371 82-0", email="mbe@beispiel.example", latitude=52.48, longitude=10.55,
                       languages=[vocabulary["ar"]])
    org.opening_hours.create(weekday=0, opens="09:00", closes="12:00")
    html = client.get("/de/angebote/migrationsberatung/").content.decode()
    data = json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])
    assert data["@type"] == "Organization" and data["address"]["postalCode"] == "38518"
    assert data["openingHoursSpecification"][0]["opens"] == "09:00"
    assert data["knowsLanguage"] == ["ar"]
    vcard = client.get("/de/angebote/migrationsberatung/kontakt.vcf").content.decode()
    assert "FN:Migrationsberatung" in vcard and "TEL;TYPE=WORK,VOICE:05371 82-0" in vcard


def test_lists_on_a_detail_page_use_the_languages_own_comma(client, vocabulary):
    organisation("Beratung", topics=[vocabulary["sprache"], vocabulary["beratung"]])
    assert "<dd>Beratung, Sprache</dd>" in client.get("/de/angebote/beratung/").content.decode()
    german_names = '<span lang="de" dir="ltr">Beratung</span>، <span lang="de" dir="ltr">Sprache</span>'
    assert f"<dd>{german_names}</dd>" in client.get("/ar/angebote/beratung/").content.decode()


def test_open_data_csv_and_json_at_stable_addresses(client, vocabulary):
    organisation("Café Ümit", topics=[vocabulary["sprache"]], city="Gifhorn")
    organisation("مركز الاستشارة", city="Wittingen")
    csv_body = client.get("/daten/organisationen.csv").content.decode("utf-8-sig")
    assert "Café Ümit" in csv_body and "مركز الاستشارة" in csv_body
    data = client.get("/daten/organisationen.json").json()
    assert data["count"] == 2
    assert {row["name"] for row in data["organisations"]} == {"Café Ümit", "مركز الاستشارة"}
    assert next(row for row in data["organisations"] if row["name"] == "Café Ümit")["topics"] == ["sprache"]


def test_map_page_counts_and_the_markers_come_with_the_same_filters(client, vocabulary):
    organisation("Mit Standort", latitude=52.48, longitude=10.55, topics=[vocabulary["sprache"]])
    organisation("Anderes Thema", latitude=52.40, longitude=10.50)
    organisation("Ohne Standort", topics=[vocabulary["sprache"]])
    html = client.get("/de/angebote/karte/?thema=sprache").content.decode()
    assert "1 Organisation mit Standort" in html
    markers_url = html.split('data-markers-url="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert markers_url == "/de/angebote/karte/orte.json?thema=sprache"
    data = client.get(markers_url).json()
    assert data == {"url": "/de/angebote/SLUG/", "markers": [["Mit Standort", "mit-standort", 52.48, 10.55]]}
    unfiltered = client.get("/de/angebote/karte/orte.json").json()["markers"]
    assert [marker[0] for marker in unfiltered] == ["Anderes Thema", "Mit Standort"]
    organisation("Neu dabei", latitude=52.41, longitude=10.51)  # content changed: the kept markers are renewed
    assert len(client.get("/de/angebote/karte/orte.json").json()["markers"]) == 3
    organisation("Bürgerbüro", latitude=52.42, longitude=10.52)
    body = client.get("/de/angebote/karte/orte.json").content.decode()
    # Compact: no spaces between values, umlauts as they are (5,000 markers are 20 KB less per answer).
    assert '["Bürgerbüro","burgerburo",52.42,10.52]' in body
    assert "data-load-map" in html
    assert "tile.openstreetmap.org" not in html.replace('data-tile-url="https://tile.openstreetmap.org', "")


def test_unconfirmed_partner_registrations_are_deleted_after_30_days(db):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from portal.models import User

    old = User.objects.create_user(email="alt@verein.example", password="x", is_active=False)
    User.objects.filter(pk=old.pk).update(date_joined=timezone.now() - timedelta(days=31))
    Organisation.objects.create(name="Alt", slug="alt", status="draft", author=old)
    fresh = User.objects.create_user(email="neu@verein.example", password="x", is_active=False)
    Organisation.objects.create(name="Neu", slug="neu", status="draft", author=fresh)
    active = User.objects.create_user(email="aktiv@verein.example", password="x")
    User.objects.filter(pk=active.pk).update(date_joined=timezone.now() - timedelta(days=90))
    call_command("delete_unconfirmed_registrations")
    assert set(User.objects.values_list("email", flat=True)) == {"neu@verein.example", "aktiv@verein.example"}
    assert list(Organisation.objects.values_list("slug", flat=True)) == ["neu"]


def test_vocabulary_terms_in_their_order_and_language_and_current_after_an_edit(client, vocabulary):
    v = vocabulary
    v["beratung"].position, v["beratung"].name_ar = 0, "استشارة"
    v["beratung"].save()
    v["sprache"].position = 5
    v["sprache"].save()
    organisation("Migrationsberatung", topics=[v["sprache"], v["beratung"]], municipalities=[v["gifhorn"]],
                 groups=[v["frauen"]], languages=[v["uk"], v["ar"]])
    html = client.get("/de/angebote/migrationsberatung/").content.decode()
    assert "<dd>Beratung, Sprache</dd>" in html and "<dd>Frauen</dd>" in html and "<dd>Stadt Gifhorn</dd>" in html
    assert '<span lang="ar">Arabisch</span>, <span lang="uk">Ukrainisch</span>' in html
    directory = client.get("/de/angebote/").content.decode()
    assert '<span class="tag">Beratung</span><span class="tag">Sprache</span>' in directory
    assert "<dd>استشارة، " in client.get("/ar/angebote/migrationsberatung/").content.decode()
    v["sprache"].name_de = "Deutsch lernen"
    v["sprache"].save()
    assert "<dd>Beratung, Deutsch lernen</dd>" in client.get("/de/angebote/migrationsberatung/").content.decode()
