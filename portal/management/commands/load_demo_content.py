"""Fill the database with realistic demo content. Idempotent: run it as often as you like.

The texts live in portal/demo_content/*.json (the Stabsstelle's own words, with translations). Other apps add
their steps by registering a callable with `portal.demo.register_step` in their AppConfig.ready().
"""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal import demo
from portal.demo import translated
from portal.models import (
    AccessibilityStatement,
    ContactPerson,
    Event,
    HomePage,
    Municipality,
    NewsItem,
    Page,
    TargetGroup,
    Topic,
)
from portal.workflow import Status

APP_DIR = Path(__file__).resolve().parents[2]


def read(name):
    return demo.read_content(APP_DIR, name)


def load_vocabulary(stdout):
    data = read("vocabulary.json")
    for position, item in enumerate(data["municipalities"]):
        Municipality.objects.update_or_create(
            slug=item["slug"],
            defaults={"position": position, "latitude": item["lat"], "longitude": item["lon"],
                      **translated(name=item["name"])},
        )
    for position, item in enumerate(data["topics"]):
        Topic.objects.update_or_create(
            slug=item["slug"],
            defaults={"position": position, **translated(name=item["name"], description=item["description"])},
        )
    for position, item in enumerate(data["target_groups"]):
        TargetGroup.objects.update_or_create(
            slug=item["slug"], defaults={"position": position, **translated(name=item["name"])}
        )
    return f"{Municipality.objects.count()} Kommunen, {Topic.objects.count()} Themen, " \
           f"{TargetGroup.objects.count()} Zielgruppen"


def load_contacts(stdout):
    for position, item in enumerate(read("contacts.json")):
        person, _created = ContactPerson.objects.update_or_create(
            email=item["email"],
            defaults={"name": item["name"], "phone": item["phone"], "position": position,
                      **translated(role=item["role"])},
        )
        person.topics.set(Topic.objects.filter(slug__in=item.get("topics", [])))
    return f"{ContactPerson.objects.count()} Ansprechpersonen"


def load_pages(stdout):
    today = timezone.localdate()
    contacts = {item["key"]: item["email"] for item in read("contacts.json")}
    for item in read("pages.json"):
        parent_path, _sep, slug = item["path"].rpartition("/")
        parent = Page.objects.get(path=parent_path) if parent_path else None
        page = Page.objects.filter(path=item["path"]).first() or Page(parent=parent, slug=slug)
        page.parent = parent
        page.slug = slug
        page.position = item.get("position", 0)
        page.role = item.get("role", "")
        page.show_in_navigation = item.get("nav", False)
        page.status = item.get("status", Status.PUBLISHED)
        page.last_reviewed = today - timedelta(days=30)
        page.review_due = today + timedelta(days=150)
        for key, value in translated(title=item["title"], summary=item.get("summary"),
                                     body=item.get("body")).items():
            setattr(page, key, value)
        page.save()
        page.topics.set(Topic.objects.filter(slug__in=item.get("topics", [])))
        page.contact_persons.set(
            ContactPerson.objects.filter(email__in=[contacts[key] for key in item.get("contacts", [])])
        )
    return f"{Page.objects.count()} Seiten"


def load_home(stdout):
    data = read("home.json")
    home = HomePage.load()
    for key, value in translated(
        title=data["title"], introduction=data["introduction"],
        sign_language_title=data["sign_language_title"], sign_language_text=data["sign_language_text"],
    ).items():
        setattr(home, key, value)
    home.easy_language_title = data["easy_language_title"]
    home.easy_language_text = data["easy_language_text"]
    home.save()
    return "Startseite"


def load_news(stdout):
    today = timezone.localdate()
    for item in read("news.json"):
        news, _created = NewsItem.objects.update_or_create(
            slug=item["slug"],
            defaults={"date": today - timedelta(days=item["days_ago"]), "status": Status.PUBLISHED,
                      **translated(title=item["title"], summary=item["summary"], body=item.get("body"))},
        )
        news.topics.set(Topic.objects.filter(slug__in=item.get("topics", [])))
    return f"{NewsItem.objects.count()} Meldungen"


def load_events(stdout):
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for item in read("events.json"):
        day = today + timedelta(days=item["days_from_now"])
        starts_at = datetime.combine(day, time(item["hour"], item.get("minute", 0)), tzinfo=tz)
        recurrence = item.get("recurrence", "")
        event, _created = Event.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "kind": item["kind"],
                "status": Status.PUBLISHED,
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(minutes=item.get("duration_minutes", 120)),
                "recurrence": recurrence,
                "recurrence_until": day + timedelta(weeks=item.get("recurrence_weeks", 12)) if recurrence else None,
                "municipality": Municipality.objects.filter(slug=item.get("municipality")).first(),
                "address": item.get("address", ""),
                **translated(title=item["title"], summary=item["summary"],
                             description=item.get("description"), venue=item.get("venue")),
            },
        )
        event.topics.set(Topic.objects.filter(slug__in=item.get("topics", [])))
    return f"{Event.objects.count()} Veranstaltungen"


def load_accessibility(stdout):
    data = read("accessibility.json")
    statement = AccessibilityStatement.load()
    for key, value in translated(
        title=data["title"], introduction=data["introduction"], known_barriers=data["known_barriers"],
        feedback_contact=data["feedback_contact"], enforcement=data["enforcement"],
        review_method=data["review_method"],
    ).items():
        setattr(statement, key, value)
    statement.conformance = data.get("conformance", "partial")
    statement.enforcement_url = data.get("enforcement_url", "")
    statement.review_date = timezone.localdate() - timedelta(days=14)
    statement.save()
    return "Erklärung zur Barrierefreiheit"


demo.register_step("Gemeinsames Vokabular", load_vocabulary, position=10)
demo.register_step("Ansprechpersonen", load_contacts, position=20)
demo.register_step("Seiten der Stabsstelle und Rechtliches", load_pages, position=30)
demo.register_step("Startseite", load_home, position=40)
demo.register_step("Aktuelles", load_news, position=50)
demo.register_step("Veranstaltungen", load_events, position=60)
demo.register_step("Barrierefreiheit", load_accessibility, position=70)


class Command(BaseCommand):
    help = "Lädt Demo-Inhalte (idempotent): Stabsstelle, Seiten, Aktuelles, Veranstaltungen, Netzwerk, Ehrenamt."

    def handle(self, *args, **options):
        steps = demo.steps()
        for number, (label, step) in enumerate(steps, start=1):
            with transaction.atomic():
                summary = step(self.stdout)
            self.stdout.write(f"[{number}/{len(steps)}] {label}: {summary}")
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind geladen."))
