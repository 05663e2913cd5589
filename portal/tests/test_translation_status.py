"""Translation status per object and language, derived from timestamps and the minor-edit flag."""

import time_machine
from django.utils import timezone

from portal.models import Page
from portal.translation_status import State


def test_new_object_has_missing_languages_where_nothing_is_translated(page_factory):
    page = page_factory("seite", title_de="Sprache", title_en="Language")
    assert page.translation_state("en") == State.CURRENT
    assert page.translation_state("ar") == State.MISSING
    assert page.translation_state("de") == State.CURRENT


def test_german_change_marks_other_languages_outdated(page_factory):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = page_factory("seite", title_de="Sprache", title_en="Language", title_ar="اللغة")
        clock.shift(60)
        page = Page.objects.get(pk=page.pk)
        page.body_de = "<p>Neue Kursdaten</p>"
        page.save()
    page.refresh_from_db()
    assert page.translation_state("en") == State.OUTDATED
    assert page.translation_state("ar") == State.OUTDATED


def test_minor_german_edit_keeps_translations_current(page_factory):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = page_factory("seite", title_de="Sprache", title_en="Language")
        clock.shift(60)
        page = Page.objects.get(pk=page.pk)
        page.title_de = "Sprache."
        page.minor_edit = True
        page.save()
    assert Page.objects.get(pk=page.pk).translation_state("en") == State.CURRENT


def test_updating_a_translation_makes_it_current_again(page_factory):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = page_factory("seite", title_de="Sprache", title_en="Language")
        clock.shift(60)
        page = Page.objects.get(pk=page.pk)
        page.title_de = "Sprache lernen"
        page.save()
        clock.shift(60)
        page = Page.objects.get(pk=page.pk)
        assert page.translation_state("en") == State.OUTDATED
        page.title_en = "Learning German"
        page.save()
    assert Page.objects.get(pk=page.pk).translation_state("en") == State.CURRENT


def test_saving_without_changes_changes_no_status(page_factory):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = page_factory("seite", title_de="Sprache", title_en="Language")
        stamps = dict(page.translation_timestamps)
        clock.shift(60)
        page = Page.objects.get(pk=page.pk)
        page.save()
    assert Page.objects.get(pk=page.pk).translation_timestamps == stamps
