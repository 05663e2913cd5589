"""Real-browser tests: headless Debian Chromium through Playwright (sync API) against pytest-django's live_server.

Every test in this folder gets the `browser` marker. Without /usr/bin/chromium or node_modules/axe-core they are
skipped with the reason, or fail with it when REQUIRE_BROWSER_TESTS=1 (CI), which also fails the whole session
when no browser test passed (for example all deselected with -m "not browser").
"""

import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from portal.tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, RequestLog, missing_prerequisite

HERE = Path(__file__).resolve().parent
REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"
_STATS = pytest.StashKey[dict]()


def _in_this_folder(item):
    return HERE in Path(item.path).resolve().parents


def _stats(config):
    if _STATS not in config.stash:
        config.stash[_STATS] = {"collected": 0, "deselected": 0, "outcomes": Counter(), "skip_reasons": Counter(),
                                "forced_failure": False}
    return config.stash[_STATS]


# --- markers, skipping, failing -------------------------------------------------------------------------------
# A conftest's pytest_collection_modifyitems sees the items of the whole session: filter by folder. tryfirst, so
# that the `browser` marker is there before `-m browser` / `-m "not browser"` deselects.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    reason = missing_prerequisite()
    stats = _stats(config)
    for item in items:
        if not _in_this_folder(item):
            continue
        item.add_marker(pytest.mark.browser)
        stats["collected"] += 1
        if reason and not REQUIRED:
            item.add_marker(pytest.mark.skip(reason=reason))
        elif reason:
            # A setup failure would count as the expected failure of an xfail test: a missing browser must not.
            item.own_markers[:] = [mark for mark in item.own_markers if mark.name != "xfail"]


def pytest_deselected(items):
    for item in items:
        if _in_this_folder(item):
            _stats(item.config)["deselected"] += 1


_CONFIG = []  # reports do not carry the config


def pytest_configure(config):
    _CONFIG[:] = [config]


# Item hooks of a conftest are only called for the items below it.
def pytest_runtest_setup(item):
    reason = missing_prerequisite()
    if reason and REQUIRED:
        pytest.fail(f"{reason} (REQUIRE_BROWSER_TESTS=1)", pytrace=False)


def pytest_runtest_logreport(report):
    if not _CONFIG:
        return
    stats = _stats(_CONFIG[0])
    outcomes = stats["outcomes"]
    if hasattr(report, "wasxfail"):
        outcomes["xfailed" if report.skipped else "xpassed"] += 1
    elif report.when == "call":
        outcomes[report.outcome] += 1
    elif report.failed:
        outcomes["error"] += 1
    elif report.when == "setup" and report.skipped:
        outcomes["skipped"] += 1
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        stats["skip_reasons"][reason.removeprefix("Skipped: ")] += 1


# Session hooks of a conftest run whatever was selected, as long as pytest collected this folder (it does for
# `pytest`, `pytest portal`, `-m "not browser"`; it does not for `pytest projects` or `--ignore` of this folder).
def pytest_sessionfinish(session, exitstatus):
    stats = _stats(session.config)
    if REQUIRED and stats["outcomes"]["passed"] == 0 and session.exitstatus == 0:
        stats["forced_failure"] = True
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    stats = _stats(config)
    outcomes = stats["outcomes"]
    ran = sum(outcomes[key] for key in ("passed", "failed", "xfailed", "xpassed"))
    parts = [f"{ran} ausgeführt", f"{outcomes['passed']} bestanden"]
    for key, label in (("failed", "fehlgeschlagen"), ("error", "Fehler beim Aufbau"),
                       ("xfailed", "erwartet fehlgeschlagen (xfail)"), ("xpassed", "unerwartet bestanden")):
        if outcomes[key]:
            parts.append(f"{outcomes[key]} {label}")
    if outcomes["skipped"]:
        reasons = "; ".join(f"{count}× {reason}" for reason, count in stats["skip_reasons"].items())
        parts.append(f"{outcomes['skipped']} übersprungen ({reasons})")
    if stats["deselected"]:
        parts.append(f"{stats['deselected']} abgewählt")
    terminalreporter.write_sep("-", "Browser-Tests (Chromium + axe-core)")
    terminalreporter.write_line("Browser-Tests: " + ", ".join(parts) + ".")
    if stats["forced_failure"]:
        terminalreporter.write_line(
            "REQUIRE_BROWSER_TESTS=1, aber kein Browser-Test ist bestanden: der Testlauf gilt als fehlgeschlagen.",
            red=True,
        )


