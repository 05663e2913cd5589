"""One table of the portal's views and staff tools × roles (the partner and volunteer areas have their own
tables in projects/tests and volunteers/tests)."""

import pytest

from conftest import make_user
from portal import roles
from portal.models import AccessibilityStatement

PUBLIC = {"anonymous", "partner", "translator", "editor", "admin"}
STAFF = {"translator", "editor", "admin"}

# (url, roles that get the page; everybody else is sent to the login or gets 404/403)
TABLE = [
    ("/de/", PUBLIC),
    ("/de/integration/", PUBLIC),
    ("/de/aktuelles/", PUBLIC),
    ("/de/veranstaltungen/", PUBLIC),
    ("/de/barrierefreiheit/", PUBLIC),
    ("/de/barriere-melden/", PUBLIC),
    ("/de/suche/?q=Integration", PUBLIC),
    ("/de/entwurf/", STAFF),  # unpublished page: staff preview only
    ("/admin/", STAFF),
    ("/admin/portal/page/", STAFF),
    ("/admin/portal/page/add/", {"editor", "admin"}),
    ("/admin/portal/user/", {"admin"}),
    ("/admin/portal/feedbackticket/", {"editor", "admin"}),
    ("/admin/werkzeuge/moderation/", {"editor", "admin"}),
    ("/admin/werkzeuge/uebersetzung/ar/", STAFF),
]


@pytest.fixture
def people(db):
    return {
        "anonymous": None,
        "partner": make_user("partner@verein.example"),
        "translator": make_user("t@gifhorn.example", roles.TRANSLATOR, staff=True),
        "editor": make_user("r@gifhorn.example", roles.EDITOR, staff=True),
        "admin": make_user("a@gifhorn.example", roles.ADMIN, staff=True),
    }


@pytest.mark.parametrize("role", ["anonymous", "partner", "translator", "editor", "admin"])
@pytest.mark.parametrize("url,allowed", TABLE, ids=[url for url, _allowed in TABLE])
def test_every_portal_view_as_every_role(client, page_factory, people, role, url, allowed):
    page_factory("integration", title_de="Integration")
    page_factory("entwurf", status="draft")
    AccessibilityStatement.objects.create(title_de="Erklärung zur Barrierefreiheit")
    if people[role]:
        client.force_login(people[role])
    response = client.get(url)
    if role in allowed:
        assert response.status_code == 200, (role, url, response.status_code)
    else:
        assert response.status_code in (302, 403, 404), (role, url, response.status_code)
        if response.status_code == 302:
            assert "login" in response["Location"]
