"""The authorisation table of the whole portal: every URL name × every role.

Roles: anonymous, partner A member, partner A manager, partner B manager, translator, editor, admin. The partner
area's rows live beside their views with the worlds they need (projects/tests/test_partner_permissions.py and
volunteers/tests/test_partner_permissions.py, which adds the volunteer who holds only a mail link). This module
holds the other rows — public pages, feeds, staff tools and every admin URL — and the test that all tables
together name every URL name the resolver knows, so a new view without a row fails the suite. It lives in
volunteers because only the top of the dependency chain (volunteers → projects → portal) sees every app.

A row lists the roles that may use the page. Everybody else is sent to a login page or gets 403/404; a role
that may use it gets 200 or is redirected somewhere other than a login page (e.g. admin login → admin index).
"""

import re
from datetime import date
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, reverse

from portal import tokens
from portal.models import Event, NewsItem, Page
from portal.workflow import Status
from projects.models import Organisation, Project
from projects.tests import build_organisation, build_partner, png_upload
from projects.tests import test_partner_permissions as partner_table
from volunteers import services
from volunteers.models import HoursEntry, Opportunity, SignUp, Training, TrainingRegistration

from . import test_partner_permissions as volunteer_table
from .test_partner_volunteers import confirmed_sign_up

ANONYMOUS, MEMBER_A, MANAGER_A, MANAGER_B = "anonymous", "member_a", "manager_a", "manager_b"
TRANSLATOR, EDITOR, ADMIN = "translator", "editor", "admin"
ROLES = [ANONYMOUS, MEMBER_A, MANAGER_A, MANAGER_B, TRANSLATOR, EDITOR, ADMIN]
EVERYBODY = set(ROLES)
STAFF = {TRANSLATOR, EDITOR, ADMIN}
EDITORS = {EDITOR, ADMIN}
ADMINS = {ADMIN}
NOBODY = set()

