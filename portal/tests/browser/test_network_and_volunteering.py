"""Journeys through the directory, the map, the volunteer board and the partner area, in a real browser (Chromium)
with the site's CSP enforced."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from portal.tests.browser.helpers import (
    assert_focus_visible,
    assert_no_foreign_requests,
    assert_no_violations,
    assert_reads_left_to_right,
    assert_reads_right_to_left,
    foreign_requests,
    link_in_mail,
    partner_login,
    screenshot,
    tab_to,
)

TILE_HOST = urlsplit(settings.MAP_TILE_URL).hostname


def test_resident_filters_the_directory_and_opens_an_organisation(network, page):
    page.goto("/de/angebote/")
    results = page.locator(".teaser-list .card__title")
    expect(results).to_have_count(3)  # the draft is not listed

    filters = page.locator("form.filter-form")
    filters.get_by_label("Thema").select_option("sprache")
    filters.get_by_label("Kommune").select_option("gifhorn")
    with page.expect_navigation():
        filters.get_by_role("button", name="Anzeigen").click()

    query = parse_qs(urlsplit(page.url).query)
    assert query["thema"] == ["sprache"] and query["kommune"] == ["gifhorn"], page.url
    expect(page.locator("#results-title")).to_have_text("1 Organisation gefunden")
    expect(results).to_have_text([network.organisation.name])
    # The form shows what is filtered and offers to reset it.
    expect(filters.get_by_label("Thema")).to_have_value("sprache")
    expect(filters.get_by_label("Kommune")).to_have_value("gifhorn")
    expect(filters.get_by_role("link", name="Alle Filter zurücksetzen")).to_be_visible()

    with page.expect_navigation():
        results.get_by_role("link", name=network.organisation.name).click()
    assert urlsplit(page.url).path == f"/de/angebote/{network.organisation.slug}/"
    expect(page.locator("main h1")).to_have_text(network.organisation.name)
    expect(page.locator("main .prose")).to_contain_text("Deutschkurse am Abend")
    expect(page.locator("main")).to_contain_text(network.project.title_de)


def test_map_loads_tiles_only_after_the_click(network, session):
    page = session.page
    page.goto("/de/angebote/karte/", wait_until="networkidle")
    expect(page.locator("#results-title")).to_have_text("3 Organisationen mit Standort")
    expect(page.locator("#directory-map")).to_be_hidden()
    assert any("leaflet" in url for url in session.requests.urls), "Leaflet comes from our own static files"
    assert_no_foreign_requests(session.requests.urls, network.site_url)

    with page.expect_request(lambda request: urlsplit(request.url).hostname == TILE_HOST):
        page.get_by_role("button", name="Karte laden").click()
    expect(page.locator("#directory-map")).to_be_visible()
    expect(page.locator("[data-map-consent]")).to_be_hidden()
    # There is no internet here: the tile requests fail, but the browser made them, and only to the tile host.
    foreign = foreign_requests(session.requests.urls, network.site_url)
    assert foreign and all(urlsplit(url).hostname == TILE_HOST for url in foreign), foreign
    expect(page.locator(".leaflet-marker-icon")).to_have_count(3)
    assert not session.csp_errors(), session.csp_errors()


def _fill_sign_up(page):
    page.get_by_label("Ihr Name").fill("Amira Haddad")
    page.get_by_label("Ihre E-Mail-Adresse").fill("amira@beispiel.example")
    page.get_by_label("Arabisch").check()
    page.get_by_label("Wann haben Sie Zeit?").fill("dienstags ab 16 Uhr")
    page.get_by_label("Ihre Nachricht an die Organisation (freiwillig)").fill("Ich spreche Arabisch und Deutsch.")
    page.locator("#id_consent").check()


def test_volunteer_signs_up_and_confirms_through_the_mail(network, page, mailoutbox):
    from volunteers.models import SignUp

    page.goto("/de/ehrenamtsboerse/")
    with page.expect_navigation():
        page.get_by_role("link", name=network.opportunity.title_de).click()
    expect(page.locator("main h1")).to_have_text(network.opportunity.title_de)
    _fill_sign_up(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Anmeldung absenden").click()
    assert urlsplit(page.url).path == "/de/ehrenamtsboerse/anmeldung/gesendet/"

    sign_up = SignUp.objects.get()
    assert sign_up.state == SignUp.State.UNCONFIRMED
    assert [language.code for language in sign_up.volunteer.spoken_languages.all()] == ["ar"]
    assert [message.to for message in mailoutbox] == [["amira@beispiel.example"]]
    link = link_in_mail(mailoutbox[0], r"^/de/ehrenamtsboerse/anmeldung/bestaetigen/[^/]+/$")

    page.goto(link)
    expect(page.locator("main h1")).to_have_text("Anmeldung bestätigen")
    sign_up.refresh_from_db()
    assert sign_up.state == SignUp.State.UNCONFIRMED  # opening the link alone confirms nothing
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, Anmeldung bestätigen").click()
    sign_up.refresh_from_db()
    assert sign_up.state == SignUp.State.NEW
    assert sign_up.confirmed_at is not None
    # The organisation hears of it (without personal data in the mail).
    assert mailoutbox[-1].to == [network.organisation.email]


def test_partner_registers_is_published_and_submits_a_project(network, page, mailoutbox, editor):
    from portal.models import User
    from portal.workflow import Status, Transition
    from projects.models import Organisation, Project

    page.goto("/de/partner/")
    with page.expect_navigation():
        page.get_by_role("link", name="Organisation registrieren").click()
    form = page.locator("main form.form")
    form.get_by_label("Name der Organisation").fill("Miteinander Meinersen e. V.")
    form.get_by_label("Verein", exact=True).check()
    form.get_by_label("Ihr Name").fill("Olena Kovalenko")
    form.get_by_label("Ihre E-Mail-Adresse").fill("olena@miteinander.example")
    form.get_by_label("Telefonnummer der Organisation").fill("05372 5555")
    form.locator("#id_password1").fill(network.password)
    form.locator("#id_password2").fill(network.password)
    form.locator("#id_consent").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Registrieren").click()
    assert urlsplit(page.url).path == "/de/partner/registrieren/gesendet/"
    expect(page.locator("main")).to_contain_text("olena@miteinander.example")

    user = User.objects.get(email="olena@miteinander.example")
    organisation = Organisation.objects.get(name="Miteinander Meinersen e. V.")
    assert not user.is_active and organisation.status == Status.DRAFT
    link = link_in_mail(mailoutbox[0], r"^/de/partner/registrieren/bestaetigen/[^/]+/$")
    page.goto(link)
    expect(page.locator("main h1")).to_have_text("Ihre E-Mail-Adresse ist bestätigt")
    user.refresh_from_db()
    organisation.refresh_from_db()
    assert user.is_active and organisation.status == Status.SUBMITTED

    # Staff publish the organisation.
    organisation.apply_transition(Transition.PUBLISH, editor)
    assert page.context.request.get(f"/de/angebote/{organisation.slug}/").status == 200

    landing = partner_login(page, "olena@miteinander.example", network.password)
    assert urlsplit(landing).path == f"/de/partner/{organisation.slug}/"
    expect(page.locator("main h1")).to_have_text(organisation.name)
    expect(page.locator("main")).to_contain_text("Öffentlichen Eintrag ansehen")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="Neues Projekt anlegen").click()
    form = page.locator("main form.form")
    form.get_by_label("Titel auf Deutsch").fill("Nähcafé für alle")
    form.get_by_label("Kurzfassung auf Deutsch").fill("Zugewanderte und Alteingesessene nähen zusammen.")
    form.get_by_label("Beschreibung auf Deutsch").fill("Jeden Donnerstag im Gemeindehaus.")
    form.get_by_label("Ansprechperson", exact=True).fill("Olena Kovalenko")
    with page.expect_navigation():
        form.get_by_role("button", name="Entwurf speichern").click()
    assert urlsplit(page.url).path == f"/de/partner/{organisation.slug}/"
    project = Project.objects.get(title_de="Nähcafé für alle")
    assert (project.status, project.lead_organisation, project.author) == (Status.DRAFT, organisation, user)
    row = page.locator("main table tr", has_text="Nähcafé für alle")
    expect(row).to_contain_text("Entwurf")

    with page.expect_navigation():
        row.get_by_role("link", name=re.compile("^Zur Prüfung einreichen")).click()
    with page.expect_navigation():
        page.get_by_role("button", name="Jetzt einreichen").click()
    assert urlsplit(page.url).path == f"/de/partner/{organisation.slug}/"
    expect(page.locator(".notice[role=status]")).to_contain_text("ist zur Prüfung eingereicht")
    project.refresh_from_db()
    assert project.status == Status.SUBMITTED
    assert any("Nähcafé für alle" in message.subject for message in mailoutbox)


def _focused_id(page):
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def test_volunteer_sign_up_with_the_keyboard_only(network, page, mailoutbox):
    from volunteers.models import SignUp

    page.goto(f"/de/ehrenamtsboerse/{network.opportunity.slug}/")
    tab_to(page, "el => el.id === 'id_name'")

    # Submit the empty form with Enter in the first field.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.hasAttribute('data-error-summary')")
    assert page.title().startswith("Fehler:"), page.title()
    assert_focus_visible(page)
    expect(page.locator("[data-error-summary] a")).to_have_count(3)  # name, e-mail, consent
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")

    # From the summary on, every stop shows its focus; the honeypot field is skipped.
    tab_to(page, "el => el.id === 'id_name'")
    page.keyboard.type("Amira Haddad")
    page.keyboard.press("Tab")
    assert _focused_id(page) == "id_email"
    assert_focus_visible(page)
    page.keyboard.type("amira@beispiel.example")
    tab_to(page, "el => el.id === 'id_languages_0'")
    page.keyboard.press("Space")
    assert page.locator("#id_languages_0").is_checked()
    tab_to(page, "el => el.id === 'id_availability'")
    page.keyboard.type("dienstags ab 16 Uhr")
    tab_to(page, "el => el.id === 'id_consent'")
    page.keyboard.press("Space")
    assert page.locator("#id_consent").is_checked()
    tab_to(page, "el => el.type === 'submit' && el.closest('form.form')")
    assert _focused_id(page) != "id_homepage"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert urlsplit(page.url).path == "/de/ehrenamtsboerse/anmeldung/gesendet/"
    assert not page.title().startswith("Fehler:")
    sign_up = SignUp.objects.get()
    assert (sign_up.name, sign_up.email, sign_up.availability) == (
        "Amira Haddad", "amira@beispiel.example", "dienstags ab 16 Uhr")
    assert [language.code for language in sign_up.volunteer.spoken_languages.all()] == ["ar"]
    assert len(mailoutbox) == 1


# --- screenshots, right to left ---------------------------------------------------------------------------------
SCREENSHOT_VIEWS = {
    "directory": lambda network: f"/{{lang}}/angebote/?{network.filters}",
    "organisation-detail": lambda network: f"/{{lang}}/angebote/{network.organisation.slug}/",
    "opportunity-detail": lambda network: f"/{{lang}}/ehrenamtsboerse/{network.opportunity.slug}/",
    "partner-dashboard": lambda network: f"/{{lang}}/partner/{network.organisation.slug}/",  # logged in
}
RTL = {"ar", "fa"}

# App bugs these screenshots revealed, marked only until the app is fixed: {(view, lang, width): reason}.
KNOWN_LAYOUT_BUGS = {}


def _screenshot_params():
    for view in SCREENSHOT_VIEWS:
        for lang in ("de", "ar", "fa"):
            for width in (390, 1280):
                reason = KNOWN_LAYOUT_BUGS.get((view, lang, width))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(view, lang, width, marks=marks, id=f"{view}-{lang}-{width}")


@pytest.mark.parametrize(("view", "lang", "width"), list(_screenshot_params()))
def test_network_screenshot_reads_in_the_language_direction(network, open_browser, view, lang, width):
    page = open_browser(width=width, height=844 if width < 600 else 900).page
    if view == "partner-dashboard":
        partner_login(page, network.partner.email, network.password, lang=lang)
    response = page.goto(SCREENSHOT_VIEWS[view](network).format(lang=lang))
    assert response.status == 200, f"{page.url}: HTTP {response.status}"
    assert page.locator("html").get_attribute("lang") == lang
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(page, f"{view}-{lang}-{width}")
    if lang in RTL:
        assert_reads_right_to_left(page)
    else:
        assert_reads_left_to_right(page)
    # Nothing may be wider than the viewport (no horizontal scrolling at 390 px, WCAG 1.4.10 Reflow).
    assert overflow <= 0, f"{view} ({lang}, {width}px) scrolls sideways by {overflow}px"


# --- the partner area's tables on a phone -------------------------------------------------------------------------
# Words of every cell, each checked for lying on one line: a table squeezed into 390 px used to break German words
# in the middle ("Aktione|n"). Addresses and e-mail addresses may break at their dots, @ and hyphens.
WORDS_BROKEN_INSIDE = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("main th, main td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest(".visually-hidden")) continue;
      for (const match of node.data.matchAll(/[^\\s@.\\-\\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""
PARTNER_TABLES = {
    "partner-members": "/{lang}/partner/{org}/mitglieder/",
    "partner-sign-ups": "/{lang}/partner/{org}/ehrenamt/anmeldungen/",
    "partner-hours": "/{lang}/partner/{org}/ehrenamt/stunden/",
}


@pytest.fixture
def helped(network):
    """Two confirmed sign-ups for the network's opportunity, with hours noted for one of them."""
    from django.utils import timezone

    from volunteers.models import HoursEntry, SignUp, Volunteer

    now = timezone.now()
    people = (("Mariam Al-Khatib", "mariam@beispiel.example"), ("Oleksandr Kovalenko", "o.k@beispiel.example"))
    for name, email in people:
        volunteer = Volunteer.objects.create(name=name, email=email)
        SignUp.objects.create(opportunity=network.opportunity, volunteer=volunteer, name=name, email=email,
                              state=SignUp.State.ACCEPTED, consent_at=now, confirmed_at=now, contact_made_at=now)
    HoursEntry.objects.create(volunteer=volunteer, organisation=network.organisation, opportunity=network.opportunity,
                              date=now.date(), hours=2, activity="Hausaufgabenbetreuung am Nachmittag",
                              created_by=network.partner)
    return network


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("view", list(PARTNER_TABLES))
def test_partner_tables_become_cards_of_whole_words_on_a_phone(helped, open_browser, view, lang):
    page = open_browser(width=390, height=844, bypass_csp=True).page  # for axe-core
    partner_login(page, helped.partner.email, helped.password, lang=lang)
    response = page.goto(PARTNER_TABLES[view].format(lang=lang, org=helped.organisation.slug))
    assert response.status == 200, f"{page.url}: HTTP {response.status}"
    assert page.locator("main table").count()
    screenshot(page, f"{view}-{lang}-390")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{view} ({lang}) scrolls sideways by {overflow}px"
    assert page.evaluate(WORDS_BROKEN_INSIDE) == []
    assert_no_violations(page)  # the cards keep the table's meaning (roles, headings)
