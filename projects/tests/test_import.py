"""Staff import the directory as CSV: mixed scripts, empty cells, duplicates, a per-row report, idempotent."""

import csv
import io

import pytest
from import_export.formats.base_formats import CSV

from portal.models import Municipality, Topic
from projects.models import Organisation
from projects.resources import OrganisationResource

NAMES = ["Sprachcafé Gifhorn e. V.", "Beratungsstelle für Zugewanderte", "مركز الاستشارة العربي",
         "Українська громада Гіфгорн", "Türkisch-Deutscher Elternverein", "Русскоязычный клуб"]


def build_csv(rows=200):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["slug", "name", "kind", "status", "city", "postcode", "topics",
                                             "municipalities", "email", "description_de"])
    writer.writeheader()
    for i in range(rows):
        writer.writerow({
            "slug": f"organisation-{i}", "name": f"{NAMES[i % len(NAMES)]} {i}", "kind": "verein",
            "status": "published", "city": "Gifhorn" if i % 3 else "", "postcode": "38518" if i % 2 else "",
            "topics": "sprache|beratung" if i % 4 == 0 else ("sprache" if i % 4 == 1 else ""),
            "municipalities": "stadt-gifhorn", "email": "" if i % 5 else f"kontakt{i}@verein.example",
            "description_de": "<p>Treffpunkt für alle</p>" if i % 2 else "",
        })
    return out.getvalue()


@pytest.fixture
def vocabulary(db):
    Topic.objects.create(slug="sprache", name_de="Sprache")
    Topic.objects.create(slug="beratung", name_de="Beratung")
    Municipality.objects.create(slug="stadt-gifhorn", name_de="Stadt Gifhorn", latitude=52.48, longitude=10.55)


def run_import(data, dry_run=False):
    dataset = CSV().create_dataset(data)
    return OrganisationResource().import_data(dataset, dry_run=dry_run, raise_errors=False)


def test_200_rows_of_mixed_scripts_import_and_reimport_changes_nothing(vocabulary):
    data = build_csv()
    preview = run_import(data, dry_run=True)
    assert preview.totals["new"] == 200 and not preview.has_errors()
    assert Organisation.objects.count() == 0
    first = run_import(data)
    assert first.totals["new"] == 200
    assert Organisation.objects.get(slug="organisation-2").name == "مركز الاستشارة العربي 2"
    assert set(Organisation.objects.get(slug="organisation-0").topics.values_list("slug", flat=True)) == {
        "sprache", "beratung"}
    assert Organisation.objects.get(slug="organisation-1").city == "Gifhorn"
    assert Organisation.objects.get(slug="organisation-0").city == ""
    second = run_import(data)
    assert second.totals["new"] == 0 and second.totals["update"] == 0
    assert second.totals["skip"] == 200
    assert Organisation.objects.count() == 200


def test_bad_rows_are_reported_per_row(vocabulary):
    data = build_csv(3).replace("kontakt0@verein.example", "keine-mail").replace(",verein,", ",gibtsnicht,", 1)
    result = run_import(data, dry_run=True)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [1]
    assert Organisation.objects.count() == 0


def test_admin_import_shows_a_preview_before_writing(client, stabsstelle_admin, vocabulary):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(stabsstelle_admin)
    upload = SimpleUploadedFile("orgs.csv", build_csv(5).encode("utf-8"), content_type="text/csv")
    response = client.post("/admin/projects/organisation/import/", {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    assert "مركز الاستشارة العربي 2" in response.content.decode()
    assert Organisation.objects.count() == 0
