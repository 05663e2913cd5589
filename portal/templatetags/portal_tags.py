"""Template helpers every page uses: translated fields with a visible German fallback, images, query strings."""

from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from portal.cache import cached
from portal.context_processors import url_in

register = template.Library()

# What differs from page to page inside the header and footer, put in after the cached part.
LAYOUT_SLOTS = {"language_switcher": mark_safe("<!--language-switcher-->"), "page_path": "--page-path--"}


def _is_fallback(obj, field):
    language = translation.get_language()
    if language == settings.LANGUAGE_CODE:
        return False
    has_own = getattr(obj, "has_own_text", None)
    return has_own is not None and not has_own(field, language) and bool(getattr(obj, field))


@register.simple_tag(takes_context=True)
def layout_part(context, template_name):
    """Header or footer: the same on every page of a language until content changes, so rendered once per
    language and content version (`cached`). Then this page's parts go in: the language switcher with its
    addresses, the page's own address, and aria-current="page" on every link that leads to this page."""
    language = translation.get_language()
    html = cached(f"layout:{template_name}:{language}",
                  lambda: render_to_string(template_name, {**context.flatten(), "slots": LAYOUT_SLOTS}))
    path = context["request"].path
    if LAYOUT_SLOTS["language_switcher"] in html:
        html = html.replace(LAYOUT_SLOTS["language_switcher"], _in_every_language(context, language, SWITCHER))
    html = html.replace(LAYOUT_SLOTS["page_path"], escape(quote(path, safe="/")))
    link = f'<a href="{escape(path)}">'
    return mark_safe(html.replace(link, link[:-1] + ' aria-current="page">'))


SWITCHER = "portal/partials/language_switcher.html"
REST_SLOT = "--rest-of-address--"


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """<link rel="alternate" hreflang> to this page in every language, for search engines."""
    return mark_safe(_in_every_language(context, translation.get_language(), "portal/partials/alternate_links.html"))


def _in_every_language(context, language, template_name):
    """Markup that links this page in every language (the language switcher, the alternate links). Those
    addresses are this page's address with another language prefix (our URL patterns are the same in every
    language), so it is rendered once per language with a slot for the rest of the address; an address
    without the prefix (rare) gets its own rendering."""
    prefix = f"/{language}/"
    address = context["request"].get_full_path()
    values = {"portal_languages": context["portal_languages"], "origin": context["origin"]}
    if not address.startswith(prefix):
        return render_to_string(template_name, values)

    def render_with_slot():
        languages = [{**entry, "url": url_in(prefix + REST_SLOT, language, entry["code"])}
                     for entry in values["portal_languages"]]
        return render_to_string(template_name, {**values, "portal_languages": languages})

    html = cached(f"in-every-language:{template_name}:{language}:{values['origin']}", render_with_slot)
    return html.replace(REST_SLOT, escape(address[len(prefix):]))


@register.simple_tag
def tr(obj, field, html=False):
    """The field in the visitor's language; German text shown in its place is marked lang="de" dir="ltr".

    `html=True` for rich text (already cleaned on save), which is wrapped in a <div> instead of a <span>.
    """
    value = getattr(obj, field) or ""
    content = mark_safe(value) if html else value
    if not _is_fallback(obj, field):
        return content if html else format_html("{}", content)
    if html:
        return format_html('<div lang="{}" dir="ltr">{}</div>', settings.LANGUAGE_CODE, content)
    return format_html('<span lang="{}" dir="ltr">{}</span>', settings.LANGUAGE_CODE, content)


@register.simple_tag
def is_fallback(obj, *fields):
    """True when any of the fields shows German text because the visitor's language has none."""
    return any(_is_fallback(obj, field) for field in fields)


@register.inclusion_tag("portal/partials/picture.html")
def picture(image, sizes="(min-width: 60rem) 50rem, 100vw", css_class=""):
    return {"image": image, "sizes": sizes, "css_class": css_class}


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination keeps the filters)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"



@register.filter
def accessible_widget(field):
    """The field's widget linked to its hint and error text, and marked invalid when it has errors."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    attrs = {}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def clock(duration):
    """A duration as minutes:seconds, e.g. 2:05."""
    if not duration:
        return ""
    seconds = int(duration.total_seconds())
    return f"{seconds // 60}:{seconds % 60:02d}"
