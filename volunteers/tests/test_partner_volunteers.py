"""The partner side of volunteering: opportunities through the life cycle, the organisation's sign-ups, the hours log
and the yearly report for the Kompetenznachweis Ehrenamt Niedersachsen."""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from portal.models import PendingChange, SpokenLanguage
from portal.workflow import Status, Transition
from projects.tests import build_organisation, build_partner
from volunteers.models import HoursEntry, Opportunity, SignUp, Volunteer

from .conftest import SIGN_UP

LAST_YEAR = timezone.localdate().year - 1


def confirmed_sign_up(opportunity, name="Amira Haddad", email="amira@beispiel.example", language="de", **fields):
    """A sign-up whose address is confirmed, as the double opt-in leaves it."""
    volunteer, _created = Volunteer.objects.get_or_create(email=email, defaults={"name": name, "language": language})
    sign_up = SignUp.objects.create(opportunity=opportunity, volunteer=volunteer, name=name, email=email,
                                    language=language, consent_at=timezone.now(), **fields)
    sign_up.confirm()
    return sign_up


def build_opportunity(organisation, title, status=Status.PUBLISHED, **fields):
    from django.utils.text import slugify

    return Opportunity.objects.create(organisation=organisation, title_de=title, slug=slugify(title), status=status,
                                      description_de=f"<p>{title}</p>", **fields)


def base(org):
    return f"/de/partner/{org.slug}/ehrenamt/"


@pytest.fixture
def org(db):
    return build_organisation("Sprachtreff Gifhorn", email="info@sprachtreff.example", street="Steinweg 1",
                              postcode="38518", city="Gifhorn")


@pytest.fixture
def member(org):
    return build_partner("mitglied@sprachtreff.example", org)


@pytest.fixture
def manager(org):
    return build_partner("leitung@sprachtreff.example", org, role="manager")


@pytest.fixture
def partner(client, member):
    client.force_login(member)
    return client


OPPORTUNITY = {
    "title_de": "Hausaufgabenhilfe in Wittingen", "title_en": "", "description_de": "Kinder beim Lernen begleiten.",
    "description_en": "", "kind": "regular", "time_needed_de": "2 Stunden pro Woche", "topic": "",
    "municipality": "", "requirements_de": "", "starts_on": "", "ends_on": "", "volunteers_wanted": "3",
}


def opportunity_data(**changes):
    expires = (timezone.localdate() + timedelta(days=90)).strftime("%d.%m.%Y")
    return {**OPPORTUNITY, "expires_on": expires, **changes}


# --- opportunities -----------------------------------------------------------------------------------------------

def test_create_submit_publish_and_the_board_shows_it(partner, org, member, editor):
    response = partner.post(base(org) + "angebote/neu/", opportunity_data())
    assert response.status_code == 302 and response["Location"] == base(org)
    opportunity = Opportunity.objects.get()
    assert (opportunity.status, opportunity.author, opportunity.organisation) == (Status.DRAFT, member, org)
    assert opportunity.slug == "hausaufgabenhilfe-in-wittingen"
    assert opportunity.description_de == "<p>Kinder beim Lernen begleiten.</p>"
    assert opportunity.volunteers_wanted == 3
    assert "Hausaufgabenhilfe" not in partner.get("/de/ehrenamtsboerse/").content.decode()

    listing = partner.get(base(org)).content.decode()
    assert "Hausaufgabenhilfe in Wittingen" in listing and "status-tag--draft" in listing
    preview = partner.get(base(org) + f"angebote/{opportunity.slug}/vorschau/")
    assert preview.status_code == 200
    assert "Nur Ihre Organisation und die Stabsstelle sehen ihn" in preview.content.decode()

    assert partner.get(base(org) + f"angebote/{opportunity.slug}/einreichen/").status_code == 200
    partner.post(base(org) + f"angebote/{opportunity.slug}/einreichen/")
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED
    staff_mail = mail.outbox[-1]
    assert staff_mail.to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert "Hausaufgabenhilfe in Wittingen" in staff_mail.subject and "Sprachtreff Gifhorn" in staff_mail.body
    assert f"/admin/volunteers/opportunity/{opportunity.pk}/change/" in staff_mail.body

    opportunity.apply_transition(Transition.PUBLISH, editor)
    assert mail.outbox[-1].to == [member.email]  # the decision goes to the author
    board = partner.get("/de/ehrenamtsboerse/").content.decode()
    assert "Hausaufgabenhilfe in Wittingen" in board
    # once published it can no longer be "submitted"
    partner.post(base(org) + f"angebote/{opportunity.slug}/einreichen/")
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


