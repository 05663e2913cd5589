"""Who may open which page of the partner area. One table drives the test: every view, every role.

A partner sees only its own organisation's pages. Everybody else gets 404 (the page does not exist for them) or,
for a plain member on a manager's page, 403. Staff roles have no rights here unless they are members themselves.
Anonymous visitors of a protected page are sent to the partner login.
"""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from portal.workflow import Status
from projects.models import Membership, ProjectPartner

from . import build_organisation, build_partner, build_project

ANONYMOUS, MEMBER_A, MANAGER_A, MANAGER_B = "anonymous", "member_a", "manager_a", "manager_b"
TRANSLATOR, EDITOR, ADMIN = "translator", "editor", "admin"
ROLES = [ANONYMOUS, MEMBER_A, MANAGER_A, MANAGER_B, TRANSLATOR, EDITOR, ADMIN]
EVERYBODY = set(ROLES)
A = {MEMBER_A, MANAGER_A}
NOBODY = set()

# (url name, kwargs from the world, roles that get 200). "Public" pages are open to everybody.
ACCESS = [
    ("partner_dashboard", lambda w: {}, EVERYBODY),
    ("partner_login", lambda w: {}, EVERYBODY),
    ("partner_password_reset", lambda w: {}, EVERYBODY),
    ("partner_password_reset_done", lambda w: {}, EVERYBODY),
    ("partner_password_reset_confirm", lambda w: {"uidb64": "MQ", "token": "abc-123"}, EVERYBODY),
    ("partner_password_reset_complete", lambda w: {}, EVERYBODY),
    ("partner_register", lambda w: {}, EVERYBODY),
    ("partner_register_done", lambda w: {}, EVERYBODY),
    ("partner_resend_verification", lambda w: {}, EVERYBODY),
    ("partner_verify_email", lambda w: {"token": "kein-gueltiger-link"}, EVERYBODY),
    ("partner_invitation", lambda w: {"token": "kein-gueltiger-link"}, EVERYBODY),
    # organisation A's pages
    ("partner_organisation", lambda w: {"org": w.org_a.slug}, A),
    ("partner_profile", lambda w: {"org": w.org_a.slug}, A),
    ("partner_organisation_submit", lambda w: {"org": w.org_a.slug}, A),
    ("partner_members", lambda w: {"org": w.org_a.slug}, A),
    ("partner_member_invite", lambda w: {"org": w.org_a.slug}, {MANAGER_A}),
    ("partner_member_remove", lambda w: {"org": w.org_a.slug, "pk": w.member_a_membership.pk}, {MANAGER_A}),
    ("partner_project_create", lambda w: {"org": w.org_a.slug}, A),
    ("partner_project_edit", lambda w: {"org": w.org_a.slug, "project": w.project_a.slug}, A),
    ("partner_project_submit", lambda w: {"org": w.org_a.slug, "project": w.project_a.slug}, A),
    ("partner_project_preview", lambda w: {"org": w.org_a.slug, "project": w.project_a.slug}, A),
    ("partner_project_partners", lambda w: {"org": w.org_a.slug, "project": w.project_a.slug}, A),
    ("partner_project_partner_remove",
     lambda w: {"org": w.org_a.slug, "project": w.project_a.slug, "pk": w.b_in_project_a.pk}, A),
    ("partner_partnership", lambda w: {"org": w.org_a.slug, "pk": w.a_in_project_b.pk}, A),
    # organisation B's pages, and A's slug combined with B's things
    ("partner_organisation", lambda w: {"org": w.org_b.slug}, {MANAGER_B}),
    ("partner_profile", lambda w: {"org": w.org_b.slug}, {MANAGER_B}),
    ("partner_project_edit", lambda w: {"org": w.org_b.slug, "project": w.project_b.slug}, {MANAGER_B}),
    ("partner_project_edit", lambda w: {"org": w.org_a.slug, "project": w.project_b.slug}, NOBODY),
    ("partner_project_submit", lambda w: {"org": w.org_a.slug, "project": w.project_b.slug}, NOBODY),
    ("partner_project_partners", lambda w: {"org": w.org_a.slug, "project": w.project_b.slug}, NOBODY),
    ("partner_project_edit", lambda w: {"org": w.org_b.slug, "project": w.project_a.slug}, NOBODY),
    # a co-partner may look at the project it is invited to, but not change it
    ("partner_project_preview", lambda w: {"org": w.org_a.slug, "project": w.project_b.slug}, A),
    ("partner_project_preview", lambda w: {"org": w.org_b.slug, "project": w.project_a.slug}, {MANAGER_B}),
    ("partner_project_preview", lambda w: {"org": w.org_b.slug, "project": w.project_c.slug}, NOBODY),
    ("partner_partnership", lambda w: {"org": w.org_b.slug, "pk": w.a_in_project_b.pk}, NOBODY),
    ("partner_member_remove", lambda w: {"org": w.org_b.slug, "pk": w.member_a_membership.pk}, NOBODY),
]
PUBLIC = {name for name, _kwargs, allowed in ACCESS if allowed == EVERYBODY}


