"""Zero axe-core violations (WCAG 2.0/2.1/2.2, levels A and AA, the tags of test_accessibility.py) on the pages of
the directory, the map, projects, the volunteer board and the partner area; public pages in German, Arabic,
Farsi and Leichte Sprache, forms in their error state."""

import pytest

from portal.tests.browser.helpers import assert_no_violations, partner_login

PUBLIC_LANGUAGES = ["de", "ar", "fa", "de-x-ls"]
PARTNER_LANGUAGES = ["de", "ar"]  # pages behind the login


def _submit_empty(page):
    with page.expect_navigation():
        page.locator("main form.form [type=submit]").first.click()
    page.wait_for_function("() => document.activeElement && document.activeElement.hasAttribute('data-error-summary')")


def _log_in(page, network, lang):
    partner_login(page, network.partner.email, network.password, lang=lang)


# view → (address with {lang}, before loading (page, network, lang), after loading (page), HTTP status)
PUBLIC_VIEWS = {
    "directory-filtered": (lambda n: f"/{{lang}}/angebote/?{n.filters}", None, None),
    "directory-map": (lambda n: f"/{{lang}}/angebote/karte/?{n.filters}", None, None),
    "organisation-detail": (lambda n: f"/{{lang}}/angebote/{n.organisation.slug}/", None, None),
    "project-list": (lambda n: "/{lang}/projekte/", None, None),
    "project-detail": (lambda n: f"/{{lang}}/projekte/{n.project.slug}/", None, None),
    "opportunity-list": (lambda n: "/{lang}/ehrenamtsboerse/", None, None),
    "opportunity-detail": (lambda n: f"/{{lang}}/ehrenamtsboerse/{n.opportunity.slug}/", None, None),
    "sign-up-error": (lambda n: f"/{{lang}}/ehrenamtsboerse/{n.opportunity.slug}/", None, _submit_empty),
    "training-list": (lambda n: "/{lang}/ehrenamtsboerse/fortbildungen/", None, None),
    "training-detail": (lambda n: f"/{{lang}}/ehrenamtsboerse/fortbildungen/{n.training.slug}/", None, None),
    "partner-landing": (lambda n: "/{lang}/partner/", None, None),
    "partner-login-error": (lambda n: "/{lang}/partner/anmelden/", None, _submit_empty),
    "partner-register-error": (lambda n: "/{lang}/partner/registrieren/", None, _submit_empty),
}
PARTNER_VIEWS = {
    "partner-dashboard": (lambda n: f"/{{lang}}/partner/{n.organisation.slug}/", _log_in, None),
    "partner-project-form": (lambda n: f"/{{lang}}/partner/{n.organisation.slug}/projekte/neu/", _log_in, None),
    "partner-members": (lambda n: f"/{{lang}}/partner/{n.organisation.slug}/mitglieder/", _log_in, None),
}

# Violations found in our templates/CSS, marked only until the app is fixed: {(view, lang or None): reason}.
KNOWN_VIOLATIONS = {}


def _params(views, languages):
    for view in views:
        for lang in languages:
            reason = KNOWN_VIOLATIONS.get((view, lang)) or KNOWN_VIOLATIONS.get((view, None))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            yield pytest.param(view, lang, marks=marks, id=f"{view}-{lang}")


def _check(page, network, views, view, lang):
    address, before, after = views[view]
    if before:
        before(page, network, lang)
    response = page.goto(address(network).format(lang=lang))
    assert response.status == 200, f"{page.url}: HTTP {response.status}"
    assert page.locator("html").get_attribute("lang") == lang
    if after:
        after(page)
    assert_no_violations(page)


@pytest.mark.parametrize(("view", "lang"), list(_params(PUBLIC_VIEWS, PUBLIC_LANGUAGES)))
def test_network_page_has_no_axe_violations(network, axe_page, view, lang):
    _check(axe_page, network, PUBLIC_VIEWS, view, lang)


@pytest.mark.parametrize(("view", "lang"), list(_params(PARTNER_VIEWS, PARTNER_LANGUAGES)))
def test_partner_page_has_no_axe_violations(network, axe_page, view, lang):
    _check(axe_page, network, PARTNER_VIEWS, view, lang)