# --- the browser ------------------------------------------------------------------------------------------------
# Package scope: one Chromium for all tests of this folder (they run together), closed with its event loop and
# the async-unsafe permission before the rest of the suite runs.
@pytest.fixture(scope="package")
def browser():
    reason = missing_prerequisite()
    if reason:
        (pytest.fail if REQUIRED else pytest.skip)(reason)
    # Playwright's sync API keeps an event loop in this thread; Django would then refuse ORM calls from tests
    # ("You cannot call this from an async context"). The standard workaround for sync Playwright + Django:
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class BrowserSession:
    """A browser context with its page, the URLs it requested and what the console said."""

    context: object
    page: object
    requests: RequestLog
    console: list = field(default_factory=list)

    def csp_errors(self):
        return [message for message in self.console if "Content Security Policy" in message]


def _open(browser, live_server, *, bypass_csp=False, width=1280, height=900, locale="de-DE"):
    context = browser.new_context(
        base_url=live_server.url, bypass_csp=bypass_csp, viewport={"width": width, "height": height},
        locale=locale, reduced_motion="reduce",
    )
    context.set_default_timeout(15_000)
    requests = RequestLog(context)
    page = context.new_page()
    session = BrowserSession(context=context, page=page, requests=requests)
    page.on("console", lambda message: session.console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: session.console.append(f"pageerror: {error}"))
    return session


@pytest.fixture
def open_browser(browser, live_server):
    """Opens further browser contexts (other viewport, anonymous visitor next to a logged-in one)."""
    sessions = []

    def factory(**options):
        session = _open(browser, live_server, **options)
        sessions.append(session)
        return session

    yield factory
    for session in sessions:
        session.context.close()


@pytest.fixture
def session(open_browser):
    """A visitor with the site's CSP enforced, as real visitors get it."""
    return open_browser()


@pytest.fixture
def page(session):
    return session.page


@pytest.fixture
def axe_page(open_browser):
    """A page whose context bypasses the CSP, so that axe-core can be injected as an inline script."""
    return open_browser(bypass_csp=True).page


# --- content --------------------------------------------------------------------------------------------------
@dataclass
class Site:
    url: str
    home: object
    root: object
    translated: object
    untranslated: object
    news: object
    event: object
    statement: object
    legal: dict
    search_term: str = "Sprach"
    no_result_term: str = "Xylophonbauer"


def _event_start(now):
    """A start in the current (local) month that is still upcoming or running, so that both the home page and
    the month view show it."""
    local = timezone.localtime(now)
    start = local + timedelta(hours=2)
    if start.month != local.month:
        start = local.replace(hour=0, minute=5, second=0, microsecond=0)
    return start


