"""sitemap.xml with hreflang alternates. Other apps add their sections with `register(key, sitemap_class)`."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Event, NewsItem, Page

sections = {}


def register(key, sitemap_class):
    sections[key] = sitemap_class


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticSitemap(PortalSitemap):
    def items(self):
        return ["portal:home", "portal:news_list", "portal:event_list", "portal:accessibility", "portal:feedback"]

    def location(self, item):
        return reverse(item)


class PageSitemap(PortalSitemap):
    def items(self):
        return Page.objects.published().order_by("path")

    def lastmod(self, obj):
        return obj.updated_at


class NewsSitemap(PortalSitemap):
    def items(self):
        return NewsItem.objects.published().order_by("-date")

    def lastmod(self, obj):
        return obj.updated_at


class EventSitemap(PortalSitemap):
    def items(self):
        return Event.objects.published().order_by("starts_at")


register("static", StaticSitemap)
register("pages", PageSitemap)
register("news", NewsSitemap)
register("events", EventSitemap)
