"""What residents and staff do on the portal, in a real browser (Chromium) with the site's CSP enforced."""

import pytest
from playwright.sync_api import expect

from portal.tests.browser.helpers import (
    admin_login,
    assert_focus_visible,
    assert_no_foreign_requests,
    screenshot,
    tab_to,
)


def choose_language(page, name):
    switcher = page.locator("details.language-switcher")
    switcher.locator("summary").click()
    expect(switcher).to_have_attribute("open", "")
    with page.expect_navigation():
        switcher.get_by_role("link", name=name, exact=True).click()


def test_language_switcher_to_arabic_and_back(site, page):
    page.goto(f"/de/{site.translated.path}/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("h1")).to_have_text(site.translated.title_de)

    choose_language(page, "العربية")
    assert page.url == f"{site.url}/ar/{site.translated.path}/"
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("h1")).to_have_text(site.translated.title_ar)
    expect(page.locator(".notice--fallback")).to_have_count(0)

    choose_language(page, "Deutsch")
    assert page.url == f"{site.url}/de/{site.translated.path}/"
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("h1")).to_have_text(site.translated.title_de)


def test_untranslated_page_in_arabic_marks_german_text(site, page):
    page.goto(f"/ar/{site.untranslated.path}/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator(".notice--fallback")).to_be_visible()
    title = page.locator("h1 [lang=de]")
    expect(title).to_have_text(site.untranslated.title_de)
    expect(title).to_have_attribute("dir", "ltr")
    body = page.locator(".prose [lang=de]")
    expect(body).to_contain_text("Dienstag und Donnerstag")
    # The German title in the breadcrumbs is marked as well.
    expect(page.locator(".breadcrumbs [aria-current] [lang=de]")).to_have_text(site.untranslated.title_de)


def test_search_from_the_header(site, page):
    page.goto("/de/")
    search = page.locator("form.header-search")
    search.get_by_role("searchbox").fill(site.search_term)
    with page.expect_navigation():
        search.get_by_role("searchbox").press("Enter")
    assert "/de/suche/?q=" in page.url
    results = page.locator(".search-result")
    expect(results.first).to_be_visible()
    titles = results.locator("h3").all_inner_texts()
    assert site.translated.title_de in titles
    assert site.news.title_de in titles
    expect(page.locator("#id_q")).to_have_value(site.search_term)


def test_feedback_form_with_the_keyboard_only(site, page, mailoutbox):
    from portal.models import FeedbackTicket

    page.goto("/de/barriere-melden/")
    tab_to(page, "el => el.id === 'id_page_url'")

    # Submit empty with Enter in the first field.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.hasAttribute('data-error-summary')")
    assert page.title().startswith("Fehler:"), page.title()
    assert_focus_visible(page)
    expect(page.locator("[data-error-summary] a")).to_have_count(2)
    expect(page.locator("#id_page_url")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_description")).to_have_attribute(
        "aria-describedby", "id_description_helptext id_description_error"
    )

    # From the summary, the keyboard reaches the fields in order; the honeypot field is skipped.
    tab_to(page, "el => el.id === 'id_page_url'")
    page.keyboard.type(f"{site.url}/de/veranstaltungen/")
    for field_id, text in (
        ("id_description", "Der Monatswechsel ist mit dem Screenreader nicht zu erreichen."),
        ("id_name", "Erika Mustermann"),
        ("id_email", "erika@beispiel.de"),
    ):
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.id") == field_id
        assert_focus_visible(page)
        page.keyboard.type(text)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("/de/barriere-melden/danke/")
    expect(page.locator("h1")).to_have_text("Vielen Dank für Ihre Meldung")
    assert not page.title().startswith("Fehler:")
    ticket = FeedbackTicket.objects.get()
    assert ticket.email == "erika@beispiel.de"
    assert ticket.language == "de"
    assert len(mailoutbox) == 1


def test_staff_edit_translations_in_admin_and_publish(site, superuser, open_browser):
    from portal.models import Page

    draft = Page.objects.create(
        slug="termine-im-rathaus", status="draft", title_de="Alter Titel", title_en="Old title",
        body_de="<p>Termine im Rathaus nach Vereinbarung.</p>",
    )
    staff = open_browser()
    page = staff.page
    admin_login(page, superuser, superuser.raw_password)
    page.goto(f"/admin/portal/page/{draft.pk}/change/")
    # modeltranslation's tabs: one jQuery UI tab list per translated field, tab text = language code.
    english_tab = page.locator(".ui-tabs-nav a[href='#tab_id_title_en']")
    expect(english_tab).to_be_visible()
    english_tab.click()
    expect(page.locator("#id_title_en")).to_be_visible()
    page.locator("#id_title_en").fill("Appointments at the town hall")
    page.locator(".ui-tabs-nav a[href='#tab_id_title_de']").click()
    expect(page.locator("#id_title_de")).to_be_visible()
    page.locator("#id_title_de").fill("Termine im Rathaus")
    workflow = page.locator("select[name=workflow_action]")
    if workflow.count():
        workflow.select_option(label="Veröffentlichen")
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()

    draft.refresh_from_db()
    assert draft.status == "published"
    visitor = open_browser().page
    visitor.goto("/de/termine-im-rathaus/")
    expect(visitor.locator("h1")).to_have_text("Termine im Rathaus")
    visitor.goto("/en/termine-im-rathaus/")
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.locator("h1")).to_have_text("Appointments at the town hall")


