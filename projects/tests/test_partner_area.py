"""The partner area: registration, members, profile, projects and co-partners, as a partner lives them."""

import os
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.utils import timezone

from portal.models import Image, PendingChange, User
from portal.workflow import Status, Transition
from projects.models import Invitation, Membership, OpeningHours, Organisation, Project, ProjectPartner
from projects.partner_forms import html_to_text, text_to_html

from . import build_organisation, build_partner, build_project, link_in, png_upload

PASSWORD = "Lindenallee-Gifhorn-42"

REGISTRATION = {
    "organisation_name": "Miteinander Gifhorn e. V.",
    "kind": "verein",
    "full_name": "Ayşe Demir",
    "email": "ayse@miteinander.example",
    "phone": "05371 12345",
    "password1": PASSWORD,
    "password2": PASSWORD,
    "consent": "on",
    "homepage": "",
}


def register(client, language="de", **changes):
    return client.post(f"/{language}/partner/registrieren/", {**REGISTRATION, **changes})


def html(response):
    return response.content.decode()


@pytest.fixture
def org_a(db):
    return build_organisation("Sprachtreff Gifhorn", description_de="<p>Deutschkurse am Abend.</p>")


@pytest.fixture
def manager_a(org_a):
    return build_partner("leitung@sprachtreff.example", org_a, role="manager")


@pytest.fixture
def member_a(org_a):
    return build_partner("mitglied@sprachtreff.example", org_a)


# --- registration -------------------------------------------------------------------------------------------------

def test_registration_form_shows_privacy_notice_consent_and_honeypot(client, db):
    page = html(client.get("/de/partner/registrieren/"))
    assert "Datenschutzhinweis (Art. 13 DSGVO)" in page
    assert 'name="consent"' in page
    assert "field--trap" in page and 'name="homepage"' in page


def test_registration_mails_a_link_that_activates_the_account_and_tells_staff_once(client, db):
    response = register(client)
    assert response.status_code == 302 and response["Location"] == "/de/partner/registrieren/gesendet/"
    user = User.objects.get(email="ayse@miteinander.example")
    organisation = Organisation.objects.get(name="Miteinander Gifhorn e. V.")
    assert not user.is_active and user.full_name == "Ayşe Demir" and user.language == "de"
    assert organisation.author == user and organisation.contact_person == "Ayşe Demir"
    assert Membership.objects.get(user=user, organisation=organisation).role == Membership.Role.MANAGER
    assert [message.to for message in mail.outbox] == [["ayse@miteinander.example"]]
    assert "ayse@miteinander.example" in html(client.get(response["Location"]))
    # Before the address is confirmed nobody can log in and nothing is public or waiting for review.
    assert not client.login(email="ayse@miteinander.example", password=PASSWORD)
    assert client.get(f"/de/angebote/{organisation.slug}/").status_code == 404
    assert not Organisation.objects.in_review().exists()

    link = link_in(mail.outbox[0])
    assert link.startswith("/de/partner/registrieren/bestaetigen/")
    page = client.get(link)
    assert page.status_code == 200 and "Ihre E-Mail-Adresse ist bestätigt" in html(page)
    user.refresh_from_db()
    organisation.refresh_from_db()
    assert user.is_active
    assert organisation.status == Status.SUBMITTED
    staff_mails = [m for m in mail.outbox if m.to == [settings.STAFF_NOTIFICATION_EMAIL]]
    assert len(staff_mails) == 1 and "Miteinander Gifhorn e. V." in staff_mails[0].subject

    # A second click changes nothing and mails nobody.
    assert "schon bestätigt" in html(client.get(link))
    assert len(mail.outbox) == 2
    # The organisation stays out of the public directory until staff publish it.
    assert client.get(f"/de/angebote/{organisation.slug}/").status_code == 404
    login = client.post("/de/partner/anmelden/", {"username": "Ayse@Miteinander.example", "password": PASSWORD})
    assert login["Location"] == f"/de/partner/{organisation.slug}/"


def test_registration_remembers_the_language_of_the_request_for_mails(client, db):
    register(client, language="en")
    assert User.objects.get(email="ayse@miteinander.example").language == "en"
    assert link_in(mail.outbox[0]).startswith("/en/partner/registrieren/bestaetigen/")


def test_expired_verification_link_says_so_and_a_new_link_works(client, db):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        register(client)
    old_link = link_in(mail.outbox[0])
    with time_machine.travel(start + timedelta(days=3, minutes=1), tick=False):
        page = client.get(old_link)
        assert page.status_code == 200
        assert "Dieser Bestätigungslink ist abgelaufen" in html(page)
        assert 'action="/de/partner/registrieren/neuer-link/"' in html(page)
        assert not User.objects.get(email="ayse@miteinander.example").is_active

        answer = client.post("/de/partner/registrieren/neuer-link/", {"email": "ayse@miteinander.example"})
        assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in html(answer)
        assert len(mail.outbox) == 2
        assert "bestätigt" in html(client.get(link_in(mail.outbox[1])))
    assert User.objects.get(email="ayse@miteinander.example").is_active


