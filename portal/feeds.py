from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import NewsItem


class NewsFeed(Feed):
    """Aktuelles as RSS, in the language of the URL prefix."""

    title = _("Aktuelles – Integration im Landkreis Gifhorn")
    description = _("Neuigkeiten der Stabsstelle Integration des Landkreises Gifhorn")
    link = reverse_lazy("portal:news_list")

    def items(self):
        return NewsItem.objects.published().order_by("-date", "-pk")[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.publish_from or item.created_at


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