@pytest.fixture
def world(db, translator, editor, stabsstelle_admin):
    org_a = build_organisation("Sprachtreff Gifhorn", status=Status.CHANGES_REQUESTED,
                               review_message="Bitte ergänzen Sie die Adresse.")
    org_b = build_organisation("Familienzentrum Meinersen")
    org_c = build_organisation("Jugendhilfe Brome")
    project_a = build_project(org_a, "Sprachpatenschaften")
    project_b = build_project(org_b, "Elterncafé", status=Status.PUBLISHED)
    project_c = build_project(org_c, "Ferienprogramm")
    users = {
        MEMBER_A: build_partner("mitglied@sprachtreff.example", org_a),
        MANAGER_A: build_partner("leitung@sprachtreff.example", org_a, role="manager"),
        MANAGER_B: build_partner("leitung@familienzentrum.example", org_b, role="manager"),
        TRANSLATOR: translator, EDITOR: editor, ADMIN: stabsstelle_admin,
    }
    return SimpleNamespace(
        org_a=org_a, org_b=org_b, project_a=project_a, project_b=project_b, project_c=project_c, users=users,
        member_a_membership=Membership.objects.get(user=users[MEMBER_A]),
        b_in_project_a=ProjectPartner.objects.create(project=project_a, organisation=org_b),
        a_in_project_b=ProjectPartner.objects.create(project=project_b, organisation=org_a),
    )


def _case_id(row):
    name, _kwargs, allowed = row
    return f"{name}[{'+'.join(sorted(allowed)) or 'nobody'}]"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("row", ACCESS, ids=[_case_id(row) for row in ACCESS])
def test_every_partner_view_as_every_role(client, world, row, role):
    name, kwargs, allowed = row
    url = reverse(f"projects:{name}", kwargs=kwargs(world))
    if role != ANONYMOUS:
        client.force_login(world.users[role])
    response = client.get(url)
    if role in allowed:
        assert response.status_code == 200, (url, role, response.status_code)
    elif role == ANONYMOUS:
        assert response.status_code == 302 and response["Location"] == f"/de/partner/anmelden/?next={url}"
    else:
        assert response.status_code in (403, 404), (url, role, response.status_code)


def test_the_table_covers_every_partner_view():
    from projects import partner_urls

    post_only = {"partner_logout", "partner_invitation_withdraw"}  # tested apart (test_partner_area)
    names = {pattern.name for pattern in partner_urls.urlpatterns} - post_only
    assert names == {name for name, _kwargs, _allowed in ACCESS}


def test_partner_pages_of_other_organisations_leak_nothing(client, world):
    client.force_login(world.users[MANAGER_B])
    response = client.get(reverse("projects:partner_organisation", kwargs={"org": world.org_a.slug}))
    assert response.status_code == 404
    assert "Sprachpatenschaften" not in response.content.decode()
    assert "Bitte ergänzen Sie die Adresse." not in response.content.decode()


def test_a_member_on_a_managers_page_learns_who_may_do_it(client, world):
    client.force_login(world.users[MEMBER_A])
    response = client.get(reverse("projects:partner_member_invite", kwargs={"org": world.org_a.slug}))
    assert response.status_code == 403
    assert "Rolle „Verwaltung“" in response.content.decode()


def test_staff_who_are_members_act_for_their_organisation_only(client, world):
    Membership.objects.create(organisation=world.org_b, user=world.users[EDITOR], role=Membership.Role.MEMBER)
    client.force_login(world.users[EDITOR])
    assert client.get(reverse("projects:partner_organisation", kwargs={"org": world.org_b.slug})).status_code == 200
    assert client.get(reverse("projects:partner_organisation", kwargs={"org": world.org_a.slug})).status_code == 404


def test_posting_to_another_organisations_pages_changes_nothing(client, world):
    client.force_login(world.users[MANAGER_B])
    slug = world.org_a.slug
    assert client.post(f"/de/partner/{slug}/profil/", {"name": "Gekapert"}).status_code == 404
    assert client.post(f"/de/partner/{slug}/projekte/{world.project_a.slug}/einreichen/").status_code == 404
    assert client.post(f"/de/partner/{slug}/mitglieder/{world.member_a_membership.pk}/entfernen/").status_code == 404
    assert client.post(f"/de/partner/{world.org_b.slug}/partnerschaften/{world.a_in_project_b.pk}/",
                       {"decision": "accept"}).status_code == 404
    world.org_a.refresh_from_db()
    world.project_a.refresh_from_db()
    world.a_in_project_b.refresh_from_db()
    assert world.org_a.name == "Sprachtreff Gifhorn" and world.project_a.status == Status.DRAFT
    assert Membership.objects.filter(pk=world.member_a_membership.pk).exists()
    assert not world.a_in_project_b.accepted