# (url name, kwargs from the world, query string, roles that may use it)
PAGES = [
    ("healthz", lambda w: {}, "", EVERYBODY),
    ("robots", lambda w: {}, "", EVERYBODY),
    ("sitemap", lambda w: {}, "", EVERYBODY),
    ("open_data_csv", lambda w: {}, "", EVERYBODY),
    ("open_data_json", lambda w: {}, "", EVERYBODY),
    ("portal:home", lambda w: {}, "", EVERYBODY),
    ("portal:page", lambda w: {"path": w.page.path}, "", EVERYBODY),
    ("portal:page", lambda w: {"path": w.draft_page.path}, "", STAFF),  # preview of a draft: staff only
    ("portal:news_list", lambda w: {}, "", EVERYBODY),
    ("portal:news_detail", lambda w: {"slug": w.news.slug}, "", EVERYBODY),
    ("portal:news_detail", lambda w: {"slug": w.draft_news.slug}, "", STAFF),
    ("portal:news_rss", lambda w: {}, "", EVERYBODY),
    ("portal:news_atom", lambda w: {}, "", EVERYBODY),
    ("portal:event_list", lambda w: {}, "", EVERYBODY),
    ("portal:event_detail", lambda w: {"slug": w.event.slug}, "", EVERYBODY),
    ("portal:event_ics", lambda w: {"slug": w.event.slug}, "", EVERYBODY),
    ("portal:event_feed_ics", lambda w: {}, "", EVERYBODY),
    ("portal:accessibility", lambda w: {}, "", EVERYBODY),
    ("portal:feedback", lambda w: {}, "", EVERYBODY),
    ("portal:feedback_thanks", lambda w: {}, "", EVERYBODY),
    ("portal:search", lambda w: {}, "?q=Sprache", EVERYBODY),
    ("projects:directory", lambda w: {}, "", EVERYBODY),
    ("projects:directory_map", lambda w: {}, "", EVERYBODY),
    ("projects:directory_map_markers", lambda w: {}, "", EVERYBODY),
    ("projects:organisation_detail", lambda w: {"slug": w.organisation.slug}, "", EVERYBODY),
    ("projects:organisation_detail", lambda w: {"slug": w.draft_organisation.slug}, "", STAFF),
    ("projects:organisation_vcard", lambda w: {"slug": w.organisation.slug}, "", EVERYBODY),
    ("projects:project_list", lambda w: {}, "", EVERYBODY),
    ("projects:project_detail", lambda w: {"slug": w.project.slug}, "", EVERYBODY),
    ("projects:project_detail", lambda w: {"slug": w.draft_project.slug}, "", STAFF),
    ("volunteers:opportunity_list", lambda w: {}, "", EVERYBODY),
    ("volunteers:opportunity_detail", lambda w: {"slug": w.opportunity.slug}, "", EVERYBODY),
    ("volunteers:training_list", lambda w: {}, "", EVERYBODY),
    ("volunteers:training_detail", lambda w: {"slug": w.training.slug}, "", EVERYBODY),
    ("volunteers:sign_up_sent", lambda w: {}, "", EVERYBODY),
    # Links from mails: whoever holds one may use it (a forged one: tests in test_sign_up.py).
    ("volunteers:sign_up_confirm", lambda w: {"token": w.confirm_token}, "", EVERYBODY),
    ("volunteers:training_manage", lambda w: {"token": w.training_token}, "", EVERYBODY),
    # staff tools beside the model admin
    ("staff_second_factor", lambda w: {}, "", STAFF),
    ("moderation_queue", lambda w: {}, "", EDITORS),
    ("translation_coverage_default", lambda w: {}, "", STAFF),
    ("translation_coverage", lambda w: {"language": "ar"}, "", STAFF),
    ("translation_export", lambda w: {"language": "ar"}, "", STAFF),  # GET leads back to the coverage page
    ("translation_import", lambda w: {"language": "ar"}, "", STAFF),  # GET leads back to the coverage page
    # the admin's own pages
    ("admin:index", lambda w: {}, "", STAFF),
    ("admin:login", lambda w: {}, "", EVERYBODY),
    ("admin:password_change", lambda w: {}, "", STAFF),
    ("admin:password_change_done", lambda w: {}, "", STAFF),
    ("admin:jsi18n", lambda w: {}, "", STAFF),
    ("admin:app_list", lambda w: {"app_label": "portal"}, "", STAFF),
    ("admin:app_list", lambda w: {"app_label": "volunteers"}, "", STAFF),
    ("admin:app_list", lambda w: {"app_label": "auth"}, "", ADMINS),
    ("admin:app_list", lambda w: {"app_label": "axes"}, "", ADMINS),
    ("admin:app_list", lambda w: {"app_label": "otp_totp"}, "", ADMINS),
    ("admin:autocomplete", lambda w: {}, "?app_label=portal&model_name=page&field_name=parent", STAFF),
    ("admin:autocomplete", lambda w: {}, "?app_label=projects&model_name=membership&field_name=user", ADMINS),
    ("admin:view_on_site", lambda w: {"content_type_id": ContentType.objects.get_for_model(Page).pk,
                                      "object_id": w.page.pk}, "", STAFF),
    ("admin:auth_user_password_change", lambda w: {"id": w.users[MEMBER_A].pk}, "", ADMINS),  # set a password
    ("admin:projects_organisation_import", lambda w: {}, "", EDITORS),  # creates and changes organisations
    ("admin:projects_organisation_export", lambda w: {}, "", STAFF),  # the directory's data, as in open data
    # django-otp's views that would show a device's secret: switched off (OTP_ADMIN_HIDE_SENSITIVE_DATA)
    ("admin:otp_totp_totpdevice_config", lambda w: {"pk": w.device.pk}, "", NOBODY),
    ("admin:otp_totp_totpdevice_qrcode", lambda w: {"pk": w.device.pk}, "", NOBODY),
]

