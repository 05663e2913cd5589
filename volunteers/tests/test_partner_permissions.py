"""Who may open which volunteering page of the partner area. One table drives the test: every view, every role.

An organisation sees only its own opportunities, the confirmed sign-ups for them and the hours it logged itself.
Everybody else gets 404 — the page does not exist for them, so nothing about organisation A's volunteers leaks to
organisation B or to staff who are not members. A plain member on a manager's action gets 403. Anonymous visitors
and a volunteer who holds only the link from their mail are sent to the partner login; the volunteer's own link
still works.
"""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from portal import tokens
from portal.workflow import Status
from projects.tests import build_organisation, build_partner
from projects.tests.test_partner_permissions import (
    ADMIN,
    ANONYMOUS,
    EDITOR,
    MANAGER_A,
    MANAGER_B,
    MEMBER_A,
    TRANSLATOR,
)
from volunteers import services
from volunteers.models import HoursEntry, SignUp, Volunteer

from .test_partner_volunteers import build_opportunity, confirmed_sign_up

LINK_HOLDER = "volunteer_link_holder"
ROLES = [ANONYMOUS, MEMBER_A, MANAGER_A, MANAGER_B, TRANSLATOR, EDITOR, ADMIN, LINK_HOLDER]
NOT_LOGGED_IN = {ANONYMOUS, LINK_HOLDER}
EVERYBODY = set(ROLES)
A = {MEMBER_A, MANAGER_A}
B = {MANAGER_B}
NOBODY = set()
YEAR = 2024


def _a(w, **kwargs):
    return {"org": w.org_a.slug, **kwargs}


def _b(w, **kwargs):
    return {"org": w.org_b.slug, **kwargs}


# (url name, kwargs from the world, roles that get 200)
ACCESS = [
    # organisation A's pages
    ("partner_opportunity_list", lambda w: _a(w), A),
    ("partner_opportunity_create", lambda w: _a(w), A),
    ("partner_opportunity_edit", lambda w: _a(w, opportunity=w.draft_a.slug), A),
    ("partner_opportunity_edit", lambda w: _a(w, opportunity=w.opportunity_a.slug), A),
    ("partner_opportunity_submit", lambda w: _a(w, opportunity=w.draft_a.slug), A),
    ("partner_opportunity_preview", lambda w: _a(w, opportunity=w.draft_a.slug), A),
    ("partner_sign_up_list", lambda w: _a(w), A),
    ("partner_sign_up_detail", lambda w: _a(w, pk=w.sign_up_a.pk), A),
    ("partner_hours_list", lambda w: _a(w), A),
    ("partner_hours_create", lambda w: _a(w), A),
    ("partner_hours_delete", lambda w: _a(w, pk=w.hours_by_member_a.pk), A),
    ("partner_hours_delete", lambda w: _a(w, pk=w.hours_by_manager_a.pk), {MANAGER_A}),
    ("partner_yearly_report", lambda w: _a(w, volunteer=w.volunteer_a.pk, year=YEAR), A),
    ("partner_yearly_report_csv", lambda w: _a(w, volunteer=w.volunteer_a.pk, year=YEAR), A),
    # organisation B's own pages
    ("partner_opportunity_list", lambda w: _b(w), B),
    ("partner_opportunity_edit", lambda w: _b(w, opportunity=w.opportunity_b.slug), B),
    ("partner_sign_up_list", lambda w: _b(w), B),
    ("partner_sign_up_detail", lambda w: _b(w, pk=w.sign_up_b.pk), B),
    ("partner_hours_delete", lambda w: _b(w, pk=w.hours_b.pk), B),
    ("partner_yearly_report", lambda w: _b(w, volunteer=w.volunteer_both.pk, year=YEAR), B),
    # one organisation's slug combined with the other's things
    ("partner_opportunity_edit", lambda w: _b(w, opportunity=w.opportunity_a.slug), NOBODY),
    ("partner_opportunity_submit", lambda w: _b(w, opportunity=w.draft_a.slug), NOBODY),
    ("partner_opportunity_preview", lambda w: _b(w, opportunity=w.draft_a.slug), NOBODY),
    ("partner_opportunity_edit", lambda w: _a(w, opportunity=w.opportunity_b.slug), NOBODY),
    ("partner_opportunity_preview", lambda w: _a(w, opportunity=w.opportunity_b.slug), NOBODY),
    ("partner_sign_up_detail", lambda w: _b(w, pk=w.sign_up_a.pk), NOBODY),
    ("partner_sign_up_detail", lambda w: _a(w, pk=w.sign_up_b.pk), NOBODY),
    ("partner_hours_delete", lambda w: _b(w, pk=w.hours_by_member_a.pk), NOBODY),
    ("partner_hours_delete", lambda w: _a(w, pk=w.hours_b.pk), NOBODY),
    ("partner_yearly_report", lambda w: _b(w, volunteer=w.volunteer_a.pk, year=YEAR), NOBODY),
    ("partner_yearly_report_csv", lambda w: _b(w, volunteer=w.volunteer_a.pk, year=YEAR), NOBODY),
    ("partner_yearly_report", lambda w: _a(w, volunteer=w.volunteer_b.pk, year=YEAR), NOBODY),
    ("partner_yearly_report_csv", lambda w: _a(w, volunteer=w.volunteer_b.pk, year=YEAR), NOBODY),
    # sign-ups the organisation must never see: not confirmed, withdrawn
    ("partner_sign_up_detail", lambda w: _a(w, pk=w.unconfirmed_a.pk), NOBODY),
    ("partner_sign_up_detail", lambda w: _a(w, pk=w.withdrawn_a.pk), NOBODY),
    ("partner_yearly_report", lambda w: _a(w, volunteer=w.unconfirmed_a.volunteer_id, year=YEAR), NOBODY),
    ("partner_yearly_report", lambda w: _a(w, volunteer=w.withdrawn_a.volunteer_id, year=YEAR), NOBODY),
    # the volunteer's own link: whoever holds it may use it
    ("sign_up_manage", lambda w: {"token": w.manage_token}, EVERYBODY),
]


