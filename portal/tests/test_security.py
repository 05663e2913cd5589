"""Security headers on every kind of page, and the login lockout."""

import pytest

from conftest import make_user

CSP_FORBIDDEN = ("unsafe-inline", "unsafe-eval", "*")


@pytest.fixture
def partner(db):
    return make_user("manager@verein.example")


@pytest.mark.parametrize("url,login", [("/de/", None), ("/de/barriere-melden/", None), ("/de/partner/", "partner"),
                                       ("/admin/login/", None), ("/admin/portal/page/add/", "admin")])
def test_security_headers(client, url, login, partner, stabsstelle_admin):
    if login:
        client.force_login(partner if login == "partner" else stabsstelle_admin)
    response = client.get(url)
    assert response.status_code == 200, url
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self'")
    for directive in ("script-src", "style-src", "default-src", "connect-src", "font-src"):
        value = directives[directive]
        assert not any(bad in value.split() for bad in CSP_FORBIDDEN), (directive, value)
        assert "http" not in value, (directive, value)
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_images_may_come_only_from_us_and_the_map_tile_server(client, db):
    csp = client.get("/de/").headers["Content-Security-Policy"]
    img = next(part for part in csp.split(";") if part.strip().startswith("img-src")).split()[1:]
    assert img == ["'self'", "data:", "https://tile.openstreetmap.org"]


def test_production_cookies_are_secure_and_http_only():
    from django.conf import settings

    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_five_failed_logins_lock_the_account_for_this_address(client, partner):
    url = "/de/partner/anmelden/"
    for _attempt in range(4):
        response = client.post(url, {"username": partner.email, "password": "falsch"})
        assert response.status_code == 200
    assert client.post(url, {"username": partner.email, "password": "falsch"}).status_code == 429
    locked = client.post(url, {"username": partner.email, "password": "correct-horse-battery"})
    assert locked.status_code == 429
    assert "vorübergehend gesperrt" in locked.content.decode()
    other_address = client.post(url, {"username": partner.email, "password": "correct-horse-battery"},
                                REMOTE_ADDR="10.1.2.3")
    assert other_address.status_code == 302


def test_admin_login_is_locked_too(client, stabsstelle_admin):
    for _attempt in range(5):
        client.post("/admin/login/", {"username": stabsstelle_admin.email, "password": "falsch"})
    response = client.post("/admin/login/", {"username": stabsstelle_admin.email, "password": "correct-horse-battery"})
    assert response.status_code == 429
