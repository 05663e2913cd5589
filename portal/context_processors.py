from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from . import navigation
from .cache import cached
from .models import Page


def _navigation():
    return list(Page.objects.in_navigation().order_by("position", "title_de"))


def _footer_pages():
    pages = Page.objects.published().exclude(role="")
    return {page.role: page for page in pages}


def _url_in(path, language, code):
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
            "url": _url_in(path, language, code),
            "bidi": code.split("-")[0] in settings.LANGUAGES_BIDI,
            "current": code == language,
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "portal_name": settings.PORTAL_NAME,
        "navigation": cached(f"nav:{language}", _navigation),
        "extra_navigation": navigation.entries(),
        "footer_pages": cached(f"footer:{language}", _footer_pages),
        "portal_languages": languages,
        "site_url": settings.SITE_URL,
    }
