"""Barriere melden: works without JavaScript, clear errors, spam protection, tickets for staff."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from portal.models import FeedbackTicket

VALID = {"page_url": "/de/aktuelles/", "description": "Der Kontrast der Links ist zu schwach.", "name": "",
         "email": "", "homepage": ""}


def test_feedback_is_stored_as_a_ticket_and_staff_are_told(client, db):
    response = client.post("/ar/barriere-melden/", VALID)
    assert response.status_code == 302
    ticket = FeedbackTicket.objects.get()
    assert ticket.language == "ar"
    assert ticket.status == FeedbackTicket.Status.NEW
    assert len(mail.outbox) == 1


def test_missing_fields_show_an_error_summary_and_keep_the_values(client, db):
    response = client.post("/de/barriere-melden/", {**VALID, "description": "", "email": "keine-adresse"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Fehler:" in html
    assert 'class="error-summary"' in html and 'href="#id_description"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="/de/aktuelles/"' in html
    assert FeedbackTicket.objects.count() == 0


def test_errors_are_shown_in_the_visitors_language(client, db):
    html = client.post("/en/barriere-melden/", {**VALID, "description": ""}).content.decode()
    assert "Bitte beschreiben Sie die Barriere." not in html


def test_honeypot_rejects_bots_without_storing_anything(client, db):
    response = client.post("/de/barriere-melden/", {**VALID, "homepage": "http://spam.example"})
    assert response.status_code == 200
    assert FeedbackTicket.objects.count() == 0


def test_rate_limit_stops_a_flood_with_a_clear_message(client, db):
    for _ in range(5):
        assert client.post("/de/barriere-melden/", VALID).status_code == 302
    response = client.post("/de/barriere-melden/", VALID)
    assert response.status_code == 200
    assert "in einer Stunde noch einmal" in response.content.decode()
    assert FeedbackTicket.objects.count() == 5


def test_overdue_tickets_are_those_open_for_more_than_a_month(db):
    old = FeedbackTicket.objects.create(page_url="/de/", description="alt")
    FeedbackTicket.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    closed = FeedbackTicket.objects.create(page_url="/de/", description="erledigt", status="closed")
    FeedbackTicket.objects.filter(pk=closed.pk).update(created_at=timezone.now() - timedelta(days=40))
    FeedbackTicket.objects.create(page_url="/de/", description="neu")
    assert list(FeedbackTicket.objects.overdue()) == [old]


def test_admin_highlights_overdue_tickets(client, stabsstelle_admin):
    ticket = FeedbackTicket.objects.create(page_url="/de/", description="alt")
    FeedbackTicket.objects.filter(pk=ticket.pk).update(created_at=timezone.now() - timedelta(days=45))
    client.force_login(stabsstelle_admin)
    html = client.get("/admin/portal/feedbackticket/").content.decode()
    assert 'class="overdue"' in html


def test_a_report_posted_from_another_site_is_refused_and_nothing_stored(client, db):
    response = client.post("/en/barriere-melden/", VALID, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403 and "Form not sent" in response.content.decode()
    assert not FeedbackTicket.objects.exists() and not mail.outbox
    assert client.post("/de/barriere-melden/", VALID, HTTP_SEC_FETCH_SITE="same-origin").status_code == 302
