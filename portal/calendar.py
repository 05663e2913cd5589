"""Event dates: expanding recurrences for the month view, and iCalendar files (one event or a feed)."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as ICalEvent

FREQUENCIES = {"WEEKLY": WEEKLY, "MONTHLY": MONTHLY}
DAY = timedelta(days=1)


@dataclass
class Occurrence:
    event: object
    starts_at: datetime
    ends_at: datetime


def _dates(event, start, end):
    local_start = timezone.localtime(event.starts_at)
    if not event.recurrence:
        return [local_start]
    until = datetime.combine(event.recurrence_until, time.max, tzinfo=local_start.tzinfo)
    # rrule works on naive wall-clock times so a weekly 18:00 meeting stays at 18:00 across DST changes.
    naive = rrule(FREQUENCIES[event.recurrence], dtstart=local_start.replace(tzinfo=None),
                  until=until.replace(tzinfo=None))
    tz = timezone.get_current_timezone()
    window_start = timezone.localtime(start).replace(tzinfo=None) - event.duration
    window_end = timezone.localtime(end).replace(tzinfo=None)
    return [moment.replace(tzinfo=tz) for moment in naive.between(window_start, window_end, inc=True)]


def occurrences_between(events, start, end):
    """Every occurrence of `events` (a queryset) that overlaps [start, end), in time order."""
    single = Q(recurrence="") & (Q(ends_at__gte=start) | Q(ends_at__isnull=True, starts_at__gte=start - DAY))
    repeating = ~Q(recurrence="") & Q(recurrence_until__gte=start.date())
    candidates = events.filter(starts_at__lt=end).filter(single | repeating)
    found = []
    for event in candidates:
        for moment in _dates(event, start, end):
            finish = moment + event.duration
            if finish > start and moment < end:
                found.append(Occurrence(event, moment, finish))
    return sorted(found, key=lambda occurrence: (occurrence.starts_at, occurrence.event.pk))


def to_ical(event, request=None):
    """One VEVENT for anything event-like (portal events, volunteer trainings)."""
    entry = ICalEvent()
    host = settings.SITE_URL.split("//", 1)[-1]
    entry.add("uid", f"event-{event.pk}@{host}")
    entry.add("summary", event.title)
    entry.add("dtstart", event.starts_at)
    entry.add("dtend", event.starts_at + event.duration)
    entry.add("dtstamp", event.updated_at)
    if event.summary:
        entry.add("description", event.summary)
    place = ", ".join(part for part in (event.venue, event.address) if part)
    if place:
        entry.add("location", place)
    path = event.get_absolute_url()
    entry.add("url", request.build_absolute_uri(path) if request else settings.SITE_URL + path)
    if getattr(event, "recurrence", ""):
        until = datetime.combine(event.recurrence_until, time.max, tzinfo=timezone.get_current_timezone())
        entry.add("rrule", {"freq": event.recurrence, "until": until})
    return entry


def build_calendar(events, request=None, name=""):
    calendar = Calendar()
    calendar.add("prodid", "-//Landkreis Gifhorn//Integrationsportal//DE")
    calendar.add("version", "2.0")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(to_ical(event, request))
    return calendar


def ics_response(events, filename, request=None):
    calendar = build_calendar(events, request, name=str(settings.PORTAL_NAME))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