def test_link_still_works_just_before_it_expires(client, db):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        register(client)
    with time_machine.travel(start + timedelta(days=2, hours=23), tick=False):
        client.get(link_in(mail.outbox[0]))
    assert User.objects.get(email="ayse@miteinander.example").is_active


def test_changed_verification_link_is_refused_clearly(client, db):
    register(client)
    link = link_in(mail.outbox[0])
    page = client.get(link[:-6] + "XXXXX/")
    assert "Dieser Bestätigungslink ist ungültig" in html(page)
    assert not User.objects.get(email="ayse@miteinander.example").is_active


def test_new_link_form_does_not_reveal_whether_an_address_is_registered(client, db):
    unknown = client.post("/de/partner/registrieren/neuer-link/", {"email": "niemand@nirgends.example"})
    assert "Bitte sehen Sie in Ihr E-Mail-Postfach" in html(unknown)
    assert mail.outbox == []


def test_staff_decisions_about_a_registration_mail_the_registrant(client, editor):
    register(client)
    client.get(link_in(mail.outbox[0]))
    organisation = Organisation.objects.get(name="Miteinander Gifhorn e. V.")
    mail.outbox.clear()
    organisation.apply_transition(Transition.PUBLISH, editor)
    assert [m.to for m in mail.outbox] == [["ayse@miteinander.example"]]
    assert "Veröffentlicht" in mail.outbox[0].body
    assert client.get(f"/de/angebote/{organisation.slug}/").status_code == 200


def test_staff_rejection_of_a_registration_mails_the_registrant_with_the_reason(client, editor):
    register(client)
    client.get(link_in(mail.outbox[0]))
    organisation = Organisation.objects.get(name="Miteinander Gifhorn e. V.")
    mail.outbox.clear()
    organisation.apply_transition(Transition.REJECT, editor, "Wir kennen diese Organisation nicht.")
    assert [m.to for m in mail.outbox] == [["ayse@miteinander.example"]]
    assert "Wir kennen diese Organisation nicht." in mail.outbox[0].body


def test_registration_with_a_known_address_is_refused(client, manager_a):
    response = register(client, email="LEITUNG@sprachtreff.example")
    assert "Für diese E-Mail-Adresse gibt es schon ein Konto" in html(response)
    assert Organisation.objects.filter(name="Miteinander Gifhorn e. V.").count() == 0


def test_honeypot_stops_registration(client, db):
    response = register(client, homepage="https://spam.example")
    assert response.status_code == 200
    assert "Das Formular konnte nicht gesendet werden." in html(response)
    assert not User.objects.exists() and mail.outbox == []


def test_registration_is_rate_limited_per_address(client, db):
    for attempt in range(5):
        assert register(client, email=f"person{attempt}@verein.example",
                        organisation_name=f"Verein {attempt}").status_code == 302
    response = register(client, email="sechste@verein.example", organisation_name="Verein 6")
    assert response.status_code == 200
    assert "in der letzten Stunde schon 5 Registrierungen" in html(response)
    assert not User.objects.filter(email="sechste@verein.example").exists()
    assert len(mail.outbox) == 5
    elsewhere = client.post("/de/partner/registrieren/", {**REGISTRATION, "email": "anders@verein.example"},
                            REMOTE_ADDR="10.9.9.9")
    assert elsewhere.status_code == 302


def test_organisation_slug_never_hides_a_partner_area_page(client, db):
    register(client, organisation_name="Anmelden")
    organisation = Organisation.objects.get(name="Anmelden")
    assert organisation.slug != "anmelden"


# --- login, logout, password --------------------------------------------------------------------------------------

def test_login_page_is_on_the_public_layout_and_sets_no_extra_cookie(client, manager_a, org_a):
    page = client.get("/de/partner/anmelden/")
    assert 'class="skip-link"' in html(page) and "Passwort vergessen?" in html(page)
    response = client.post("/de/partner/anmelden/", {"username": manager_a.email, "password": "correct-horse-battery"})
    assert response["Location"] == f"/de/partner/{org_a.slug}/"
    assert set(response.cookies) <= {"sessionid", "csrftoken"}


def test_logout_only_by_post(client, manager_a):
    client.force_login(manager_a)
    assert client.get("/de/partner/abmelden/").status_code == 405
    response = client.post("/de/partner/abmelden/")
    assert response["Location"] == "/de/partner/"
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_in_the_users_language(client, manager_a):
    manager_a.language = "en"
    manager_a.save()
    response = client.post("/de/partner/passwort-vergessen/", {"email": manager_a.email})
    assert response["Location"] == "/de/partner/passwort-vergessen/gesendet/"
    assert mail.outbox[0].to == [manager_a.email]
    link = link_in(mail.outbox[0])
    assert link.startswith("/en/partner/passwort-neu/")
    form_page = client.get(link, follow=True)
    assert "Neues Passwort wählen" in html(form_page) or "new_password1" in html(form_page)
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Neues-Passwort-2025!",
                                                         "new_password2": "Neues-Passwort-2025!"})
    assert done["Location"] == "/en/partner/passwort-neu/fertig/"
    assert client.login(email=manager_a.email, password="Neues-Passwort-2025!")