def test_changes_requested_shows_the_staff_message_and_may_be_resubmitted(partner, org, editor):
    opportunity = build_opportunity(org, "Fahrdienst", status=Status.SUBMITTED)
    opportunity.apply_transition(Transition.REQUEST_CHANGES, editor, "Bitte nennen Sie den Ort.")
    listing = partner.get(base(org)).content.decode()
    assert "Bitte nennen Sie den Ort." in listing and "Zur Prüfung einreichen" in listing
    partner.post(base(org) + "angebote/fahrdienst/einreichen/")
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED


def test_invalid_opportunity_keeps_the_input_and_stores_nothing(partner, org):
    response = partner.post(base(org) + "angebote/neu/", opportunity_data(
        title_de="", description_de="", starts_on="01.09.2030", ends_on="01.08.2030", volunteers_wanted="0",
        expires_on="01.01.2000"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Fehler:" in html and 'class="error-summary"' in html
    for message in ("Bitte geben Sie einen Titel auf Deutsch ein.", "Bitte beschreiben Sie, wobei Ehrenamtliche",
                    "Das Ende liegt vor dem Beginn.", "Bitte suchen Sie mindestens eine Person.",
                    "Dieses Datum liegt in der Vergangenheit."):
        assert message in html, message
    assert 'value="2 Stunden pro Woche"' in html
    assert not Opportunity.objects.exists()


def test_a_slug_that_would_hide_another_page_is_avoided(partner, org):
    partner.post(base(org) + "angebote/neu/", opportunity_data(title_de="Fortbildungen"))
    assert Opportunity.objects.get().slug != "fortbildungen"


def test_editing_a_published_opportunity_waits_for_review(partner, org, member, editor):
    opportunity = build_opportunity(org, "Sprachpatenschaft", expires_on=timezone.localdate() + timedelta(days=30))
    form = partner.get(base(org) + "angebote/sprachpatenschaft/bearbeiten/").content.decode()
    assert "Ihre Änderungen prüft die Stabsstelle Integration" in form
    expires = opportunity.expires_on.strftime("%d.%m.%Y")
    response = partner.post(base(org) + "angebote/sprachpatenschaft/bearbeiten/", opportunity_data(
        title_de="Sprachpatenschaft für Familien", description_de="Sprachpatenschaft", expires_on=expires,
        time_needed_de="", volunteers_wanted="1"))
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title_de == "Sprachpatenschaft"  # the published version stays live
    change = PendingChange.objects.open().for_object(opportunity).get()
    assert change.data == {"title_de": "Sprachpatenschaft für Familien"}  # only what changed
    assert change.author == member
    assert "Änderungsvorschlag" in mail.outbox[-1].subject and mail.outbox[-1].to == [settings.STAFF_NOTIFICATION_EMAIL]
    assert "Sprachpatenschaft für Familien" not in partner.get(opportunity.get_absolute_url()).content.decode()
    # the form shows the proposal; the list says it waits
    assert 'value="Sprachpatenschaft für Familien"' in partner.get(
        base(org) + "angebote/sprachpatenschaft/bearbeiten/").content.decode()
    assert "wartet auf Prüfung" in partner.get(base(org)).content.decode()
    change.approve(editor)
    opportunity.refresh_from_db()
    assert opportunity.title_de == "Sprachpatenschaft für Familien"


def test_preview_never_sends_a_sign_up(partner, org):
    opportunity = build_opportunity(org, "Lesepatenschaft")
    response = partner.post(base(org) + "angebote/lesepatenschaft/vorschau/", SIGN_UP)
    assert response.status_code == 200
    assert "Das ist eine Vorschau" in response.content.decode()
    assert not SignUp.objects.filter(opportunity=opportunity).exists() and not mail.outbox


# --- sign-ups ------------------------------------------------------------------------------------------------------

def links_in(message):
    return re.findall(r"http://testserver(/\S+)", message.body)


def test_only_confirmed_sign_ups_reach_the_organisation(client, org, member):
    opportunity = build_opportunity(org, "Sprachcafé")
    client.post("/de/ehrenamtsboerse/sprachcafe/", {**SIGN_UP, "name": "Bestätigte Person",
                                                     "email": "bestaetigt@beispiel.example"})
    confirm_path = links_in(mail.outbox[0])[0]
    client.post(confirm_path)
    client.post("/de/ehrenamtsboerse/sprachcafe/", {**SIGN_UP, "name": "Unbestätigte Person",
                                                     "email": "offen@beispiel.example"})
    confirmed = SignUp.objects.get(email="bestaetigt@beispiel.example")
    unconfirmed = SignUp.objects.get(email="offen@beispiel.example")
    assert confirmed.opportunity == opportunity

    client.force_login(member)
    listing = client.get(base(org) + "anmeldungen/").content.decode()
    assert "Bestätigte Person" in listing and "Unbestätigte Person" not in listing
    assert "Anmeldungen für „Sprachcafé“" in listing
    detail = client.get(base(org) + f"anmeldungen/{confirmed.pk}/")
    html = detail.content.decode()
    assert detail.status_code == 200
    assert "bestaetigt@beispiel.example" in html and "dienstags" in html and "Ich spreche Arabisch." in html
    assert client.get(base(org) + f"anmeldungen/{unconfirmed.pk}/").status_code == 404
    # the dashboard of the organisation lists the new sign-up
    dashboard = client.get(f"/de/partner/{org.slug}/").content.decode()
    assert "1 neue Anmeldung" in dashboard and "Bestätigte Person" in dashboard
    assert "Unbestätigte Person" not in dashboard

    confirmed.withdraw()
    assert "Bestätigte Person" not in client.get(base(org) + "anmeldungen/").content.decode()
    assert client.get(base(org) + f"anmeldungen/{confirmed.pk}/").status_code == 404


def test_sign_up_list_filters_by_opportunity_and_state_and_ignores_nonsense(partner, org):
    cafe, fahrdienst = build_opportunity(org, "Sprachcafé"), build_opportunity(org, "Fahrdienst")
    confirmed_sign_up(cafe, name="Person Eins", email="eins@beispiel.example")
    accepted = confirmed_sign_up(fahrdienst, name="Person Zwei", email="zwei@beispiel.example")
    accepted.accept()
    html = partner.get(base(org) + "anmeldungen/?angebot=fahrdienst").content.decode()
    assert "Person Zwei" in html and "Person Eins" not in html
    html = partner.get(base(org) + "anmeldungen/?status=new").content.decode()
    assert "Person Eins" in html and "Person Zwei" not in html
    response = partner.get(base(org) + "anmeldungen/?status=%00&angebot=gibt-es-nicht&seite=abc")
    assert response.status_code == 200
    assert "Person Eins" in response.content.decode() and "Person Zwei" in response.content.decode()


def test_accept_and_decline_mail_the_volunteer_in_their_language(partner, org):
    opportunity = build_opportunity(org, "Sprachpatenschaft", title_en="Language buddy")
    sign_up = confirmed_sign_up(opportunity, name="Olena", email="olena@beispiel.example", language="en")
    mail.outbox.clear()
    url = base(org) + f"anmeldungen/{sign_up.pk}/"
    response = partner.post(url, {"action": "accept"})
    assert response.status_code == 302
    sign_up.refresh_from_db()
    assert sign_up.state == SignUp.State.ACCEPTED and sign_up.decided_at is not None
    message = mail.outbox[-1]
    assert message.to == ["olena@beispiel.example"]
    assert "Language buddy" in message.subject and "Sprachpatenschaft" not in message.subject
    assert "Kind regards" in message.body and "Mit freundlichen Grüßen" not in message.body
    assert "Language buddy" in message.body  # the opportunity in the volunteer's language, too

    partner.post(url, {"action": "accept"})  # twice: nothing changes, no second mail
    assert len(mail.outbox) == 1
    partner.post(url, {"action": "decline"})
    sign_up.refresh_from_db()
    assert sign_up.state == SignUp.State.DECLINED and len(mail.outbox) == 2
    assert mail.outbox[-1].to == ["olena@beispiel.example"]


def test_note_contact(partner, org):
    sign_up = confirmed_sign_up(build_opportunity(org, "Sprachcafé"))
    assert sign_up.contact_made_at is None
    partner.post(base(org) + f"anmeldungen/{sign_up.pk}/", {"action": "contact"})
    sign_up.refresh_from_db()
    assert sign_up.contact_made_at is not None and sign_up.state == SignUp.State.NEW
    assert not mail.outbox  # noting contact mails nobody
    html = partner.get(base(org) + f"anmeldungen/{sign_up.pk}/").content.decode()
    assert "Erneut Kontakt aufgenommen" in html


def test_a_bad_action_changes_nothing(partner, org):
    sign_up = confirmed_sign_up(build_opportunity(org, "Sprachcafé"))
    partner.post(base(org) + f"anmeldungen/{sign_up.pk}/", {"action": "delete"})
    sign_up.refresh_from_db()
    assert sign_up.state == SignUp.State.NEW and sign_up.contact_made_at is None


# --- hours -------------------------------------------------------------------------------------------------------

def hours_data(volunteer, **changes):
    return {"volunteer": volunteer.pk, "date": f"14.03.{LAST_YEAR}", "hours": "1,5",
            "activity": "Hausaufgabenhilfe", "opportunity": "", **changes}


def test_log_hours_list_and_delete_own_entry(partner, org, member):
    opportunity = build_opportunity(org, "Hausaufgabenhilfe")
    volunteer = confirmed_sign_up(opportunity).volunteer
    form = partner.get(base(org) + f"stunden/eintragen/?person={volunteer.pk}").content.decode()
    assert f'<option value="{volunteer.pk}" selected>' in form
    response = partner.post(base(org) + "stunden/eintragen/", hours_data(volunteer, opportunity=opportunity.pk))
    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert (entry.volunteer, entry.organisation, entry.hours, entry.date, entry.created_by, entry.opportunity) == (
        volunteer, org, Decimal("1.5"), date(LAST_YEAR, 3, 14), member, opportunity)
    listing = partner.get(base(org) + "stunden/").content.decode()
    assert "Amira Haddad" in listing and "1,50" in listing and "Hausaufgabenhilfe" in listing
    assert f"stunden/nachweis/{volunteer.pk}/{LAST_YEAR}/" in listing

    assert partner.get(base(org) + f"stunden/{entry.pk}/loeschen/").status_code == 200
    partner.post(base(org) + f"stunden/{entry.pk}/loeschen/")
    assert not HoursEntry.objects.exists()


def test_a_member_may_not_delete_a_colleagues_entry_but_a_manager_may(client, org, member, manager):
    volunteer = confirmed_sign_up(build_opportunity(org, "Sprachcafé")).volunteer
    entry = HoursEntry.objects.create(volunteer=volunteer, organisation=org, date=date(LAST_YEAR, 5, 1),
                                      hours=Decimal(2), created_by=manager)
    client.force_login(member)
    assert client.post(base(org) + f"stunden/{entry.pk}/loeschen/").status_code == 403
    assert HoursEntry.objects.filter(pk=entry.pk).exists()
    own = HoursEntry.objects.create(volunteer=volunteer, organisation=org, date=date(LAST_YEAR, 5, 2),
                                    hours=Decimal(2), created_by=member)
    client.force_login(manager)
    client.post(base(org) + f"stunden/{own.pk}/loeschen/")
    assert not HoursEntry.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize(("value", "message"), [
    ("0", "Bitte geben Sie mindestens 0,25 Stunden (eine Viertelstunde) an."),
    ("25", "An einem Tag sind höchstens 24 Stunden möglich."),
    ("abc", "Bitte geben Sie die Stunden als Zahl an, zum Beispiel 2 oder 1,5."),
    ("", "Bitte geben Sie an, wie viele Stunden die Person geholfen hat."),
    ("1,333", "Bitte geben Sie höchstens zwei Nachkommastellen an"),
    ("NaN", "Bitte geben Sie die Stunden als Zahl an"),
])
def test_bad_hour_values_give_a_clear_error_and_store_nothing(partner, org, value, message):
    volunteer = confirmed_sign_up(build_opportunity(org, "Sprachcafé")).volunteer
    response = partner.post(base(org) + "stunden/eintragen/", hours_data(volunteer, hours=value))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<title>Fehler:" in html and 'href="#id_hours"' in html  # error summary links to the field
    assert f'value="{value}"' in html or value == ""
    assert not HoursEntry.objects.exists()


def test_more_than_24_hours_on_one_day_and_future_dates_are_refused(partner, org, member):
    volunteer = confirmed_sign_up(build_opportunity(org, "Sprachcafé")).volunteer
    HoursEntry.objects.create(volunteer=volunteer, organisation=org, date=date(LAST_YEAR, 3, 14), hours=20,
                              created_by=member)
    html = partner.post(base(org) + "stunden/eintragen/", hours_data(volunteer, hours="5")).content.decode()
    assert "schon 20 Stunden eingetragen" in html
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d.%m.%Y")
    html = partner.post(base(org) + "stunden/eintragen/", hours_data(volunteer, date=tomorrow)).content.decode()
    assert "Dieses Datum liegt in der Zukunft." in html
    assert HoursEntry.objects.count() == 1


def test_hours_only_for_people_who_signed_up_with_this_organisation(partner, org):
    other = build_organisation("Familienzentrum Meinersen")
    stranger = confirmed_sign_up(build_opportunity(other, "Elterncafé"), name="Fremde Person",
                                 email="fremd@beispiel.example").volunteer
    own_opportunity = build_opportunity(org, "Sprachcafé")
    unconfirmed = SignUp.objects.create(
        opportunity=own_opportunity, name="Noch Offen", email="offen@beispiel.example", consent_at=timezone.now(),
        volunteer=Volunteer.objects.create(email="offen@beispiel.example", name="Noch Offen"))
    declined = confirmed_sign_up(own_opportunity, name="Abgesagt", email="abgesagt@beispiel.example")
    declined.decline()
    page = partner.get(base(org) + "stunden/eintragen/").content.decode()
    assert "Fremde Person" not in page and "Noch Offen" not in page and "Abgesagt" not in page
    for volunteer in (stranger, unconfirmed.volunteer, declined.volunteer):
        html = partner.post(base(org) + "stunden/eintragen/", hours_data(volunteer)).content.decode()
        assert "Für diese Person können Sie keine Stunden eintragen." in html
    other_opportunity = Opportunity.objects.get(organisation=other)
    own = confirmed_sign_up(own_opportunity, name="Eigene Person", email="eigen@beispiel.example").volunteer
    html = partner.post(base(org) + "stunden/eintragen/",
                        hours_data(own, opportunity=other_opportunity.pk)).content.decode()
    assert "Bitte wählen Sie eines Ihrer Angebote." in html
    assert not HoursEntry.objects.exists()


# --- the yearly report -------------------------------------------------------------------------------------------

@pytest.fixture
def logged_year(org, member):
    """80.5 hours in the last year logged by `org`, one entry the year before and hours another organisation
    logged for the same person."""
    opportunity = build_opportunity(org, "Hausaufgabenhilfe")
    volunteer = confirmed_sign_up(opportunity, name="Amira Haddad").volunteer
    for month in range(1, 9):
        HoursEntry.objects.create(volunteer=volunteer, organisation=org, date=date(LAST_YEAR, month, 10), hours=10,
                                  activity="Lernhilfe", opportunity=opportunity, created_by=member)
    HoursEntry.objects.create(volunteer=volunteer, organisation=org, date=date(LAST_YEAR, 12, 1),
                              hours=Decimal("0.5"), activity="=HYPERLINK(\"http://evil\")", created_by=member)
    HoursEntry.objects.create(volunteer=volunteer, organisation=org, date=date(LAST_YEAR - 1, 6, 1), hours=3,
                              created_by=member)
    other = build_organisation("Familienzentrum Meinersen")
    HoursEntry.objects.create(volunteer=volunteer, organisation=other, date=date(LAST_YEAR, 6, 2), hours=7,
                              activity="Elterncafé von anderen")
    return volunteer


def test_yearly_report_page(partner, org, logged_year):
    response = partner.get(base(org) + f"stunden/nachweis/{logged_year.pk}/{LAST_YEAR}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html
    assert f"Nachweis über ehrenamtliches Engagement im Jahr {LAST_YEAR}" in html
    assert "Sprachtreff Gifhorn" in html and "Steinweg 1, 38518 Gifhorn" in html and "Amira Haddad" in html
    assert "<caption>Einsätze von Amira Haddad bei Sprachtreff Gifhorn" in html
    assert '<th scope="col">Stunden</th>' in html and '<th scope="row">' in html
    assert "<strong>80,50</strong>" in html
    assert "erreicht Amira Haddad die für den Kompetenznachweis Ehrenamt Niedersachsen nötigen mindestens 80" in html
    assert "Elterncafé von anderen" not in html  # only this organisation's hours
    assert html.count("Lernhilfe") == 8
    assert 'class="partner-bar"' not in html  # nothing of the partner area on the printout
    assert f"stunden/nachweis/{logged_year.pk}/{LAST_YEAR - 1}/" in html  # the other year is one click away


def test_yearly_report_below_the_threshold_says_what_is_missing(partner, org, logged_year):
    html = partner.get(base(org) + f"stunden/nachweis/{logged_year.pk}/{LAST_YEAR - 1}/").content.decode()
    assert "<strong>3</strong>" in html
    assert "mindestens 80 Stunden im Jahr nötig" in html and "fehlen 77 Stunden" in html
    assert "erreicht Amira Haddad" not in html


def test_yearly_report_csv(partner, org, logged_year):
    response = partner.get(base(org) + f"stunden/nachweis/{logged_year.pk}/{LAST_YEAR}/csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="stundennachweis-amira-haddad-{LAST_YEAR}.csv"' in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Ehrenamtliche Person;Organisation;Datum;Stunden;Tätigkeit;Ehrenamtsangebot"
    assert lines[1] == f"Amira Haddad;Sprachtreff Gifhorn;10.01.{LAST_YEAR};10,00;Lernhilfe;Hausaufgabenhilfe"
    assert len(lines) == 1 + 9 + 1
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[9][4] == "'=HYPERLINK(\"http://evil\")"  # kept as text: no formula runs in a spreadsheet
    assert lines[-1] == f"Amira Haddad;Sprachtreff Gifhorn;Summe {LAST_YEAR};80,50;;"
    assert "Elterncafé von anderen" not in raw.decode("utf-8-sig")


def test_report_for_a_year_outside_the_range_is_404(partner, org, logged_year):
    assert partner.get(base(org) + f"stunden/nachweis/{logged_year.pk}/1999/").status_code == 404
    assert partner.get(base(org) + f"stunden/nachweis/{logged_year.pk}/99999999/").status_code == 404


def test_the_sign_up_detail_shows_the_persons_hours_and_report(partner, org, logged_year):
    sign_up = SignUp.objects.get(volunteer=logged_year)
    html = partner.get(base(org) + f"anmeldungen/{sign_up.pk}/").content.decode()
    assert f"{LAST_YEAR}: 80,50 Stunden" in html
    assert f"stunden/nachweis/{logged_year.pk}/{LAST_YEAR}/" in html
    assert "Sprache der E-Mails an die Person" in html


def test_the_report_stays_after_the_person_withdrew(partner, org, logged_year):
    SignUp.objects.get(volunteer=logged_year).withdraw()
    assert partner.get(base(org) + f"stunden/nachweis/{logged_year.pk}/{LAST_YEAR}/").status_code == 200
    assert "Amira Haddad" not in partner.get(base(org) + "stunden/eintragen/").content.decode()


def test_dashboard_section_counts_opportunities(partner, org):
    build_opportunity(org, "Sprachcafé")
    build_opportunity(org, "Fahrdienst", status=Status.DRAFT)
    html = partner.get(f"/de/partner/{org.slug}/").content.decode()
    assert "Ihre Organisation hat 2 Ehrenamtsangebote im Portal" in html
    assert f'href="{base(org)}"' in html and "Keine neuen Anmeldungen." in html


def test_spoken_languages_appear_on_the_detail(partner, org):
    arabic = SpokenLanguage.objects.create(name="Arabisch", code="ar-test", slug="arabisch-test")
    sign_up = confirmed_sign_up(build_opportunity(org, "Sprachcafé"))
    sign_up.volunteer.spoken_languages.add(arabic)
    assert "Arabisch" in partner.get(base(org) + f"anmeldungen/{sign_up.pk}/").content.decode()