# Every model in the admin: (roles that may list and open it, may add, may delete). Translators work on the
# language fields of translatable content only; editors on all content; accounts, groups, login records and
# second-factor devices are the Stabsstelle admin's.
T = STAFF
MODEL_ADMIN = {
    "auth.group": (ADMINS, ADMINS, ADMINS),
    "axes.accessattempt": (ADMINS, NOBODY, ADMINS),
    "axes.accessfailurelog": (ADMINS, NOBODY, ADMINS),
    "axes.accesslog": (ADMINS, NOBODY, ADMINS),
    "otp_totp.totpdevice": (ADMINS, ADMINS, ADMINS),
    "portal.user": (ADMINS, ADMINS, ADMINS),
    "portal.accessibilitystatement": (T, NOBODY, NOBODY),  # exactly one statement, kept for ever
    "portal.contactperson": (T, EDITORS, EDITORS),
    "portal.event": (T, EDITORS, EDITORS),
    "portal.feedbackticket": (EDITORS, NOBODY, EDITORS),  # tickets come from the public form only
    "portal.homepage": (T, NOBODY, NOBODY),  # exactly one home page
    "portal.image": (T, EDITORS, EDITORS),
    "portal.municipality": (T, EDITORS, EDITORS),
    "portal.newsitem": (T, EDITORS, EDITORS),
    "portal.page": (T, EDITORS, EDITORS),
    "portal.targetgroup": (T, EDITORS, EDITORS),
    "portal.topic": (T, EDITORS, EDITORS),
    "projects.membership": (EDITORS, EDITORS, EDITORS),
    "projects.organisation": (T, EDITORS, EDITORS),
    "projects.project": (T, EDITORS, EDITORS),
    "volunteers.hoursentry": (EDITORS, EDITORS, EDITORS),
    "volunteers.opportunity": (T, EDITORS, EDITORS),
    "volunteers.signup": (EDITORS, EDITORS, EDITORS),
    "volunteers.training": (T, EDITORS, EDITORS),
    "volunteers.trainingregistration": (EDITORS, EDITORS, EDITORS),
    "volunteers.volunteer": (EDITORS, EDITORS, EDITORS),
}

# Names no GET row can cover, each with where it is tested instead.
POST_ONLY = {
    "admin:logout": "Django's admin logout takes POST only",
    "projects:partner_logout": "POST only; projects/tests/test_partner_area.py signs out",
    "projects:partner_invitation_withdraw": "POST only; test_partner_area.py (anonymous, member, manager, other org)",
    "volunteers:sign_up_resend": "POST only (the form on the expired-link page); test_sign_up.py",
    "admin:projects_organisation_process_import": "POST step after the import preview; test_import.py",
}


def admin_rows():
    """Five rows per model (list, add, open, delete, history) and, for models with django-simple-history,
    a sixth for one stored version."""
    from simple_history.admin import SimpleHistoryAdmin

    rows = []
    for model, model_admin in admin.site._registry.items():
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        view_roles, add_roles, delete_roles = MODEL_ADMIN[label]

        def instance(w, label=label):
            return {"object_id": w.instances[label].pk}

        def version(w, label=label):
            obj = w.instances[label]
            return [obj.pk, obj.history.first().history_id]  # django-simple-history's pattern is positional

        views = [("changelist", lambda w: {}, view_roles), ("add", lambda w: {}, add_roles),
                 ("change", instance, view_roles), ("delete", instance, delete_roles),
                 ("history", instance, view_roles)]
        if isinstance(model_admin, SimpleHistoryAdmin):  # restoring a version: never translators
            views.append(("simple_history", version, view_roles - {TRANSLATOR}))
        for view, kwargs, allowed in views:
            rows.append((f"admin:{label.replace('.', '_')}_{view}", kwargs, "", allowed))
    return rows


TABLE = PAGES + admin_rows()  # built after the admin registry is complete (apps are ready)