def test_password_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(client, db):
    response = client.post("/de/partner/passwort-vergessen/", {"email": "unbekannt@verein.example"})
    assert response["Location"] == "/de/partner/passwort-vergessen/gesendet/"
    assert mail.outbox == []


def test_anonymous_dashboard_explains_the_partner_area(client, db):
    page = client.get("/de/partner/")
    assert page.status_code == 200
    assert 'href="/de/partner/anmelden/"' in html(page) and 'href="/de/partner/registrieren/"' in html(page)


def test_dashboard_keeps_the_phone_number_left_to_right_in_arabic(client, manager_a, org_a):
    """Digit groups in a right-to-left paragraph are laid out right to left: "05371 12345" would read "12345 05371"."""
    org_a.phone = "05371 12345"
    org_a.save()
    client.force_login(manager_a)
    assert '<span dir="ltr">05371 12345</span>' in html(client.get(f"/ar/partner/{org_a.slug}/"))


def test_protected_pages_send_anonymous_visitors_to_the_partner_login(client, org_a):
    response = client.get(f"/de/partner/{org_a.slug}/profil/")
    assert response["Location"] == f"/de/partner/anmelden/?next=/de/partner/{org_a.slug}/profil/"


# --- members ------------------------------------------------------------------------------------------------------

def test_manager_invites_a_colleague_who_sets_name_and_password(client, manager_a, org_a):
    client.force_login(manager_a)
    response = client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/",
                           {"email": "Neu@Sprachtreff.example", "role": "member"})
    assert response["Location"] == f"/de/partner/{org_a.slug}/mitglieder/"
    assert mail.outbox[0].to == ["neu@sprachtreff.example"]
    assert "Sprachtreff Gifhorn" in mail.outbox[0].subject
    link = link_in(mail.outbox[0])

    client.logout()
    page = client.get(link)
    assert 'name="password1"' in html(page)
    response = client.post(link, {"full_name": "Jonas Neumann", "password1": PASSWORD, "password2": PASSWORD})
    assert response["Location"] == f"/de/partner/{org_a.slug}/"
    colleague = User.objects.get(email="neu@sprachtreff.example")
    assert colleague.full_name == "Jonas Neumann" and colleague.is_active
    assert Membership.objects.get(user=colleague, organisation=org_a).role == Membership.Role.MEMBER
    assert client.get(response["Location"]).status_code == 200


def test_invited_person_with_an_account_gets_the_membership_after_logging_in(client, manager_a, org_a):
    other = build_organisation("Beratung Wittingen")
    existing = build_partner("berater@wittingen.example", other, role="manager")
    client.force_login(manager_a)
    client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/", {"email": existing.email, "role": "manager"})
    link = link_in(mail.outbox[0])
    client.logout()
    assert "Anmelden und Einladung annehmen" in html(client.get(link))
    assert client.post(link).status_code == 200  # not logged in: nothing happens
    assert not Membership.objects.filter(user=existing, organisation=org_a).exists()
    client.force_login(existing)
    response = client.post(link)
    assert response["Location"] == f"/de/partner/{org_a.slug}/"
    assert Membership.objects.get(user=existing, organisation=org_a).role == Membership.Role.MANAGER


def test_invitation_for_someone_else_is_not_accepted_by_the_logged_in_person(client, manager_a, member_a, org_a):
    client.force_login(manager_a)
    client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/", {"email": "dritte@verein.example",
                                                                   "role": "member"})
    invite_for_existing = link_in(mail.outbox[0])
    other = build_organisation("Jugendhilfe Brome")
    build_partner("dritte2@verein.example", other)
    client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/", {"email": "dritte2@verein.example",
                                                                   "role": "member"})
    link = link_in(mail.outbox[1])
    client.force_login(member_a)
    assert "Diese Einladung gilt für dritte2@verein.example" in html(client.get(link))
    client.post(link)
    assert not Membership.objects.filter(user__email="dritte2@verein.example", organisation=org_a).exists()
    assert invite_for_existing != link


def test_expired_invitation_says_so(client, manager_a, org_a):
    start = timezone.now()
    client.force_login(manager_a)
    with time_machine.travel(start, tick=False):
        client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/", {"email": "spaet@verein.example",
                                                                       "role": "member"})
    with time_machine.travel(start + timedelta(days=15), tick=False):
        client.logout()
        assert "Diese Einladung ist abgelaufen" in html(client.get(link_in(mail.outbox[0])))


def test_members_cannot_invite_or_remove(client, member_a, manager_a, org_a):
    client.force_login(member_a)
    assert client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/",
                       {"email": "x@verein.example", "role": "member"}).status_code == 403
    manager_membership = Membership.objects.get(user=manager_a)
    assert client.post(f"/de/partner/{org_a.slug}/mitglieder/{manager_membership.pk}/entfernen/").status_code == 403
    assert Membership.objects.filter(pk=manager_membership.pk).exists() and mail.outbox == []
    assert "Kollegin oder Kollegen einladen" not in html(client.get(f"/de/partner/{org_a.slug}/mitglieder/"))


