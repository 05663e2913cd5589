from django.urls import path

from . import views
from .feeds import NewsAtomFeed, NewsFeed

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("aktuelles/", views.news_list, name="news_list"),
    path("aktuelles/feed/rss/", NewsFeed(), name="news_rss"),
    path("aktuelles/feed/atom/", NewsAtomFeed(), name="news_atom"),
    path("aktuelles/<slug:slug>/", views.news_detail, name="news_detail"),
    path("veranstaltungen/", views.event_list, name="event_list"),
    path("veranstaltungen/kalender.ics", views.event_feed_ics, name="event_feed_ics"),
    path("veranstaltungen/<slug:slug>/", views.event_detail, name="event_detail"),
    path("veranstaltungen/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("barrierefreiheit/", views.accessibility_statement, name="accessibility"),
    path("barriere-melden/", views.feedback, name="feedback"),
    path("barriere-melden/danke/", views.feedback_thanks, name="feedback_thanks"),
    path("suche/", views.site_search, name="search"),
    # Info pages take every address nothing else claims: keep this last, and include portal.urls after the
    # other apps in gifhorn_integration.urls.
    path("<path:path>/", views.page_detail, name="page"),
]