def test_admin_change_form_without_script_errors(site, superuser, session):
    page = session.page
    admin_login(page, superuser, superuser.raw_password)
    page.goto(f"/admin/portal/page/{site.translated.pk}/change/", wait_until="networkidle")
    errors = [line for line in session.console if line.startswith(("error:", "pageerror:"))
              and "favicon" not in line and "status of 404" not in line]
    assert not errors, "\n".join(errors)
    # Every language, Leichte Sprache included, is one tab of each translated field.
    tabs = [tab.strip() for tab in page.locator(".ui-tabs-nav").first.locator("a").all_inner_texts()]
    assert len(tabs) == 8 and tabs[1].lower() == "leichte sprache", tabs
    assert "undefined" not in " ".join(tabs).lower()
    # The rich-text editor loaded (its import map is allowed by hash, nothing else inline).
    assert page.locator(".prose-editor").count() > 0


@pytest.mark.parametrize("path", ["/de/", "/de/integration/sprachkurse/", "/de/barriere-melden/"])
def test_no_request_to_another_host(site, session, path):
    page = session.page
    page.goto(path, wait_until="networkidle")
    # Open the language menu and the details elements: nothing they show may load from elsewhere either.
    page.locator("details.language-switcher summary").click()
    page.wait_for_load_state("networkidle")
    assert len(session.requests.urls) > 1
    assert_no_foreign_requests(session.requests.urls, site.url)
    assert not session.csp_errors(), session.csp_errors()


def _views(site):
    return [
        ("home", "/{lang}/", None),
        ("info-page", f"/{{lang}}/{site.translated.path}/", None),
        ("news-list", "/{lang}/aktuelles/", None),
        ("event-list", "/{lang}/veranstaltungen/", None),
        ("feedback-error", "/{lang}/barriere-melden/", "submit_empty"),
        ("search-results", f"/{{lang}}/suche/?q={site.search_term}", None),
    ]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["de", "ar"])
def test_screenshots(site, open_browser, lang, width):
    page = open_browser(width=width, height=844 if width < 600 else 900).page
    for name, path, action in _views(site):
        page.goto(path.format(lang=lang))
        if action == "submit_empty":
            with page.expect_navigation():
                page.locator("form.form [type=submit]").click()
            page.wait_for_function("() => document.activeElement.hasAttribute('data-error-summary')")
        # Nothing may be wider than the viewport (no horizontal scrolling at 390 px, WCAG 1.4.10 Reflow).
        overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        screenshot(page, f"{name}-{lang}-{width}")
        assert overflow <= 0, f"{name} ({lang}, {width}px) scrolls sideways by {overflow}px"
