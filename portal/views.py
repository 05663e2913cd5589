from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.db.models import Count, Window
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import calendar, navigation, search
from .cache import cached
from .forms import FeedbackForm, SearchForm
from .models import AccessibilityStatement, Event, HomePage, NewsItem, Page
from .spam import anonymous_public_form, rate_limited
from .translation_status import defer_translated

PAGE_SIZE = 10


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A page of results; any bad `seite` value gives the first or last page, never an error."""
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("seite"))


def _home_news():
    return list(defer_translated(NewsItem.objects.latest(3), "body").select_related("image"))


def _home_events():
    return list(defer_translated(Event.objects.upcoming(), "description").select_related("municipality")[:3])


def home(request):
    # Everything on it changes only with content, like the navigation: kept in memory per content version (and
    # for five minutes at most, so a scheduled news item or an event that has ended shows as it should).
    language = translation.get_language()
    context = {
        "home": cached("home-page", HomePage.load),
        "focus_pages": _focus_pages(),
        "news": cached(f"home-news:{language}", _home_news),
        "events": cached(f"home-events:{language}", _home_events),
        "entry_points": navigation.entry_points(),
    }
    return render(request, "portal/home.html", context)


SECTION_NAV_LIMIT = 20


def _page_tree():
    """The published pages without their bodies, by path and by parent, in their order: the breadcrumbs, the
    section navigation and the sub-pages of every info page. Kept in memory like the navigation."""
    pages = list(defer_translated(Page.objects.published(), "body").order_by("position", "title_de"))
    children = defaultdict(list)
    for page in pages:
        children[page.parent_id].append(page)
    return {page.path: page for page in pages}, children


def page_tree():
    return cached(f"page-tree:{translation.get_language()}", _page_tree)


def _focus_pages():
    """The fields of action: the first pages of the section "integration"."""
    by_path, children_of = page_tree()
    section = by_path.get("integration")
    return children_of.get(section.pk, [])[:6] if section else []


def page_detail(request, path):
    page = get_object_or_404(
        defer_translated(Page.objects.visible_to(request.user), "parent__body", related=["image", "parent"])
        .select_related("image", "parent"),
        path=path,
    )
    # Around the page, visitors see published pages only; so does staff's preview of a draft.
    by_path, children_of = page_tree()
    ancestors = [by_path[ancestor] for ancestor in page.ancestor_paths() if ancestor in by_path]
    children = children_of.get(page.pk, [])
    # The side navigation lists the section's pages when they fit on a screen; a longer list is no help to find
    # one's way (the breadcrumb leads to the section page, which lists them all).
    siblings = children_of.get(page.parent_id, []) if page.parent_id else []
    if len(siblings) > SECTION_NAV_LIMIT:
        siblings = []
    contact_persons = page.contact_persons.select_related("photo")
    return render(
        request,
        "portal/page_detail.html",
        {
            "page": page,
            "ancestors": ancestors,
            "children": children,
            "siblings": siblings,
            "contact_persons": contact_persons,
            "downloads": page.downloads.all(),
        },
    )


def news_list(request):
    items = paginate(request, defer_translated(NewsItem.objects.published(), "body").select_related("image")
                     .order_by("-date", "-pk"))
    return render(request, "portal/news_list.html", {"page_obj": items})


def news_detail(request, slug):
    item = get_object_or_404(
        defer_translated(NewsItem.objects.visible_to(request.user), related=["image"]).select_related("image"),
        slug=slug,
    )
    return render(request, "portal/news_detail.html", {"item": item})


def _month_from(value):
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1) if 2000 <= year <= 2100 and 1 <= month <= 12 else None
    except ValueError:
        return None


def event_list(request):
    today = timezone.localdate()
    month = _month_from(request.GET.get("monat")) or today.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    previous_month = (month - timedelta(days=1)).replace(day=1)
    tz = timezone.get_current_timezone()
    start = datetime.combine(month, time.min, tzinfo=tz)
    end = datetime.combine(next_month, time.min, tzinfo=tz)
    occurrences = calendar.occurrences_between(
        defer_translated(Event.objects.published(), "description").select_related("municipality"), start, end
    )
    return render(
        request,
        "portal/event_list.html",
        {
            "month": month,
            "next_month": next_month,
            "previous_month": previous_month,
            "occurrences": occurrences,
        },
    )


def event_detail(request, slug):
    event = get_object_or_404(
        defer_translated(Event.objects.visible_to(request.user), related=["municipality", "image"])
        .select_related("municipality", "image"),
        slug=slug,
    )
    return render(request, "portal/event_detail.html", {"event": event})


def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return calendar.ics_response([event], filename=f"{event.slug}.ics", request=request)


def event_feed_ics(request):
    events = Event.objects.published().filter(starts_at__gte=timezone.now() - timedelta(days=90))
    return calendar.ics_response(events, filename="veranstaltungen.ics", request=request)


def accessibility_statement(request):
    statement = AccessibilityStatement.objects.first()
    if statement is None:
        raise Http404
    return render(request, "portal/accessibility.html", {"statement": statement})


@anonymous_public_form
def feedback(request):
    form = FeedbackForm(request.POST or None, initial={"page_url": request.GET.get("seite", "")[:500]})
    if request.method == "POST":
        if rate_limited(request, "feedback", limit=5):
            form.add_error(None, _("Sie haben in kurzer Zeit sehr viele Meldungen gesendet. "
                                   "Bitte versuchen Sie es in einer Stunde noch einmal."))
        elif form.is_valid():
            ticket = form.save(commit=False)
            ticket.language = translation.get_language()
            ticket.save()
            admin_url = reverse("admin:portal_feedbackticket_change", args=[ticket.pk])
            send_mail(
                f"Barriere-Meldung: {ticket.page_url[:60]}",
                f"{ticket.description}\n\n{settings.SITE_URL}{admin_url}",
                None,
                [settings.STAFF_NOTIFICATION_EMAIL],
            )
            return redirect("portal:feedback_thanks")
    return render(request, "portal/feedback.html", {"form": form})


def feedback_thanks(request):
    return render(request, "portal/feedback_thanks.html")


def site_search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    language = translation.get_language()
    selected = search.get_source(request.GET.get("typ", ""))
    groups = []
    page_obj = None
    if query:
        if selected:
            page_obj = paginate(request, search.search(selected, query, language))
        else:
            for source in search.sources():
                # One query per kind: the first five hits, each carrying the number of all hits.
                top = list(search.search(source, query, language).annotate(total=Window(Count("pk")))[:5])
                if top:
                    groups.append({"source": source, "results": top, "count": top[0].total})
    return render(
        request,
        "portal/search.html",
        {"form": form, "query": query, "groups": groups, "selected": selected, "page_obj": page_obj},
    )


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (for the load balancer and monitoring)."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/partner/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")



def bench_ceiling(request):
    """A fixed short answer: what the server stack can do at most (only routed in benchmark runs)."""
    return HttpResponse("ok", content_type="text/plain")
