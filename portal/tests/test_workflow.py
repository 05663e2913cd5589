"""The shared life cycle: who may do what, what the public sees, who gets mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from portal.models import NewsItem, Page
from portal.workflow import Status, Transition


@pytest.fixture
def author(db):
    from conftest import make_user

    return make_user("autorin@verein.example")


def test_published_excludes_drafts_scheduled_expired_and_archived(page_factory):
    now = timezone.now()
    live = page_factory("live")
    page_factory("draft", status=Status.DRAFT)
    page_factory("review", status=Status.SUBMITTED)
    page_factory("archived", status=Status.ARCHIVED)
    page_factory("future", publish_from=now + timedelta(days=1))
    page_factory("expired", publish_until=now - timedelta(minutes=1))
    assert list(Page.objects.published()) == [live]


@pytest.mark.parametrize("status,extra", [
    (Status.DRAFT, {}),
    (Status.SUBMITTED, {}),
    (Status.CHANGES_REQUESTED, {}),
    (Status.ARCHIVED, {}),
    (Status.PUBLISHED, {"publish_from": timezone.now() + timedelta(days=3)}),
])
def test_unpublished_content_is_nowhere_public(client, page_factory, status, extra):
    page_factory("geheim", status=status, title_de="Geheimer Entwurf", **extra)
    NewsItem.objects.create(slug="geheim", title_de="Geheime Meldung", summary_de="x", status=status, **extra)
    assert client.get("/de/geheim/").status_code == 404
    assert client.get("/de/aktuelles/geheim/").status_code == 404
    for url in ["/de/", "/de/aktuelles/", "/de/suche/?q=Geheim", "/sitemap.xml", "/de/aktuelles/feed/rss/"]:
        html = client.get(url).content.decode()
        assert "Geheimer Entwurf" not in html and "Geheime Meldung" not in html, url


def test_staff_preview_unpublished_content_on_the_public_layout(client, page_factory, editor):
    page_factory("entwurf", status=Status.DRAFT, title_de="Entwurf der Seite")
    client.force_login(editor)
    response = client.get("/de/entwurf/")
    assert response.status_code == 200
    assert "notice--preview" in response.content.decode()


def test_author_submits_and_editor_publishes_with_mail_to_author(page_factory, author, editor):
    page = page_factory("vorschlag", status=Status.DRAFT, author=author)
    page.apply_transition(Transition.SUBMIT, author)
    assert page.status == Status.SUBMITTED
    assert mail.outbox == []
    page.apply_transition(Transition.PUBLISH, editor)
    assert Page.objects.published().filter(pk=page.pk).exists()
    assert mail.outbox[-1].to == [author.email]
    assert "Veröffentlicht" in mail.outbox[-1].subject


def test_request_changes_needs_a_message_and_sends_it(page_factory, author, editor):
    page = page_factory("vorschlag", status=Status.SUBMITTED, author=author)
    with pytest.raises(ValidationError):
        page.apply_transition(Transition.REQUEST_CHANGES, editor, "  ")
    page.apply_transition(Transition.REQUEST_CHANGES, editor, "Bitte die Öffnungszeiten ergänzen.")
    page.refresh_from_db()
    assert page.status == Status.CHANGES_REQUESTED
    assert page.review_message == "Bitte die Öffnungszeiten ergänzen."
    assert "Bitte die Öffnungszeiten ergänzen." in mail.outbox[-1].body


def test_mail_goes_out_in_the_authors_language(page_factory, author, editor):
    author.language = "en"
    author.save()
    page = page_factory("vorschlag", status=Status.SUBMITTED, author=author)
    page.apply_transition(Transition.PUBLISH, editor)
    assert "Guten Tag" not in mail.outbox[-1].body or mail.outbox[-1].body.startswith("Hello")


def test_translator_and_partner_cannot_publish(page_factory, translator, author):
    page = page_factory("vorschlag", status=Status.SUBMITTED)
    for user in (translator, author):
        with pytest.raises(PermissionDenied):
            page.apply_transition(Transition.PUBLISH, user)
    assert page.status == Status.SUBMITTED


def test_transition_from_a_wrong_state_is_refused(page_factory, editor):
    page = page_factory("seite", status=Status.PUBLISHED)
    with pytest.raises(ValidationError):
        page.apply_transition(Transition.REQUEST_CHANGES, editor, "Nachricht")


def test_every_transition_is_kept_in_history(page_factory, editor):
    page = page_factory("seite", status=Status.DRAFT)
    page.apply_transition(Transition.PUBLISH, editor)
    page.apply_transition(Transition.ARCHIVE, editor)
    statuses = list(page.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == [Status.DRAFT, Status.PUBLISHED, Status.ARCHIVED]


def test_choice_labels_are_shown_in_the_visitors_language_like_djangos_own():
    from django.utils import translation

    from portal.models import Event

    event = Event(kind=Event.Kind.TRAINING, status=Status.SUBMITTED)
    with translation.override("de"):
        assert (event.get_kind_display(), event.get_status_display()) == ("Fortbildung", "In Prüfung")
    with translation.override("en"):
        assert event.get_kind_display() == "Training"
    event.kind = "gibt-es-nicht"  # a value that is no choice (an old one) is shown as it is, as Django does
    assert event.get_kind_display() == "gibt-es-nicht"
