"""Property-based tests: random and hostile values for every public form and list filter.

Never a 500; a rejected form stores nothing; an accepted one stores exactly one row. The number of generated
inputs comes from the hypothesis profile: "ci" (set by .ci/run) runs more than 10,000 across these tests.
"""

import os

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.models import FeedbackTicket

settings.register_profile("dev", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("ci", max_examples=1100, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

HOSTILE = [
    "", " ", "\x00", "'; DROP TABLE portal_page; --", "<script>alert(1)</script>", "%00", "../../etc/passwd",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "مرحبا", "‮evil", "a" * 5000, "1e309", "-1", "0", "99999999999999999999", "null", "[]", "{}",
    "%", "_", "\\", "\r\n", "?seite=2&seite=3",
]
text = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(exclude_categories=("Cs",)), max_size=300))

LIST_PAGES = {
    "/de/angebote/": ["q", "thema", "kommune", "sprache", "zielgruppe", "seite"],
    "/de/angebote/karte/": ["q", "thema", "kommune", "sprache", "zielgruppe"],
    "/de/angebote/karte/orte.json": ["q", "thema", "kommune", "sprache", "zielgruppe"],
    "/de/projekte/": ["q", "thema", "kommune", "stand", "seite"],
    "/ar/ehrenamtsboerse/": ["q", "thema", "kommune", "sprache", "art", "seite"],
    "/de/veranstaltungen/": ["monat"],
    "/de/suche/": ["q", "typ", "seite"],
    "/de/aktuelles/": ["seite"],
}


@pytest.mark.parametrize("url", LIST_PAGES)
@given(data=st.data())
def test_list_filters_never_fail(client, db, url, data):
    params = {name: data.draw(text, label=name) for name in LIST_PAGES[url] if data.draw(st.booleans())}
    response = client.get(url, params)
    assert response.status_code == 200


FEEDBACK_FIELDS = ["page_url", "description", "name", "email", "homepage"]


@override_settings(RATE_LIMIT_ENABLED=False)
@given(values=st.fixed_dictionaries({name: text for name in FEEDBACK_FIELDS}))
def test_feedback_form_never_fails_and_stores_only_what_it_accepts(client, db, values):
    before = FeedbackTicket.objects.count()
    response = client.post("/de/barriere-melden/", values)
    assert response.status_code in (200, 302)
    assert FeedbackTicket.objects.count() == before + (1 if response.status_code == 302 else 0)


@pytest.fixture
def opportunity(db):
    from projects.models import Organisation
    from volunteers.models import Opportunity

    organisation = Organisation.objects.create(name="Verein", slug="verein", status="published")
    return Opportunity.objects.create(title_de="Hilfe", slug="hilfe", status="published", organisation=organisation)


SIGN_UP_FIELDS = ["name", "email", "phone", "availability", "message", "consent", "homepage", "languages"]


@override_settings(RATE_LIMIT_ENABLED=False)
@given(values=st.fixed_dictionaries({name: text for name in SIGN_UP_FIELDS}))
def test_sign_up_form_never_fails_and_stores_only_what_it_accepts(client, opportunity, values):
    from volunteers.models import SignUp

    before = SignUp.objects.count()
    response = client.post(f"/de/ehrenamtsboerse/{opportunity.slug}/", values)
    assert response.status_code in (200, 302)
    assert SignUp.objects.count() == before + (1 if response.status_code == 302 else 0)


@override_settings(RATE_LIMIT_ENABLED=False)
@given(values=st.fixed_dictionaries({name: text for name in ["name", "email", "phone", "consent", "homepage"]}))
def test_training_form_never_fails(client, db, values):
    from django.utils import timezone

    from volunteers.models import Training, TrainingRegistration

    training, _created = Training.objects.get_or_create(
        slug="kurs", defaults={"title_de": "Kurs", "summary_de": "x", "status": "published", "capacity": 2,
                               "starts_at": timezone.now() + timezone.timedelta(days=3),
                               "ends_at": timezone.now() + timezone.timedelta(days=3, hours=2)})
    before = TrainingRegistration.objects.count()
    response = client.post(f"/de/ehrenamtsboerse/fortbildungen/{training.slug}/", values)
    assert response.status_code == 200
    assert TrainingRegistration.objects.count() in (before, before + 1)


@given(token=text)
def test_link_tokens_never_fail(client, db, token):
    if "/" in token or not token.strip():
        return
    for url in ("/de/ehrenamtsboerse/anmeldung/bestaetigen/{}/", "/de/ehrenamtsboerse/anmeldung/{}/",
                "/de/partner/registrieren/bestaetigen/{}/", "/de/partner/einladung/{}/"):
        from urllib.parse import quote

        response = client.get(url.format(quote(token, safe="")))
        assert response.status_code in (200, 302, 400, 404)
