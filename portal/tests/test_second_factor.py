"""The staff second factor: with STAFF_OTP_REQUIRED (the default whenever DEBUG is off), a staff session reaches
the admin, the staff tools and draft previews only after a TOTP code; the first visit enrols the app."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import make_user

pytestmark = pytest.mark.usefixtures("otp_required")
PAGE = "/admin/werkzeuge/zweiter-faktor/"


@pytest.fixture
def otp_required(settings):
    settings.STAFF_OTP_REQUIRED = True


def current_code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def sign_in(client, user, password="correct-horse-battery"):
    response = client.post("/admin/login/", {"username": user.email, "password": password})
    assert response.status_code == 302
    return response


def test_staff_are_sent_to_the_code_page_before_any_admin_page(client, editor):
    sign_in(client, editor)
    for url in ("/admin/", "/admin/portal/page/", "/admin/werkzeuge/moderation/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(PAGE + "?next=")


def test_first_visit_enrols_the_app_with_a_qr_code_and_the_key(client, editor):
    sign_in(client, editor)
    response = client.get(PAGE + "?next=/admin/portal/page/")
    body = response.content.decode()
    device = TOTPDevice.objects.get(user=editor)
    assert not device.confirmed
    assert 'class="segno"' in body and "QR-Code für Ihre Authenticator-App" in body
    assert "Schlüssel" in body
    # Reloading the page shows the same key, so a scan done before the reload stays valid.
    client.get(PAGE)
    assert TOTPDevice.objects.filter(user=editor).count() == 1

    response = client.post(PAGE, {"token": current_code(device), "next": "/admin/portal/page/"})
    assert response.status_code == 302 and response["Location"] == "/admin/portal/page/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/portal/page/").status_code == 200


def test_a_wrong_code_keeps_the_session_unverified_with_a_clear_message(client, editor):
    sign_in(client, editor)
    client.get(PAGE)
    device = TOTPDevice.objects.get(user=editor)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(PAGE, {"token": wrong})
    assert response.status_code == 200
    assert "Der Code stimmt nicht oder ist abgelaufen" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert client.get("/admin/").status_code == 302
    device.refresh_from_db()
    assert not device.confirmed and device.throttling_failure_count == 1


@pytest.mark.parametrize("value", ["", "12345", "abcdef", "1234567", "<script>", "12 34 56"])
def test_malformed_codes_are_refused_in_the_visitors_language(client, editor, value):
    sign_in(client, editor)
    response = client.post(PAGE, {"token": value}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_a_later_session_asks_for_the_code_without_showing_the_key_again(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    sign_in(client, editor)
    response = client.get(PAGE)
    body = response.content.decode()
    assert 'class="segno"' not in body and "Schlüssel" not in body
    assert client.post(PAGE, {"token": current_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_used_code_cannot_be_replayed_in_another_session(client, editor):
    from django.test import Client

    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    code = current_code(device)
    sign_in(client, editor)
    assert client.post(PAGE, {"token": code}).status_code == 302
    other = Client()
    sign_in(other, editor)
    response = other.post(PAGE, {"token": code})
    assert response.status_code == 200
    assert other.get("/admin/").status_code == 302


def test_repeated_wrong_codes_are_throttled_even_before_the_right_one(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    sign_in(client, editor)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    for _attempt in range(3):
        client.post(PAGE, {"token": wrong})
    assert client.post(PAGE, {"token": current_code(device)}).status_code == 200
    assert client.get("/admin/").status_code == 302


def test_next_never_leads_to_another_host(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    sign_in(client, editor)
    response = client.post(PAGE, {"token": current_code(device), "next": "https://example.org/admin/"})
    assert response["Location"] == "/admin/"


def test_unverified_staff_see_no_drafts_on_the_public_site(client, editor, page_factory):
    page_factory("entwurf", status="draft")
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    sign_in(client, editor)
    assert client.get("/de/entwurf/").status_code == 404
    client.post(PAGE, {"token": current_code(device)})
    assert client.get("/de/entwurf/").status_code == 200


def test_partners_never_meet_the_second_factor(client, db):
    from projects.models import Membership, Organisation

    partner = make_user("leitung@verein.example")
    organisation = Organisation.objects.create(name="Sprachtreff Gifhorn", slug="sprachtreff")
    Membership.objects.create(user=partner, organisation=organisation, role=Membership.Role.MANAGER)
    response = client.post("/de/partner/anmelden/", {"username": partner.email,
                                                    "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert client.get("/de/partner/").status_code == 200
    assert not TOTPDevice.objects.exists()


def test_the_admin_never_shows_a_devices_secret(client, stabsstelle_admin, editor):
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    own = TOTPDevice.objects.create(user=stabsstelle_admin, name="App", confirmed=True)
    sign_in(client, stabsstelle_admin)
    client.post(PAGE, {"token": current_code(own)})
    response = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert response.status_code == 200
    assert device.key not in response.content.decode()
    # Named in German, as everything else in the admin (django-otp's own names are English).
    assert "<h1>Authenticator-App ändern</h1>" in response.content.decode()
    index = client.get("/admin/").content.decode()
    assert "Anmeldung mit zweitem Faktor" in index and "Authenticator-Apps" in index and "TOTP" not in index
    # A lost phone: the admin deletes the device, the colleague enrols anew at the next sign-in.
    client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_production_settings_require_the_second_factor():
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "gifhorn_integration.settings"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.STAFF_OTP_REQUIRED)"
    result = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True,
                            text=True)
    assert result.stdout.strip() == "True", result.stderr
    result = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env={**env, "DEBUG": "1"},
                            capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_codes_from_the_previous_time_step_still_count(client, editor):
    """Phones drift a little: django-otp's default tolerance of one step either way applies."""
    device = TOTPDevice.objects.create(user=editor, name="App", confirmed=True)
    sign_in(client, editor)
    previous = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=6, drift=-1):06d}"
    assert client.post(PAGE, {"token": previous}).status_code == 302
