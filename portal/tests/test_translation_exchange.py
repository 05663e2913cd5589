"""Handing one language to an agency as a PO file and importing it back."""

import polib
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal import translation_exchange
from portal.models import Page
from portal.translation_status import State


@pytest.fixture
def pages(page_factory):
    first = page_factory("sprache", title_de="Sprache", summary_de="Deutsch lernen", title_ar="اللغة")
    second = page_factory("bildung", title_de="Bildung", body_de="<p>Schule</p>")
    return first, second


def test_export_import_changes_exactly_those_fields_and_records_history(pages):
    first, second = pages
    exported = polib.pofile(translation_exchange.export_po([first, second], "ar").decode())
    contexts = {entry.msgctxt for entry in exported}
    assert contexts == {f"portal.page:{first.pk}:title", f"portal.page:{first.pk}:summary",
                        f"portal.page:{second.pk}:title", f"portal.page:{second.pk}:body"}
    for entry in exported:
        if entry.msgctxt.endswith(f"{second.pk}:title"):
            entry.msgstr = "التعليم"
        if entry.msgctxt.endswith(f"{first.pk}:summary"):
            entry.msgstr = "تعلم اللغة الألمانية"
    changes = translation_exchange.read_changes(str(exported).encode(), "ar")
    assert {(c.obj.pk, c.field) for c in changes} == {(second.pk, "title"), (first.pk, "summary")}
    history_before = first.history.count() + second.history.count()
    translation_exchange.apply_changes(changes, "ar")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.title_ar, first.summary_ar) == ("اللغة", "تعلم اللغة الألمانية")
    assert second.title_ar == "التعليم" and not second.body_ar
    assert (first.title_de, second.title_de) == ("Sprache", "Bildung")
    assert first.history.count() + second.history.count() == history_before + 2
    assert first.history.latest().history_change_reason == "Import Übersetzung (ar)"
    assert second.translation_state("ar") == State.CURRENT


def test_import_of_a_file_for_another_language_is_refused(pages):
    data = translation_exchange.export_po(list(pages), "fa")
    with pytest.raises(ValidationError):
        translation_exchange.read_changes(data, "ar")


@pytest.mark.parametrize("data", [b"\xff\xfe garbage", b'msgctxt "portal.page:999999:title"\nmsgid "x"\nmsgstr "y"\n',
                                  b'msgctxt "nix:1:title"\nmsgid "x"\nmsgstr "y"\n'])
def test_broken_or_foreign_files_are_refused_with_a_message(db, data):
    with pytest.raises(ValidationError):
        translation_exchange.read_changes(data, "ar")


def test_coverage_page_lists_missing_first_and_import_preview_then_apply(client, editor, pages):
    first, second = pages
    client.force_login(editor)
    html = client.get("/admin/werkzeuge/uebersetzung/ar/").content.decode()
    assert html.index("Bildung") < html.index(">Sprache<")  # missing before current
    response = client.post("/admin/werkzeuge/uebersetzung/ar/export/", {"objects": [f"portal.page:{second.pk}"]})
    catalogue = polib.pofile(response.content.decode())
    next(entry for entry in catalogue if entry.msgctxt.endswith(":title")).msgstr = "التعليم"
    upload = SimpleUploadedFile("ar.po", str(catalogue).encode())
    preview = client.post("/admin/werkzeuge/uebersetzung/ar/import/", {"file": upload}).content.decode()
    assert "التعليم" in preview
    assert not Page.objects.get(pk=second.pk).title_ar
    confirmed = client.post("/admin/werkzeuge/uebersetzung/ar/import/", {"confirm": "1"}, follow=True)
    assert "1 Einträge wurden aktualisiert" in confirmed.content.decode(), confirmed.content.decode()[-3000:]
    assert Page.objects.get(pk=second.pk).title_ar == "التعليم"


def test_anonymous_and_partners_cannot_reach_the_coverage_page(client, db):
    from conftest import make_user

    assert client.get("/admin/werkzeuge/uebersetzung/ar/").status_code == 302
    client.force_login(make_user("partner@verein.example"))
    assert client.get("/admin/werkzeuge/uebersetzung/ar/").status_code == 302
