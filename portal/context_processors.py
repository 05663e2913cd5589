from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from . import navigation
from .cache import cached
from .models import Page


def _navigation():
    return list(Page.objects.in_navigation().order_by("position", "title_de"))


def _role_pages():
    """{role: page} of the pages with a role (imprint, privacy, "new here", …): footer and home page link them."""
    pages = Page.objects.published().exclude(role="")
    return {page.role: page for page in pages}


def url_in(path, language, code):
    """The same page in another language. Our URL patterns are the same in every language (only the prefix
    differs), so swapping the prefix is enough; anything else goes through Django's translate_url."""
    prefix = f"/{language}/"
    return f"/{code}/{path[len(prefix):]}" if path.startswith(prefix) else translate_url(path, code)


def portal(request):
    """What the base layout needs on every page: navigation, footer links, the language switcher."""
    language = translation.get_language()
    path = request.get_full_path()
    languages = [
        {
            "code": code,
            "name": name,
            "url": url_in(path, language, code),
            "bidi": code.split("-")[0] in settings.LANGUAGES_BIDI,
            "current": code == language,
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "portal_name": settings.PORTAL_NAME,
        "origin": f"{request.scheme}://{request.get_host()}",  # canonical and alternate addresses
        "navigation": cached("navigation", _navigation),
        "extra_navigation": navigation.entries(),
        "role_pages": cached("role-pages", _role_pages),
        "portal_languages": languages,
        "site_url": settings.SITE_URL,
    }
