"""Helpers for the real-browser tests: axe-core checks, screenshots and the "no other host" check.

The conftest next to this file imports them for its fixtures; the test modules import them from here.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[3]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = PROJECT_DIR / "test-artifacts" / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about"}


def missing_prerequisite():
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return "Chromium fehlt: apt-get install chromium"
    if not AXE_SCRIPT.exists():
        return "axe-core fehlt: npm ci"
    return None


# --- screenshots ----------------------------------------------------------------------------------------------
def screenshot(page, name):
    """A full-page PNG in test-artifacts/screenshots/<name>.png; returns its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- axe-core -------------------------------------------------------------------------------------------------
def axe(page):
    """Inject axe-core (once per document) and run it with the WCAG 2.0–2.2 A/AA rules; returns axe's results.

    add_script_tag inlines the file, which the site's CSP (script-src 'self') blocks: the page must come from
    a browser context opened with bypass_csp=True (the `axe_page` fixture).
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
        if not page.evaluate("() => typeof window.axe === 'object'"):
            pytest.fail("axe-core was not injected: is the page from a context with bypass_csp=True?")
    return page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )


def format_violations(violations, url=""):
    lines = [f"{len(violations)} axe violation(s){' on ' + url if url else ''}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}] {violation['help']} "
            f"({len(violation['nodes'])} element(s)) {violation.get('helpUrl', '')}"
        )
        for node in violation["nodes"][:3]:
            target = _node_target(node)
            html = re.sub(r"\s+", " ", node.get("html", ""))[:200]
            lines.append(f"    target: {target}")
            lines.append(f"      html: {html}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")[:300]
            if summary:
                lines.append(f"       why: {summary}")
    return "\n".join(lines)


def _node_target(node):
    return " ".join(str(part) for part in node.get("target", []))


def assert_no_violations(page, allow=()):
    """Fail with a readable list when axe finds violations.

    `allow`: rule ids tolerated for admin internals only (say why in a comment where it is passed). Either an
    iterable of rule ids, or a mapping {rule id: regular expression}: then only the failing elements whose axe
    target selector matches the expression are tolerated, so that the same rule still catches our own markup.
    """
    patterns = dict(allow) if isinstance(allow, dict) else dict.fromkeys(allow)
    results = axe(page)
    violations = []
    for violation in results["violations"]:
        if violation["id"] in patterns:
            pattern = patterns[violation["id"]]
            if pattern is None:
                continue
            nodes = [node for node in violation["nodes"] if not re.search(pattern, _node_target(node))]
            if not nodes:
                continue
            violation = {**violation, "nodes": nodes}
        violations.append(violation)
    if violations:
        pytest.fail(format_violations(violations, page.url), pytrace=False)
    return results


# --- requests to other hosts ----------------------------------------------------------------------------------
class RequestLog:
    """Every URL a browser context requests (pages, styles, scripts, images, fonts, fetches, favicons)."""

    def __init__(self, context):
        self.urls = []
        context.on("request", lambda request: self.urls.append(request.url))

    def clear(self):
        self.urls.clear()


def foreign_requests(urls, base_url):
    """The URLs that went to another scheme, host or port than `base_url`."""
    own = urlsplit(base_url)
    foreign = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if (parts.scheme, parts.hostname, parts.port) != (own.scheme, own.hostname, own.port):
            foreign.append(url)
    return foreign


def assert_no_foreign_requests(urls, base_url):
    foreign = foreign_requests(urls, base_url)
    assert not foreign, f"requests to another host than {base_url}:\n" + "\n".join(f"  {url}" for url in foreign)


# --- focus ----------------------------------------------------------------------------------------------------
FOCUS_STYLE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim().slice(0, 60),
    outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth, outlineColor: style.outlineColor,
    boxShadow: style.boxShadow,
  };
}"""


def focus_style(page):
    return page.evaluate(FOCUS_STYLE_JS)


def focus_is_visible(style):
    if style is None:
        return False
    has_outline = style["outlineStyle"] != "none" and style["outlineWidth"] not in ("0px", "")
    return has_outline or style["boxShadow"] != "none"


def assert_focus_visible(page):
    style = focus_style(page)
    assert focus_is_visible(style), f"focus is not visible on {style}"
    return style


# --- admin ----------------------------------------------------------------------------------------------------
def admin_login(page, user, password):
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("#login-form [type=submit]").click()
    assert "/admin/login/" not in page.url, f"admin login failed: {page.locator('.errornote').all_inner_texts()}"


def tab_to(page, predicate_js, check_focus=True, max_tabs=60):
    """Press Tab until `predicate_js` (a JS function of document.activeElement) is true; every element on the
    way must show a visible focus indicator. Returns the focus style of the element reached."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        style = focus_style(page)
        if check_focus:
            assert focus_is_visible(style), f"focus not visible on {style}"
        if page.evaluate(f"() => ({predicate_js})(document.activeElement)"):
            return style
    pytest.fail(f"no element matching {predicate_js} within {max_tabs} Tab presses")


# --- partner area and mails -----------------------------------------------------------------------------------
def partner_login(page, email, password, lang="de"):
    """Log in through the partner area's form; returns the page's address afterwards."""
    page.goto(f"/{lang}/partner/anmelden/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.locator("main form.form [type=submit]").click()
    assert "/partner/anmelden/" not in page.url, (
        f"partner login failed: {page.locator('[data-error-summary]').all_inner_texts()}"
    )
    return page.url


def link_in_mail(message, pattern):
    """The path (without scheme and host: mails may name SITE_URL, not the live server) of the first link in
    `message` whose path matches the regular expression `pattern`."""
    for match in re.finditer(r"https?://[^/\s]+(/\S+)", message.body):
        if re.search(pattern, match.group(1)):
            return match.group(1)
    pytest.fail(f"no link matching {pattern} in the mail {message.subject!r}:\n{message.body}")


# --- right to left --------------------------------------------------------------------------------------------
HEADING_BOX_JS = """() => {
  const heading = document.querySelector('main h1');
  if (!heading) return null;
  const range = document.createRange();
  range.selectNodeContents(heading);
  const box = range.getBoundingClientRect();
  return {left: box.left, right: box.right, width: box.width, text: heading.textContent.trim(),
          viewport: document.documentElement.clientWidth};
}"""


def heading_position(page):
    """Where the text of the main heading sits: its distance to the left and to the right edge of the viewport.
    Measured on the text (a Range), not on the block <h1>, which spans the whole column either way."""
    box = page.evaluate(HEADING_BOX_JS)
    assert box, f"no <h1> in <main> on {page.url}"
    return {**box, "left_gap": box["left"], "right_gap": box["viewport"] - box["right"]}


def assert_reads_right_to_left(page):
    html = page.locator("html")
    assert html.get_attribute("dir") == "rtl", f"{page.url}: <html dir={html.get_attribute('dir')!r}>"
    box = heading_position(page)
    assert box["right_gap"] < box["left_gap"], (
        f"{page.url}: the main heading {box['text']!r} is not right-aligned "
        f"(left gap {box['left_gap']:.0f}px, right gap {box['right_gap']:.0f}px, viewport {box['viewport']}px)"
    )


def assert_reads_left_to_right(page):
    html = page.locator("html")
    assert html.get_attribute("dir") in (None, "ltr"), f"{page.url}: <html dir={html.get_attribute('dir')!r}>"
    box = heading_position(page)
    assert box["left_gap"] < box["right_gap"], (
        f"{page.url}: the main heading {box['text']!r} is not left-aligned "
        f"(left gap {box['left_gap']:.0f}px, right gap {box['right_gap']:.0f}px)"
    )