def all_url_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from all_url_names(pattern.url_patterns,
                                     namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
        elif pattern.name:
            yield namespace + pattern.name


def test_the_tables_name_every_url_of_the_portal():
    covered = {name for name, _kwargs, _query, _allowed in TABLE}
    covered |= {f"projects:{name}" for name, _kwargs, _allowed in partner_table.ACCESS}
    covered |= {f"volunteers:{name}" for name, _kwargs, _allowed in volunteer_table.ACCESS}
    known = set(all_url_names())
    assert known - covered - set(POST_ONLY) == set(), "URL names without a row in an authorisation table"
    assert covered - known == set(), "rows for URL names that no longer exist"


def test_every_admin_model_has_a_row():
    registered = {f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry}
    assert registered == set(MODEL_ADMIN)


@pytest.fixture
def world(db, translator, editor, stabsstelle_admin):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from portal.models import FeedbackTicket, Image
    from volunteers.models import Volunteer

    call_command("load_demo_content", verbosity=0)
    org_a = build_organisation("Sprachtreff Gifhorn")
    org_b = build_organisation("Familienzentrum Meinersen")
    users = {
        MEMBER_A: build_partner("mitglied@sprachtreff.example", org_a),
        MANAGER_A: build_partner("leitung@sprachtreff.example", org_a, role="manager"),
        MANAGER_B: build_partner("leitung@familienzentrum.example", org_b, role="manager"),
        TRANSLATOR: translator, EDITOR: editor, ADMIN: stabsstelle_admin,
    }
    attempt = {"username": editor.email, "ip_address": "192.0.2.7", "user_agent": "Firefox", "path_info": "/admin/"}
    opportunity = Opportunity.objects.published().first()
    sign_up = confirmed_sign_up(opportunity, name="Amira Haddad", email="amira@beispiel.example")
    training = Training.objects.published().first()
    unconfirmed = SignUp.objects.create(
        opportunity=opportunity, name="Noch Unbestätigt", email="offen@beispiel.example", consent_at=sign_up.consent_at,
        volunteer=Volunteer.objects.create(email="offen@beispiel.example", name="Noch Unbestätigt"))
    registration = TrainingRegistration.objects.create(
        training=training, state=TrainingRegistration.State.REGISTERED,
        volunteer=Volunteer.objects.create(email="bogdan@beispiel.example", name="Bogdan Koval"))
    instances = {
        "axes.accessattempt": AccessAttempt.objects.create(**attempt, failures_since_start=2),
        "axes.accessfailurelog": AccessFailureLog.objects.create(**attempt),
        "axes.accesslog": AccessLog.objects.create(**attempt),
        "otp_totp.totpdevice": TOTPDevice.objects.create(user=editor, name="App", confirmed=True),
        "portal.feedbackticket": FeedbackTicket.objects.create(page_url="/de/", description="Kontrast zu gering"),
        "portal.image": Image.objects.create(file=png_upload("sprachcafe.png"), alt_text_de="Das Sprachcafé"),
        "volunteers.signup": sign_up,
        "volunteers.volunteer": Volunteer.objects.get(pk=sign_up.volunteer_id),
        "volunteers.hoursentry": HoursEntry.objects.create(
            volunteer_id=sign_up.volunteer_id, organisation=opportunity.organisation, date=date(2024, 3, 1), hours=2),
        "volunteers.trainingregistration": registration,
    }
    for label in MODEL_ADMIN:
        if label not in instances:
            model = next(m for m in admin.site._registry if f"{m._meta.app_label}.{m._meta.model_name}" == label)
            instances[label] = model._default_manager.first()
            assert instances[label] is not None, f"no {label} to open"
    return SimpleNamespace(
        users=users, instances=instances, device=instances["otp_totp.totpdevice"],
        page=Page.objects.published().exclude(path="").first(),
        draft_page=Page.objects.create(slug="entwurf", path="entwurf", title_de="Entwurf", status=Status.DRAFT),
        news=NewsItem.objects.published().first(),
        draft_news=NewsItem.objects.create(slug="entwurf", title_de="Entwurf", status=Status.DRAFT),
        event=Event.objects.published().first(),
        organisation=Organisation.objects.published().first(),
        draft_organisation=build_organisation("Noch nicht veröffentlicht", status=Status.DRAFT),
        project=Project.objects.published().first(),
        draft_project=Project.objects.create(lead_organisation=org_a, title_de="Entwurf", slug="entwurf"),
        opportunity=opportunity,
        training=training,
        confirm_token=tokens.make_token(services.CONFIRM, {"id": unconfirmed.pk}),
        training_token=tokens.make_token(services.TRAINING, {"id": registration.pk}),
    )


def _outcome(response, url):
    if response.status_code == 302:
        if re.search(r"/(anmelden|login)/", response["Location"]):
            return "login"
        if response["Location"] == f"/de{url}":
            return "404"  # a 404 outside the language prefix: LocaleMiddleware retries it under /de/
        return "allowed"
    return "allowed" if response.status_code == 200 else str(response.status_code)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_as_every_role(client, world, role):
    """One request per row as this role; all mismatches reported together (the world is built once per role:
    the demo content makes it realistic, and slow to build)."""
    if role != ANONYMOUS:
        client.force_login(world.users[role])
    mismatches = []
    for name, kwargs, query, allowed in TABLE:
        params = kwargs(world)
        url = (reverse(name, args=params) if isinstance(params, list) else reverse(name, kwargs=params)) + query
        response = client.get(url)
        outcome = _outcome(response, url)
        expected = {"allowed"} if role in allowed else {"login", "403", "404"}
        if outcome not in expected:
            mismatches.append(f"{name} {url}: {response.status_code} {response.get('Location', '')}")
    assert not mismatches, "\n".join(mismatches)