def test_manager_removes_a_member(client, manager_a, member_a, org_a):
    client.force_login(manager_a)
    membership = Membership.objects.get(user=member_a)
    response = client.post(f"/de/partner/{org_a.slug}/mitglieder/{membership.pk}/entfernen/")
    assert response["Location"] == f"/de/partner/{org_a.slug}/mitglieder/"
    assert not Membership.objects.filter(pk=membership.pk).exists()
    client.force_login(member_a)
    assert client.get(f"/de/partner/{org_a.slug}/").status_code == 404


def test_last_manager_cannot_remove_themselves(client, manager_a, member_a, org_a):
    client.force_login(manager_a)
    own = Membership.objects.get(user=manager_a)
    page = client.post(f"/de/partner/{org_a.slug}/mitglieder/{own.pk}/entfernen/")
    assert page.status_code == 200 and "einzige Person mit der Rolle" in html(page)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_a_manager_may_leave_when_another_manager_remains(client, manager_a, org_a):
    build_partner("zweite@sprachtreff.example", org_a, role="manager")
    client.force_login(manager_a)
    own = Membership.objects.get(user=manager_a)
    assert client.post(f"/de/partner/{org_a.slug}/mitglieder/{own.pk}/entfernen/")["Location"] == "/de/partner/"
    assert not Membership.objects.filter(pk=own.pk).exists()


# --- profile ------------------------------------------------------------------------------------------------------