@pytest.fixture
def site(transactional_db, live_server):
    """A small published site: a page tree (one page with an Arabic translation, one without), one news item,
    one event this month, the accessibility statement, the home page and the legal pages."""
    from portal.models import AccessibilityStatement, ContactPerson, Event, HomePage, NewsItem, Page

    published = {"status": "published"}
    root = Page.objects.create(
        slug="integration", position=1, show_in_navigation=True, **published,
        title_de="Integration im Landkreis", title_ar="الاندماج في دائرة جيفهورن",
        summary_de="Angebote der Stabsstelle Integration für Zugewanderte und Engagierte.",
        summary_ar="عروض مكتب الاندماج للقادمين الجدد والمتطوعين.",
        body_de="<h2>Was wir tun</h2><p>Wir beraten, vernetzen und informieren.</p>",
        body_ar="<h2>ماذا نفعل</h2><p>نقدم الاستشارة والتواصل والمعلومات.</p>",
    )
    translated = Page.objects.create(
        slug="sprachkurse", parent=root, position=1, **published,
        title_de="Sprachkurse und Deutsch lernen", title_ar="دورات اللغة وتعلم الألمانية",
        summary_de="Integrationskurse, Sprachcafés und Kurse für Kinder.",
        summary_ar="دورات الاندماج ومقاهي اللغة ودورات للأطفال.",
        body_de="<h2>Integrationskurse</h2><p>Ein Integrationskurs hat 700 Unterrichtsstunden.</p>",
        body_ar="<h2>دورات الاندماج</h2><p>تتكون دورة الاندماج من 700 ساعة تدريس.</p>",
    )
    untranslated = Page.objects.create(
        slug="beratung", parent=root, position=2, **published,
        title_de="Beratung für Zugewanderte",
        summary_de="Migrationsberatung für Erwachsene und Jugendliche.",
        body_de="<h2>Sprechzeiten</h2><p>Dienstag und Donnerstag von 9 bis 12 Uhr im Kreishaus.</p>",
    )
    person = ContactPerson.objects.create(
        name="Amina Yilmaz", role_de="Koordination Sprachkurse", role_ar="تنسيق دورات اللغة",
        phone="05371 82 000", email="sprachkurse@gifhorn.example",
    )
    translated.contact_persons.add(person)
    legal = {}
    for role, slug, title in (
        ("imprint", "impressum", "Impressum"),
        ("privacy", "datenschutz", "Datenschutzerklärung"),
        ("cookies", "cookies", "Cookies"),
        ("easy_language", "leichte-sprache", "Leichte Sprache"),
        ("sign_language", "gebaerdensprache", "Gebärdensprache"),
        ("new_here", "neu-im-landkreis", "Neu im Landkreis"),
    ):
        legal[role] = Page.objects.create(
            slug=slug, role=role, **published, title_de=title, body_de=f"<p>Text der Seite {title}.</p>"
        )
    news = NewsItem.objects.create(
        slug="sprachcafe-eroeffnet", **published,
        title_de="Neues Sprachcafé in Gifhorn eröffnet",
        summary_de="Jeden Mittwoch üben Zugewanderte und Ehrenamtliche zusammen Deutsch.",
        body_de="<p>Das Sprachcafé ist offen für alle. Eine Anmeldung ist nicht nötig.</p>",
    )
    start = _event_start(timezone.now())
    event = Event.objects.create(
        slug="netzwerktreffen-integration", **published, kind="network",
        title_de="Netzwerktreffen Integration", summary_de="Austausch der Ehren- und Hauptamtlichen im Landkreis.",
        description_de="<p>Mit Berichten aus den Kommunen und Zeit für Gespräche.</p>",
        venue_de="Kreishaus, Saal 1", address="Schlossplatz 1, 38518 Gifhorn",
        starts_at=start, ends_at=start.replace(hour=23, minute=30),
    )
    statement = AccessibilityStatement(
        title_de="Erklärung zur Barrierefreiheit",
        introduction_de="<p>Der Landkreis Gifhorn ist bemüht, seine Website barrierefrei zu gestalten.</p>",
        known_barriers_de="<ul><li>Einige ältere PDF-Dateien sind nicht barrierefrei.</li></ul>",
        feedback_contact_de="<p>Telefon 05371 82 000, E-Mail integration@gifhorn.example</p>",
        enforcement_de="<p>Schlichtungsstelle nach dem NBGG beim Landesbeauftragten.</p>",
        enforcement_url="https://schlichtung.example/",
        review_date=timezone.localdate(), review_method_de="Selbstbewertung mit axe-core und Screenreader",
    )
    statement.save()
    home = HomePage(
        title_de="Willkommen im Landkreis Gifhorn", title_ar="مرحبا بكم في دائرة جيفهورن",
        introduction_de="<p>Die Stabsstelle Integration hilft beim Ankommen.</p>",
        introduction_ar="<p>يساعدكم مكتب الاندماج على الاستقرار.</p>",
        easy_language_title="Leichte Sprache",
        easy_language_text="<p>Hier finden Sie Hilfe. Wir helfen Ihnen gern.</p>",
        sign_language_title_de="Gebärdensprache",
        sign_language_text_de="<p>Ein Video in Deutscher Gebärdensprache folgt.</p>",
    )
    home.save()
    return Site(
        url=live_server.url, home=HomePage.load(), root=root, translated=translated, untranslated=untranslated,
        news=news, event=event, statement=statement, legal=legal,
    )


