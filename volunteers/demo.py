"""Demo content of the volunteering part: Ehrenamtsangebote of the network's organisations and trainings for
volunteers. Dates are relative to today, so the demo never goes stale."""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from portal.demo import read_content, translated
from portal.models import Municipality, SpokenLanguage, Topic
from projects.models import Organisation

from .models import Opportunity, Training

APP_DIR = Path(__file__).resolve().parent


def _read(name):
    return read_content(APP_DIR, name)


def _day(today, days):
    return today + timedelta(days=days) if days is not None else None


def load_opportunities(stdout):
    today = timezone.localdate()
    for item in _read("opportunities.json"):
        opportunity, _created = Opportunity.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "organisation": Organisation.objects.get(slug=item["organisation"]),
                "topic": Topic.objects.filter(slug=item.get("topic")).first(),
                "municipality": Municipality.objects.filter(slug=item.get("municipality")).first(),
                "kind": item.get("kind", Opportunity.Kind.REGULAR),
                "status": item.get("status", "published"),
                "needs_police_certificate": item.get("needs_police_certificate", False),
                "starts_on": _day(today, item.get("starts_in_days")),
                "ends_on": _day(today, item.get("ends_in_days")),
                "volunteers_wanted": item.get("volunteers_wanted", 1),
                "expires_on": _day(today, item.get("expires_in_days")),
                **translated(title=item["title"], description=item.get("description"),
                              time_needed=item.get("time_needed"), requirements=item.get("requirements")),
            },
        )
        opportunity.helpful_languages.set(SpokenLanguage.objects.filter(code__in=item.get("helpful_languages", [])))
    current = Opportunity.objects.current().count()
    return f"{Opportunity.objects.count()} Ehrenamtsangebote, davon {current} aktuell sichtbar"


def load_trainings(stdout):
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for item in _read("trainings.json"):
        day = today + timedelta(days=item["starts_in_days"])
        starts_at = datetime.combine(day, time(item.get("hour", 18), item.get("minute", 0)), tzinfo=tz)
        organisation = item.get("organisation")
        Training.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "organisation": Organisation.objects.get(slug=organisation) if organisation else None,
                "status": item.get("status", "published"),
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(minutes=item.get("duration_minutes", 180)),
                "address": item.get("address", ""),
                "municipality": Municipality.objects.filter(slug=item.get("municipality")).first(),
                "capacity": item.get("capacity", 20),
                **translated(title=item["title"], summary=item["summary"], description=item.get("description"),
                              venue=item.get("venue")),
            },
        )
    return f"{Training.objects.count()} Fortbildungen für Ehrenamtliche"