def hours_management(total, initial=0):
    return {"hours-TOTAL_FORMS": str(total), "hours-INITIAL_FORMS": str(initial), "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "21"}


def profile_data(organisation, **changes):
    data = {
        "name": organisation.name, "kind": organisation.kind,
        "description_de": html_to_text(organisation.description_de), "description_en": "",
        "street": "Schlossplatz 1", "postcode": "38518", "city": "Gifhorn", "latitude": "52.48",
        "longitude": "10.55", "phone": "05371 9999", "email": "info@sprachtreff.example",
        "website": "www.sprachtreff.example", "contact_person": "Ayşe Demir", "opening_notes_de": "",
        "opening_notes_en": "", "step_free": "yes", "logo_alt": "",
        **hours_management(2),
        "hours-0-weekday": "0", "hours-0-opens": "09:00", "hours-0-closes": "12:00",
        "hours-1-weekday": "", "hours-1-opens": "", "hours-1-closes": "",
    }
    data.update(changes)
    return data


def test_profile_of_an_unpublished_organisation_is_saved_directly(client, org_a, manager_a):
    org_a.status = Status.SUBMITTED
    org_a.save()
    client.force_login(manager_a)
    text = "Wir bieten Deutschkurse.\n\n- Montag: Anfänger\n- Mittwoch: Fortgeschrittene"
    response = client.post(f"/de/partner/{org_a.slug}/profil/",
                           profile_data(org_a, description_de=text, description_en="German classes."))
    assert response["Location"] == f"/de/partner/{org_a.slug}/"
    org_a.refresh_from_db()
    assert org_a.description_de == ("<p>Wir bieten Deutschkurse.</p>"
                                    "<ul><li>Montag: Anfänger</li><li>Mittwoch: Fortgeschrittene</li></ul>")
    assert org_a.description_en == "<p>German classes.</p>"
    assert org_a.website == "https://www.sprachtreff.example" and org_a.postcode == "38518"
    assert [str(row) for row in org_a.opening_hours.all()] == ["Montag 09:00–12:00"]
    assert not PendingChange.objects.exists() and mail.outbox == []


def test_profile_form_shows_stored_rich_text_as_plain_text_and_keeps_it_when_unchanged(client, org_a, manager_a):
    org_a.status = Status.DRAFT
    org_a.description_de = "<h2>Kurse</h2><p>Am <strong>Abend</strong>.</p>"
    org_a.save()
    client.force_login(manager_a)
    page = html(client.get(f"/de/partner/{org_a.slug}/profil/"))
    assert "Kurse\n\nAm Abend." in page
    client.post(f"/de/partner/{org_a.slug}/profil/", profile_data(org_a, city="Gifhorn-Süd"))
    org_a.refresh_from_db()
    assert org_a.description_de == "<h2>Kurse</h2><p>Am <strong>Abend</strong>.</p>"
    assert org_a.city == "Gifhorn-Süd"


def test_opening_hours_rows_can_be_added_changed_and_removed(client, org_a, manager_a):
    OpeningHours.objects.create(organisation=org_a, weekday=0, opens="09:00", closes="12:00")
    OpeningHours.objects.create(organisation=org_a, weekday=2, opens="14:00", closes="16:00")
    org_a.status = Status.DRAFT
    org_a.save()
    client.force_login(manager_a)
    data = profile_data(org_a, **hours_management(3, initial=2))
    data.update({"hours-0-weekday": "0", "hours-0-opens": "09:00", "hours-0-closes": "13:00",
                 "hours-1-weekday": "2", "hours-1-opens": "14:00", "hours-1-closes": "16:00",
                 "hours-1-DELETE": "on",
                 "hours-2-weekday": "4", "hours-2-opens": "10:00", "hours-2-closes": "11:30"})
    assert client.post(f"/de/partner/{org_a.slug}/profil/", data).status_code == 302
    assert [str(row) for row in org_a.opening_hours.all()] == ["Montag 09:00–13:00", "Freitag 10:00–11:30"]


def test_profile_change_of_a_published_organisation_waits_for_review(client, org_a, manager_a, editor):
    client.force_login(manager_a)
    response = client.post(f"/de/partner/{org_a.slug}/profil/",
                           profile_data(org_a, description_de="Jetzt auch Kurse am Vormittag."))
    assert response["Location"] == f"/de/partner/{org_a.slug}/"
    org_a.refresh_from_db()
    assert org_a.description_de == "<p>Deutschkurse am Abend.</p>"
    change = PendingChange.objects.open().for_object(org_a).get()
    assert change.author == manager_a
    assert change.data["description_de"] == "<p>Jetzt auch Kurse am Vormittag.</p>"
    assert change.data["latitude"] == "52.48" and change.data["opening_hours"] == [
        {"weekday": 0, "opens": "09:00", "closes": "12:00"}]
    assert "name" not in change.data  # unchanged fields are not proposed
    public = html(client.get(f"/de/angebote/{org_a.slug}/"))
    assert "Deutschkurse am Abend." in public and "Vormittag" not in public
    assert "wartet auf Prüfung" in html(client.get(f"/de/partner/{org_a.slug}/"))
    assert [m.to for m in mail.outbox] == [[settings.STAFF_NOTIFICATION_EMAIL]]
    assert "description_de" in mail.outbox[0].body

    # Editing again continues from the proposal and replaces it: still one open change, one more staff mail.
    assert "Jetzt auch Kurse am Vormittag." in html(client.get(f"/de/partner/{org_a.slug}/profil/"))
    client.post(f"/de/partner/{org_a.slug}/profil/",
                profile_data(org_a, description_de="Kurse am Vormittag und am Abend."))
    change = PendingChange.objects.open().for_object(org_a).get()
    assert change.data["description_de"] == "<p>Kurse am Vormittag und am Abend.</p>"
    assert len(mail.outbox) == 2


def test_approved_profile_change_goes_live(client, org_a, manager_a, editor):
    client.force_login(manager_a)
    data = profile_data(org_a, description_de="Jetzt auch Kurse am Vormittag.")
    OpeningHours.objects.create(organisation=org_a, weekday=0, opens="09:00", closes="12:00")
    data.update(hours_management(2, initial=1))
    client.post(f"/de/partner/{org_a.slug}/profil/", data)
    change = PendingChange.objects.open().for_object(org_a).get()
    assert "opening_hours" not in change.data
    change.approve(editor)
    assert "Kurse am Vormittag" in html(client.get(f"/de/angebote/{org_a.slug}/"))


def test_approved_profile_change_applies_opening_hours(client, org_a, manager_a, editor):
    client.force_login(manager_a)
    client.post(f"/de/partner/{org_a.slug}/profil/", profile_data(org_a))
    change = PendingChange.objects.open().for_object(org_a).get()
    assert ("Öffnungszeiten", "", "Montag 09:00–12:00") in [tuple(map(str, row)) for row in change.differences()]
    change.approve(editor)
    assert [str(row) for row in org_a.opening_hours.all()] == ["Montag 09:00–12:00"]


def test_resetting_a_proposal_to_the_published_values_withdraws_it(client, org_a, manager_a):
    client.force_login(manager_a)
    client.post(f"/de/partner/{org_a.slug}/profil/", profile_data(org_a, description_de="Neu."))
    assert PendingChange.objects.open().exists()
    org_a.refresh_from_db()
    unchanged = {
        "name": org_a.name, "kind": org_a.kind, "description_de": "Deutschkurse am Abend.",
        "description_en": "", "street": "", "postcode": "", "city": "", "latitude": "", "longitude": "",
        "phone": "", "email": "", "website": "", "contact_person": "", "opening_notes_de": "",
        "opening_notes_en": "", "step_free": org_a.step_free, "logo_alt": "", **hours_management(0),
    }
    client.post(f"/de/partner/{org_a.slug}/profil/", unchanged)
    assert not PendingChange.objects.exists()


def test_logo_upload_is_verified_and_re_encoded(client, org_a, manager_a):
    org_a.status = Status.DRAFT
    org_a.save()
    client.force_login(manager_a)
    data = profile_data(org_a, logo_file=png_upload(), logo_alt="Logo des Sprachtreffs")
    assert client.post(f"/de/partner/{org_a.slug}/profil/", data).status_code == 302
    org_a.refresh_from_db()
    assert org_a.logo.alt_text_de == "Logo des Sprachtreffs" and org_a.logo.file.name.endswith(".jpg")


def test_svg_logo_and_logo_without_description_are_refused(client, org_a, manager_a):
    client.force_login(manager_a)
    from django.core.files.uploadedfile import SimpleUploadedFile

    svg = SimpleUploadedFile("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>', "image/svg+xml")
    page = html(client.post(f"/de/partner/{org_a.slug}/profil/", profile_data(org_a, logo_file=svg,
                                                                               logo_alt="Logo")))
    assert "SVG- und andere Vektor- oder Textdateien sind nicht erlaubt." in page
    page = html(client.post(f"/de/partner/{org_a.slug}/profil/", profile_data(org_a, logo_file=png_upload())))
    assert "Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist." in page
    assert not Image.objects.exists() and not PendingChange.objects.exists()


# --- projects -----------------------------------------------------------------------------------------------------

PROJECT = {
    "title_de": "Sprachpatenschaften", "title_en": "", "summary_de": "Ehrenamtliche üben Deutsch mit Neuen.",
    "summary_en": "", "description_de": "Einmal pro Woche.", "description_en": "", "starts_on": "01.09.2025",
    "ends_on": "31.08.2026", "phase": "planned", "funding_de": "", "funding_en": "", "contact_name": "Ayşe Demir",
    "contact_email": "projekt@sprachtreff.example", "contact_phone": "", "image_alt": "",
}


def test_project_draft_submit_changes_requested_and_resubmit(client, org_a, manager_a, member_a, editor):
    client.force_login(member_a)
    response = client.post(f"/de/partner/{org_a.slug}/projekte/neu/", PROJECT)
    assert response["Location"] == f"/de/partner/{org_a.slug}/"
    project = Project.objects.get(title_de="Sprachpatenschaften")
    assert (project.status, project.lead_organisation, project.author) == (Status.DRAFT, org_a, member_a)
    assert project.slug == "sprachpatenschaften" and str(project.starts_on) == "2025-09-01"
    assert client.get(f"/de/projekte/{project.slug}/").status_code == 404
    preview = client.get(f"/de/partner/{org_a.slug}/projekte/{project.slug}/vorschau/")
    assert preview.status_code == 200 and "Sprachpatenschaften" in html(preview)

    response = client.post(f"/de/partner/{org_a.slug}/projekte/{project.slug}/einreichen/")
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
    assert [m.to for m in mail.outbox] == [[settings.STAFF_NOTIFICATION_EMAIL]]
    assert "Sprachpatenschaften" in mail.outbox[0].subject

    project.apply_transition(Transition.REQUEST_CHANGES, editor, "Bitte nennen Sie die Förderung.")
    assert mail.outbox[-1].to == [member_a.email]
    dashboard = html(client.get(f"/de/partner/{org_a.slug}/"))
    assert "Bitte nennen Sie die Förderung." in dashboard and "Änderungen erbeten" in dashboard

    client.post(f"/de/partner/{org_a.slug}/projekte/{project.slug}/bearbeiten/",
                {**PROJECT, "funding_de": "Land Niedersachsen"})
    client.post(f"/de/partner/{org_a.slug}/projekte/{project.slug}/einreichen/")
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED and project.funding_de == "Land Niedersachsen"
    assert len([m for m in mail.outbox if m.to == [settings.STAFF_NOTIFICATION_EMAIL]]) == 2


def test_end_before_start_is_refused_with_the_values_kept(client, org_a, member_a):
    client.force_login(member_a)
    page = client.post(f"/de/partner/{org_a.slug}/projekte/neu/", {**PROJECT, "ends_on": "01.01.2025"})
    assert "Das Ende liegt vor dem Beginn." in html(page)
    assert 'value="01.01.2025"' in html(page) and 'value="Sprachpatenschaften"' in html(page)
    assert not Project.objects.exists()


def test_edit_of_a_published_project_waits_for_review(client, org_a, member_a):
    project = build_project(org_a, "Elterncafé", status=Status.PUBLISHED)
    client.force_login(member_a)
    response = client.post(f"/de/partner/{org_a.slug}/projekte/{project.slug}/bearbeiten/",
                           {**PROJECT, "title_de": "Elterncafé", "summary_de": "Neue Kurzfassung."})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.summary_de == "Kurzfassung von Elterncafé"
    change = PendingChange.objects.open().for_object(project).get()
    assert change.data["summary_de"] == "Neue Kurzfassung." and change.data["starts_on"] == "2025-09-01"
    assert "Kurzfassung von Elterncafé" in html(client.get(f"/de/projekte/{project.slug}/"))
    assert mail.outbox[0].to == [settings.STAFF_NOTIFICATION_EMAIL]


def test_co_partner_invitation_accepted_appears_on_the_public_project_page(client, org_a, member_a):
    project = build_project(org_a, "Interkulturelle Woche", status=Status.PUBLISHED)
    org_b = build_organisation("Familienzentrum Meinersen")
    manager_b = build_partner("leitung@familienzentrum.example", org_b, role="manager")
    member_b = build_partner("team@familienzentrum.example", org_b)
    build_organisation("Entwurf e. V.", status=Status.DRAFT)

    client.force_login(member_a)
    page = html(client.get(f"/de/partner/{org_a.slug}/projekte/{project.slug}/partner/"))
    assert "Familienzentrum Meinersen" in page and "Entwurf e. V." not in page
    client.post(f"/de/partner/{org_a.slug}/projekte/{project.slug}/partner/", {"organisation": org_b.pk})
    partnership = ProjectPartner.objects.get(project=project, organisation=org_b)
    assert not partnership.accepted
    assert [m.to for m in mail.outbox] == [[manager_b.email]]
    assert "Familienzentrum Meinersen" not in html(client.get(f"/de/projekte/{project.slug}/"))

    client.force_login(member_b)
    dashboard = html(client.get(f"/de/partner/{org_b.slug}/"))
    assert "Interkulturelle Woche" in dashboard and f"/partnerschaften/{partnership.pk}/" in dashboard
    client.post(f"/de/partner/{org_b.slug}/partnerschaften/{partnership.pk}/", {"decision": "accept"})
    partnership.refresh_from_db()
    assert partnership.accepted
    assert "Familienzentrum Meinersen" in html(client.get(f"/de/projekte/{project.slug}/"))


def test_co_partner_invitation_declined_is_gone(client, org_a, member_a):
    project = build_project(org_a, "Interkulturelle Woche", status=Status.PUBLISHED)
    org_b = build_organisation("Familienzentrum Meinersen")
    member_b = build_partner("team@familienzentrum.example", org_b)
    partnership = ProjectPartner.objects.create(project=project, organisation=org_b)
    client.force_login(member_b)
    client.post(f"/de/partner/{org_b.slug}/partnerschaften/{partnership.pk}/", {"decision": "decline"})
    assert not ProjectPartner.objects.exists()


def test_lead_cannot_invite_itself_or_an_unpublished_organisation(client, org_a, member_a):
    project = build_project(org_a, "Interkulturelle Woche")
    draft = build_organisation("Entwurf e. V.", status=Status.DRAFT)
    client.force_login(member_a)
    for choice in (org_a.pk, draft.pk, "kein-wert"):
        page = client.post(f"/de/partner/{org_a.slug}/projekte/{project.slug}/partner/", {"organisation": choice})
        assert page.status_code == 200 and "Diese Organisation können Sie nicht einladen." in html(page)
    assert not ProjectPartner.objects.exists()


# --- every form in its error state --------------------------------------------------------------------------------

@pytest.mark.parametrize("url,data,kept,error", [
    ("/de/partner/registrieren/", {**REGISTRATION, "password2": "anders-als-vorher", "consent": ""},
     'value="Miteinander Gifhorn e. V."', "Die beiden Passwörter stimmen nicht überein."),
    ("/de/partner/registrieren/", {**REGISTRATION, "email": "kein-at-zeichen", "password1": "12345678901234",
                                   "password2": "12345678901234"},
     'value="kein-at-zeichen"', "Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."),
    ("/de/partner/anmelden/", {"username": "jemand@verein.example", "password": "falsch"},
     'value="jemand@verein.example"', "Die E-Mail-Adresse oder das Passwort stimmt nicht."),
    ("/de/partner/passwort-vergessen/", {"email": "kaputt@"}, 'value="kaputt@"',
     "Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."),
    ("/de/partner/registrieren/neuer-link/", {"email": "kaputt@"}, 'value="kaputt@"',
     "Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."),
])
def test_public_forms_keep_values_and_show_the_error_summary(client, db, url, data, kept, error):
    response = client.post(url, data)
    page = html(response)
    assert response.status_code == 200
    assert '<div class="error-summary"' in page and "<title>Fehler:" in page
    assert kept in page and error in page


@pytest.mark.parametrize("path,data,kept,error", [
    ("mitglieder/einladen/", {"email": "x@", "role": "member"}, 'value="x@"',
     "Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."),
    ("mitglieder/einladen/", {"email": "mitglied@sprachtreff.example", "role": "member"},
     'value="mitglied@sprachtreff.example"', "Diese Person gehört schon zu Ihrer Organisation."),
    ("profil/", "profile:postcode", 'value="3851"', "Eine Postleitzahl hat fünf Ziffern"),
    ("profil/", "profile:hours", 'value="18:00"', "Das Ende muss nach dem Beginn liegen."),
    ("profil/", "profile:latitude", 'value="Gifhorn"', "Bitte geben Sie eine Zahl wie 52.48 ein."),
    ("projekte/neu/", {**PROJECT, "title_de": ""}, 'value="01.09.2025"', "Bitte geben Sie einen Titel auf Deutsch"),
    ("projekte/neu/", {**PROJECT, "starts_on": "im Herbst"}, 'value="im Herbst"',
     "Bitte geben Sie ein Datum wie 01.09.2025 ein."),
])
def test_partner_forms_keep_values_and_show_the_error_summary(client, org_a, manager_a, member_a, path, data,
                                                              kept, error):
    if data == "profile:postcode":
        data = profile_data(org_a, postcode="3851")
    elif data == "profile:hours":
        data = profile_data(org_a, **{"hours-0-opens": "18:00", "hours-0-closes": "09:00"})
    elif data == "profile:latitude":
        data = profile_data(org_a, latitude="Gifhorn")
    client.force_login(manager_a)
    response = client.post(f"/de/partner/{org_a.slug}/{path}", data)
    page = html(response)
    assert response.status_code == 200
    assert '<div class="error-summary"' in page and "<title>Fehler:" in page
    assert kept in page and error in page


def test_invitation_form_keeps_the_name_when_the_passwords_differ(client, manager_a, org_a):
    client.force_login(manager_a)
    client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/", {"email": "neu@verein.example", "role": "member"})
    client.logout()
    page = html(client.post(link_in(mail.outbox[0]), {"full_name": "Jonas Neumann", "password1": PASSWORD,
                                                      "password2": PASSWORD + "x"}))
    assert '<div class="error-summary"' in page and 'value="Jonas Neumann"' in page
    assert "Die beiden Passwörter stimmen nicht überein." in page
    assert not User.objects.filter(email="neu@verein.example").exists()


def test_overlong_input_is_refused_without_a_server_error(client, db):
    response = register(client, organisation_name="x" * 5000, full_name="y" * 5000)
    assert response.status_code == 200 and '<div class="error-summary"' in html(response)


@pytest.mark.parametrize("text", ["Ein Absatz.", "Erster.\n\nZweiter\nmit Umbruch.", "- eins\n- zwei", "<b>&amp;</b>"])
def test_plain_text_round_trip(text):
    assert html_to_text(text_to_html(text)) == text


def test_failed_registration_attempts_do_not_count_towards_the_limit(client, db):
    for _attempt in range(6):
        assert register(client, password2="vertippt").status_code == 200
    assert register(client).status_code == 302


def test_a_removed_colleague_cannot_come_back_with_the_old_invitation(client, manager_a, org_a):
    client.force_login(manager_a)
    client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/", {"email": "neu@verein.example", "role": "member"})
    link = link_in(mail.outbox[0])
    client.logout()
    client.post(link, {"full_name": "Jonas Neumann", "password1": PASSWORD, "password2": PASSWORD})
    colleague = User.objects.get(email="neu@verein.example")
    Membership.objects.get(user=colleague).delete()
    client.force_login(colleague)
    assert "Diese Einladung gilt nicht mehr" in html(client.get(link))
    client.post(link)
    assert not Membership.objects.filter(user=colleague).exists()


def test_a_manager_sees_open_invitations_and_withdraws_one(client, manager_a, member_a, org_a):
    client.force_login(manager_a)
    for address in ("erste@verein.example", "zweite@verein.example", "erste@verein.example"):
        client.post(f"/de/partner/{org_a.slug}/mitglieder/einladen/", {"email": address, "role": "member"})
    first_link, second_link, newest_link = (link_in(message) for message in mail.outbox)
    page = html(client.get(f"/de/partner/{org_a.slug}/mitglieder/"))
    assert "Offene Einladungen" in page
    assert page.count('<th scope="row">erste@verein.example</th>') == 1  # the newest only
    second = Invitation.objects.get(email="zweite@verein.example")
    withdraw = f"/de/partner/{org_a.slug}/mitglieder/einladungen/{second.pk}/zurueckziehen/"
    client.logout()
    assert client.post(withdraw)["Location"].startswith("/de/partner/anmelden/")
    client.force_login(member_a)  # a plain member may not
    assert client.post(withdraw).status_code == 403 and Invitation.objects.filter(pk=second.pk).exists()
    assert "Offene Einladungen" not in html(client.get(f"/de/partner/{org_a.slug}/mitglieder/"))
    client.force_login(manager_a)
    assert client.get(withdraw).status_code == 405  # a link alone withdraws nothing
    response = client.post(withdraw)
    assert response["Location"] == f"/de/partner/{org_a.slug}/mitglieder/"
    assert "Die Einladung an zweite@verein.example gilt nicht mehr." in html(client.get(response["Location"]))
    client.logout()
    for link in (first_link, second_link):  # replaced by a newer one, withdrawn
        assert "Diese Einladung gilt nicht mehr" in html(client.get(link))
    assert 'name="password1"' in html(client.get(newest_link))
    other = build_organisation("Beratung Wittingen")
    foreign = Invitation.objects.create(organisation=other, email="x@wittingen.example")
    client.force_login(manager_a)  # another organisation's invitation is not found from here
    assert client.post(f"/de/partner/{org_a.slug}/mitglieder/einladungen/{foreign.pk}/zurueckziehen/"
                       ).status_code == 404


def test_expired_invitations_are_deleted_by_the_nightly_clean_up(manager_a, org_a):
    from django.core.management import call_command

    start = timezone.now()
    with time_machine.travel(start - timedelta(days=15), tick=False):
        Invitation.objects.create(organisation=org_a, email="alt@verein.example")
    Invitation.objects.create(organisation=org_a, email="neu@verein.example")
    call_command("delete_unconfirmed_registrations", stdout=open(os.devnull, "w"))
    assert list(Invitation.objects.values_list("email", flat=True)) == ["neu@verein.example"]


def test_a_line_break_in_a_name_does_not_break_the_staff_mail(client, org_a, member_a):
    client.force_login(member_a)
    client.post(f"/de/partner/{org_a.slug}/projekte/neu/", {**PROJECT, "title_de": "Zeile eins\nZeile zwei"})
    project = Project.objects.get()
    assert client.post(f"/de/partner/{org_a.slug}/projekte/{project.slug}/einreichen/").status_code == 302
    assert "Zeile eins Zeile zwei" in mail.outbox[0].subject