@pytest.fixture
def world(db, translator, editor, stabsstelle_admin):
    org_a = build_organisation("Sprachtreff Gifhorn")
    org_b = build_organisation("Familienzentrum Meinersen")
    users = {
        MEMBER_A: build_partner("mitglied@sprachtreff.example", org_a),
        MANAGER_A: build_partner("leitung@sprachtreff.example", org_a, role="manager"),
        MANAGER_B: build_partner("leitung@familienzentrum.example", org_b, role="manager"),
        TRANSLATOR: translator, EDITOR: editor, ADMIN: stabsstelle_admin,
    }
    opportunity_a = build_opportunity(org_a, "Sprachpatenschaft")
    draft_a = build_opportunity(org_a, "Fahrdienst zum Arzt", status=Status.DRAFT)
    opportunity_b = build_opportunity(org_b, "Elterncafé")
    sign_up_a = confirmed_sign_up(opportunity_a, name="Amira Haddad", email="amira@beispiel.example")
    sign_up_b = confirmed_sign_up(opportunity_b, name="Bogdan Koval", email="bogdan@beispiel.example")
    both = confirmed_sign_up(opportunity_b, name="Deniz Yilmaz", email="deniz@beispiel.example")
    confirmed_sign_up(opportunity_a, name="Deniz Yilmaz", email="deniz@beispiel.example")
    unconfirmed_a = SignUp.objects.create(
        opportunity=opportunity_a, name="Noch Unbestätigt", email="offen@beispiel.example",
        volunteer=Volunteer.objects.create(email="offen@beispiel.example", name="Noch Unbestätigt"),
        consent_at=sign_up_a.consent_at)
    withdrawn_a = confirmed_sign_up(opportunity_a, name="Zurückgezogen", email="weg@beispiel.example")
    withdrawn_a.withdraw()

    def hours(volunteer, organisation, user, day):
        return HoursEntry.objects.create(volunteer=volunteer, organisation=organisation, date=date(YEAR, 3, day),
                                         hours=Decimal(2), activity="Begleitung", created_by=user)

    return SimpleNamespace(
        org_a=org_a, org_b=org_b, users=users, opportunity_a=opportunity_a, draft_a=draft_a,
        opportunity_b=opportunity_b, sign_up_a=sign_up_a, sign_up_b=sign_up_b, unconfirmed_a=unconfirmed_a,
        withdrawn_a=withdrawn_a, volunteer_a=sign_up_a.volunteer, volunteer_b=sign_up_b.volunteer,
        volunteer_both=both.volunteer,
        hours_by_member_a=hours(sign_up_a.volunteer, org_a, users[MEMBER_A], 1),
        hours_by_manager_a=hours(sign_up_a.volunteer, org_a, users[MANAGER_A], 2),
        hours_b=hours(both.volunteer, org_b, users[MANAGER_B], 3),
        manage_token=tokens.make_token(services.MANAGE, {"id": sign_up_a.pk}),
    )


def _client_for(client, world, role):
    if role == LINK_HOLDER:
        # The volunteer has used the link from the mail in this browser, nothing more.
        manage = reverse("volunteers:sign_up_manage", kwargs={"token": world.manage_token})
        assert client.get(manage).status_code == 200
    elif role != ANONYMOUS:
        client.force_login(world.users[role])
    return client


def _case_id(row):
    name, _kwargs, allowed = row
    return f"{name}[{'+'.join(sorted(allowed)) or 'nobody'}]"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ACCESS, ids=[_case_id(row) for row in ACCESS])
def test_every_volunteering_view_as_every_role(client, world, row, role):
    name, kwargs, allowed = row
    url = reverse(f"volunteers:{name}", kwargs=kwargs(world))
    response = _client_for(client, world, role).get(url)
    if role in allowed:
        assert response.status_code == 200, (url, role, response.status_code)
    elif role in NOT_LOGGED_IN:
        assert response.status_code == 302 and response["Location"] == f"/de/partner/anmelden/?next={url}", (
            url, role, response.status_code)
    elif role == MEMBER_A and MANAGER_A in allowed:
        assert response.status_code == 403, (url, role, response.status_code)
    else:
        assert response.status_code == 404, (url, role, response.status_code)