@pytest.fixture
def superuser(transactional_db):
    from portal.models import User

    password = "korrekt-pferd-batterie-heftklammer"
    user = User.objects.create_superuser(email="redaktion@gifhorn.example", password=password, full_name="Redaktion")
    user.raw_password = password
    return user



# --- the network: directory, projects, volunteering, partner area -----------------------------------------------
PARTNER_PASSWORD = "Lindenallee-Gifhorn-42"


@dataclass
class Network:
    organisation: object  # matches the filters thema=sprache & kommune=gifhorn
    other_town: object  # same topic, another municipality
    other_topic: object  # same municipality, another topic
    draft: object  # never shown publicly
    project: object
    opportunity: object
    training: object
    partner: object  # manager of `organisation`, logs in with PARTNER_PASSWORD
    site_url: str
    filters: str = "thema=sprache&kommune=gifhorn"
    password: str = PARTNER_PASSWORD


@pytest.fixture
def network(site):
    """Published organisations with vocabulary to filter by (German, Arabic and Farsi names), a project, an
    opportunity for volunteers, a training, and a partner account of the first organisation."""
    from portal.models import Municipality, SpokenLanguage, TargetGroup, Topic, User
    from projects.models import Membership, Organisation, Project
    from volunteers.models import Opportunity, Training

    language = Topic.objects.create(slug="sprache", name_de="Sprache", name_ar="اللغة", name_fa="زبان", position=1)
    counselling = Topic.objects.create(slug="beratung", name_de="Beratung", name_ar="الاستشارة", name_fa="مشاوره",
                                       position=2)
    gifhorn = Municipality.objects.create(slug="gifhorn", name_de="Stadt Gifhorn", name_ar="مدينة جيفهورن",
                                          name_fa="شهر گیفهورن", latitude=52.48, longitude=10.55, position=1)
    wittingen = Municipality.objects.create(slug="wittingen", name_de="Stadt Wittingen", name_ar="مدينة فيتينغن",
                                            name_fa="شهر ویتینگن", latitude=52.73, longitude=10.74, position=2)
    arabic = SpokenLanguage.objects.create(code="ar", name_de="Arabisch", name_ar="العربية", name_fa="عربی")
    farsi = SpokenLanguage.objects.create(code="fa", name_de="Persisch", name_ar="الفارسية", name_fa="فارسی")
    SpokenLanguage.objects.create(code="uk", name_de="Ukrainisch", name_ar="الأوكرانية", name_fa="اوکراینی")
    families = TargetGroup.objects.create(slug="familien", name_de="Familien", name_ar="العائلات", name_fa="خانواده‌ها")

    published = {"status": "published"}
    organisation = Organisation.objects.create(
        name="Sprachtreff Gifhorn", slug="sprachtreff-gifhorn", kind="verein", **published,
        description_de="<p>Deutschkurse am Abend und ein Sprachcafé für Familien.</p>",
        description_ar="<p>دورات ألمانية مسائية ومقهى لغة للعائلات.</p>",
        description_fa="<p>کلاس‌های آلمانی عصرها و کافه زبان برای خانواده‌ها.</p>",
        street="Steinweg 3", postcode="38518", city="Gifhorn", latitude=52.4787, longitude=10.5466,
        phone="05371 12345", email="kontakt@sprachtreff.example", by_appointment=True, step_free="yes",
        contact_person="Ayşe Demir",
    )
    organisation.topics.add(language)
    organisation.municipalities.add(gifhorn)
    organisation.spoken_languages.add(arabic, farsi)
    organisation.target_groups.add(families)
    other_town = Organisation.objects.create(
        name="Sprachcafé Wittingen", slug="sprachcafe-wittingen", kind="initiative", **published,
        description_de="<p>Deutsch üben bei Kaffee und Kuchen.</p>", city="Wittingen",
        latitude=52.7282, longitude=10.7394,
    )
    other_town.topics.add(language)
    other_town.municipalities.add(wittingen)
    other_topic = Organisation.objects.create(
        name="Migrationsberatung Gifhorn", slug="migrationsberatung-gifhorn", kind="beratung", **published,
        description_de="<p>Beratung zu Aufenthalt, Arbeit und Familie.</p>", city="Gifhorn",
        latitude=52.4822, longitude=10.5501,
    )
    other_topic.topics.add(counselling)
    other_topic.municipalities.add(gifhorn)
    draft = Organisation.objects.create(name="Sprachkreis im Entwurf", slug="sprachkreis-entwurf", status="draft",
                                        city="Gifhorn")
    draft.topics.add(language)
    draft.municipalities.add(gifhorn)

    today = timezone.localdate()
    project = Project.objects.create(
        slug="sprachpatenschaften", lead_organisation=organisation, phase="running", **published,
        title_de="Sprachpatenschaften", title_ar="رعاية لغوية", title_fa="همراهی زبانی",
        summary_de="Ehrenamtliche üben Deutsch mit Neuen.",
        summary_ar="متطوعون يتدربون على الألمانية مع القادمين الجدد.",
        summary_fa="داوطلبان با تازه‌واردان آلمانی تمرین می‌کنند.",
        description_de="<p>Einmal pro Woche, ein Jahr lang.</p>", description_ar="<p>مرة في الأسبوع لمدة عام.</p>",
        description_fa="<p>هفته‌ای یک بار، به مدت یک سال.</p>",
        starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=300),
        contact_name="Ayşe Demir", contact_email="projekt@sprachtreff.example",
    )
    project.topics.add(language)
    project.municipalities.add(gifhorn)
    opportunity = Opportunity.objects.create(
        slug="sprachpatenschaft-familien", organisation=organisation, topic=language, municipality=gifhorn,
        kind="regular", **published,
        title_de="Sprachpatenschaft für Familien", title_ar="رعاية لغوية للعائلات", title_fa="همراهی زبانی خانواده‌ها",
        description_de="<p>Sie treffen eine Familie einmal pro Woche und üben gemeinsam Deutsch.</p>",
        description_ar="<p>تلتقون بعائلة مرة في الأسبوع وتتدربون معا على الألمانية.</p>",
        description_fa="<p>هفته‌ای یک بار با یک خانواده دیدار می‌کنید و با هم آلمانی تمرین می‌کنید.</p>",
        time_needed_de="2 Stunden pro Woche", time_needed_ar="ساعتان في الأسبوع", time_needed_fa="دو ساعت در هفته",
        volunteers_wanted=3, expires_on=today + timedelta(days=60),
    )
    opportunity.helpful_languages.add(arabic, farsi)
    start = timezone.now() + timedelta(days=14)
    training = Training.objects.create(
        slug="interkulturelle-kompetenz", organisation=organisation, municipality=gifhorn, capacity=12, **published,
        title_de="Interkulturelle Kompetenz", title_ar="الكفاءة بين الثقافات", title_fa="شایستگی میان‌فرهنگی",
        summary_de="Ein Abend für Ehrenamtliche in der Sprachpatenschaft.",
        summary_ar="أمسية للمتطوعين في الرعاية اللغوية.", summary_fa="یک شب برای داوطلبان همراهی زبانی.",
        description_de="<p>Mit Übungen und Zeit für Fragen.</p>", description_ar="<p>مع تمارين ووقت للأسئلة.</p>",
        description_fa="<p>با تمرین و زمان برای پرسش.</p>",
        venue_de="Kreishaus, Saal 2", address="Schlossplatz 1, 38518 Gifhorn",
        starts_at=start, ends_at=start + timedelta(hours=3),
    )
    partner = User.objects.create_user(email="leitung@sprachtreff.example", password=PARTNER_PASSWORD,
                                       full_name="Ayşe Demir")
    Membership.objects.create(organisation=organisation, user=partner, role=Membership.Role.MANAGER)
    organisation.invitations.create(email="kollegin@sprachtreff.example", invited_by=partner)
    return Network(organisation=organisation, other_town=other_town, other_topic=other_topic, draft=draft,
                   project=project, opportunity=opportunity, training=training, partner=partner,
                   site_url=site.url)
