"""Sign-up without an account: double opt-in, cancel, deletion on request, spam protection."""

import re

import time_machine
from django.core import mail
from django.utils import timezone

from portal.models import SpokenLanguage
from volunteers.models import SignUp, Volunteer

from .conftest import SIGN_UP


def links_in(message):
    return re.findall(r"http://testserver(/\S+)", message.body)


def sign_up(client, opportunity, **changes):
    headers = {key: changes.pop(key) for key in list(changes) if key.startswith("HTTP_")}
    return client.post(f"/de/ehrenamtsboerse/{opportunity.slug}/", {**SIGN_UP, **changes}, **headers)


def test_sign_up_mail_confirm_and_the_organisation_sees_it(client, opportunity):
    response = sign_up(client, opportunity)
    assert response.status_code == 302
    entry = SignUp.objects.get()
    assert SignUp.objects.for_organisation(opportunity.organisation).count() == 0
    confirm_path, manage_path = links_in(mail.outbox[0])
    assert "/bestaetigen/" in confirm_path
    page = client.get(confirm_path)
    assert page.status_code == 200
    entry.refresh_from_db()
    assert entry.state == SignUp.State.UNCONFIRMED  # opening the link alone (mail scanners) confirms nothing
    client.post(confirm_path)
    entry.refresh_from_db()
    assert entry.state == SignUp.State.NEW
    assert list(SignUp.objects.for_organisation(opportunity.organisation)) == [entry]
    assert mail.outbox[-1].to == ["kontakt@sprachcafe.example"]
    assert "amira" not in mail.outbox[-1].body.lower()  # personal data only in the partner area


def test_mail_goes_out_in_the_language_of_the_form(client, opportunity):
    client.post(f"/ar/ehrenamtsboerse/{opportunity.slug}/", SIGN_UP)
    assert "/ar/ehrenamtsboerse/anmeldung/bestaetigen/" in mail.outbox[0].body
    assert "Bitte bestätigen" not in mail.outbox[0].subject


def test_expired_link_says_so_and_offers_a_new_one(client, opportunity):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_up(client, opportunity)
        confirm_path = links_in(mail.outbox[0])[0]
        clock.shift(4 * 24 * 3600)
        response = client.get(confirm_path)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Der Link ist abgelaufen" in html and 'action="/de/ehrenamtsboerse/anmeldung/neuer-link/"' in html
        client.post("/de/ehrenamtsboerse/anmeldung/neuer-link/", {"email": SIGN_UP["email"], "homepage": ""})
        fresh = links_in(mail.outbox[-1])[0]
        client.post(fresh)
    assert SignUp.objects.get().state == SignUp.State.NEW


def test_a_tampered_link_is_refused(client, opportunity):
    sign_up(client, opportunity)
    confirm_path = links_in(mail.outbox[0])[0]
    assert client.post(confirm_path[:-3] + "xyz/").status_code == 400
    assert SignUp.objects.get().state == SignUp.State.UNCONFIRMED


def test_cancel_and_request_deletion_through_the_link(client, opportunity):
    sign_up(client, opportunity)
    confirm_path, manage_path = links_in(mail.outbox[0])
    client.post(confirm_path)
    client.post(manage_path, {"action": "cancel"})
    assert SignUp.objects.get().state == SignUp.State.WITHDRAWN
    assert SignUp.objects.for_organisation(opportunity.organisation).count() == 0
    client.post(manage_path, {"action": "delete"})
    entry = SignUp.objects.get()
    assert (entry.name, entry.email, entry.message) == ("", None, "")
    volunteer = Volunteer.objects.get()
    assert volunteer.email is None and volunteer.anonymised_at is not None
    assert client.get(manage_path).status_code == 400


def test_errors_keep_the_values_and_nothing_is_stored(client, opportunity):
    response = sign_up(client, opportunity, email="kaputt", consent="")
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Fehler:" in html
    assert 'href="#id_email"' in html and 'href="#id_consent"' in html
    assert 'value="Amira Haddad"' in html and "Ich spreche Arabisch." in html
    assert SignUp.objects.count() == 0 and mail.outbox == []


def test_the_languages_ticked_are_stored_and_an_unknown_one_is_an_error(client, opportunity):
    arabic = SpokenLanguage.objects.create(code="ar", name="Arabisch")
    SpokenLanguage.objects.create(code="fa", name="Persisch")
    form = client.get(f"/de/ehrenamtsboerse/{opportunity.slug}/").content.decode()
    assert 'name="languages" value="ar"' in form and "> Persisch</label>" in form
    response = sign_up(client, opportunity, languages=["xx"])
    assert response.status_code == 200 and 'href="#id_languages' in response.content.decode()
    assert SignUp.objects.count() == 0
    sign_up(client, opportunity, languages=["ar"])
    assert list(Volunteer.objects.get().spoken_languages.all()) == [arabic]


def test_honeypot_and_rate_limit(client, opportunity):
    sign_up(client, opportunity, homepage="http://spam.example")
    assert SignUp.objects.count() == 0
    for number in range(9):  # the rejected attempt above counts too
        assert sign_up(client, opportunity, email=f"p{number}@beispiel.example").status_code == 302
    response = sign_up(client, opportunity, email="elf@beispiel.example")
    assert "in einer Stunde noch einmal" in response.content.decode()
    assert SignUp.objects.count() == 9


def test_expired_or_unpublished_opportunity_takes_no_sign_ups(client, opportunity):
    opportunity.expires_on = timezone.localdate() - timezone.timedelta(days=1)
    opportunity.save()
    assert client.get("/de/ehrenamtsboerse/").context["page_obj"].paginator.count == 0
    sign_up(client, opportunity)
    assert SignUp.objects.count() == 0
    opportunity.status = "draft"
    opportunity.save()
    assert client.get(f"/de/ehrenamtsboerse/{opportunity.slug}/").status_code == 404


def test_the_sign_up_page_carries_no_per_visitor_token_and_is_served_from_the_page_cache(client, opportunity):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get(f"/de/ehrenamtsboerse/{opportunity.slug}/")
    assert "csrfmiddlewaretoken" not in first.content.decode() and not first.cookies
    with CaptureQueriesContext(connection) as queries:
        again = client.get(f"/de/ehrenamtsboerse/{opportunity.slug}/")
    assert len(queries) == 0 and again.content == first.content


def test_a_sign_up_posted_from_another_site_is_refused_in_the_visitors_language(client, opportunity):
    response = client.post(f"/ar/ehrenamtsboerse/{opportunity.slug}/", SIGN_UP, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert 'dir="rtl"' in response.content.decode()
    response = client.post(f"/de/ehrenamtsboerse/{opportunity.slug}/", SIGN_UP,
                           HTTP_ORIGIN="https://boese.example")
    assert response.status_code == 403
    assert "Formular nicht gesendet" in response.content.decode()
    assert not SignUp.objects.exists() and not mail.outbox


def test_a_sign_up_from_our_own_page_is_accepted(client, opportunity):
    assert sign_up(client, opportunity, HTTP_SEC_FETCH_SITE="same-origin").status_code == 302
    assert client.post(f"/de/ehrenamtsboerse/{opportunity.slug}/", {**SIGN_UP, "email": "b@beispiel.example"},
                       HTTP_ORIGIN="http://testserver").status_code == 302
    assert SignUp.objects.count() == 2