def test_the_table_covers_every_volunteering_view():
    from volunteers import partner_urls

    names = {pattern.name for pattern in partner_urls.urlpatterns}
    assert names == {name for name, _kwargs, _allowed in ACCESS} - {"sign_up_manage"}


def test_organisation_b_sees_nothing_of_a_on_its_own_pages(client, world):
    client.force_login(world.users[MANAGER_B])
    pages = [reverse(f"volunteers:{name}", kwargs=_b(world)) for name in (
        "partner_opportunity_list", "partner_sign_up_list", "partner_hours_list", "partner_hours_create")]
    pages.append(f"/de/partner/{world.org_b.slug}/")
    pages.append(reverse("volunteers:partner_yearly_report",
                         kwargs=_b(world, volunteer=world.volunteer_both.pk, year=YEAR)))
    for page in pages:
        html = client.get(page).content.decode()
        for secret in ("Amira Haddad", "amira@beispiel.example", "Sprachpatenschaft", "Fahrdienst zum Arzt",
                       "Noch Unbestätigt"):
            assert secret not in html, (page, secret)
    # a person who signed up with both organisations: B's report counts only B's hours
    csv = client.get(reverse("volunteers:partner_yearly_report_csv",
                             kwargs=_b(world, volunteer=world.volunteer_both.pk, year=YEAR))).content.decode()
    assert "Familienzentrum Meinersen" in csv and "Sprachtreff" not in csv


def test_posting_to_organisation_as_pages_from_b_changes_nothing(client, world, mailoutbox):
    client.force_login(world.users[MANAGER_B])
    detail = reverse("volunteers:partner_sign_up_detail", kwargs=_a(world, pk=world.sign_up_a.pk))
    for action in ("accept", "decline", "contact"):
        assert client.post(detail, {"action": action}).status_code == 404
    # nor through B's own slug
    detail_b = reverse("volunteers:partner_sign_up_detail", kwargs=_b(world, pk=world.sign_up_a.pk))
    assert client.post(detail_b, {"action": "accept"}).status_code == 404
    assert client.post(reverse("volunteers:partner_hours_create", kwargs=_a(world)), {
        "volunteer": world.volunteer_a.pk, "date": "01.03.2024", "hours": "3"}).status_code == 404
    response = client.post(reverse("volunteers:partner_hours_create", kwargs=_b(world)), {
        "volunteer": world.volunteer_a.pk, "date": "01.03.2024", "hours": "3"})
    assert "Für diese Person können Sie keine Stunden eintragen." in response.content.decode()
    assert client.post(reverse("volunteers:partner_hours_delete",
                               kwargs=_b(world, pk=world.hours_by_member_a.pk))).status_code == 404
    assert client.post(reverse("volunteers:partner_opportunity_submit",
                               kwargs=_a(world, opportunity=world.draft_a.slug))).status_code == 404
    assert client.post(reverse("volunteers:partner_opportunity_edit",
                               kwargs=_b(world, opportunity=world.opportunity_a.slug)),
                       {"title_de": "Gekapert"}).status_code == 404

    world.sign_up_a.refresh_from_db()
    world.draft_a.refresh_from_db()
    world.opportunity_a.refresh_from_db()
    assert world.sign_up_a.state == SignUp.State.NEW and world.sign_up_a.contact_made_at is None
    assert world.draft_a.status == Status.DRAFT and world.opportunity_a.title_de == "Sprachpatenschaft"
    assert HoursEntry.objects.filter(organisation=world.org_a).count() == 2
    assert HoursEntry.objects.filter(organisation=world.org_b).count() == 1
    assert not mailoutbox


def test_the_link_holder_manages_only_their_own_sign_up(client, world):
    manage = reverse("volunteers:sign_up_manage", kwargs={"token": world.manage_token})
    html = client.get(manage).content.decode()
    assert "Sprachpatenschaft" in html and "Bogdan Koval" not in html and "Elterncafé" not in html
    client.post(manage, {"action": "cancel"})
    world.sign_up_a.refresh_from_db()
    assert world.sign_up_a.state == SignUp.State.WITHDRAWN
    # still no way into the partner area
    url = reverse("volunteers:partner_sign_up_list", kwargs=_a(world))
    assert client.get(url)["Location"].startswith("/de/partner/anmelden/")


def test_staff_who_are_members_see_only_their_organisations_volunteers(client, world):
    from projects.models import Membership

    Membership.objects.create(organisation=world.org_b, user=world.users[EDITOR], role=Membership.Role.MEMBER)
    client.force_login(world.users[EDITOR])
    assert client.get(reverse("volunteers:partner_sign_up_list", kwargs=_b(world))).status_code == 200
    assert client.get(reverse("volunteers:partner_sign_up_list", kwargs=_a(world))).status_code == 404
    assert client.get(reverse("volunteers:partner_sign_up_detail",
                              kwargs=_b(world, pk=world.sign_up_a.pk))).status_code == 404
