"""Demo content of the network directory: organisations, their languages and joint projects."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from portal.demo import read_content, translated
from portal.models import Municipality, SpokenLanguage, TargetGroup, Topic

from .models import OpeningHours, Organisation, Project, ProjectPartner

APP_DIR = Path(__file__).resolve().parent


def _read(name):
    return read_content(APP_DIR, name)


def load_organisations(stdout):
    data = _read("organisations.json")
    for position, item in enumerate(data["spoken_languages"]):
        SpokenLanguage.objects.update_or_create(
            code=item["code"], defaults={"slug": item["code"], "position": position, **translated(name=item["name"])}
        )
    for item in data["organisations"]:
        org, _created = Organisation.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"], "kind": item["kind"], "status": item.get("status", "published"),
                "street": item.get("street", ""), "postcode": item.get("postcode", ""), "city": item.get("city", ""),
                "latitude": item.get("lat"), "longitude": item.get("lon"), "phone": item.get("phone", ""),
                "email": item.get("email", ""), "website": item.get("website", ""),
                "by_appointment": item.get("by_appointment", False), "step_free": item.get("step_free", "unknown"),
                "contact_person": item.get("contact_person", ""),
                **translated(description=item.get("description"), opening_notes=item.get("opening_notes")),
            },
        )
        org.topics.set(Topic.objects.filter(slug__in=item.get("topics", [])))
        org.target_groups.set(TargetGroup.objects.filter(slug__in=item.get("target_groups", [])))
        org.municipalities.set(Municipality.objects.filter(slug__in=item.get("municipalities", [])))
        org.spoken_languages.set(SpokenLanguage.objects.filter(code__in=item.get("languages", [])))
        org.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(organisation=org, weekday=entry["weekday"], opens=entry["opens"], closes=entry["closes"])
            for entry in item.get("opening_hours", [])
        )
    return f"{Organisation.objects.count()} Organisationen, {SpokenLanguage.objects.count()} Sprachen"


def load_projects(stdout):
    today = timezone.localdate()
    for item in _read("projects.json"):
        ends = item.get("ends_on_days")
        project, _created = Project.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "lead_organisation": Organisation.objects.get(slug=item["lead"]),
                "phase": item["phase"], "status": item.get("status", "published"),
                "starts_on": today + timedelta(days=item["starts_on_days"]),
                "ends_on": today + timedelta(days=ends) if ends is not None else None,
                "contact_name": item.get("contact_name", ""), "contact_email": item.get("contact_email", ""),
                "contact_phone": item.get("contact_phone", ""),
                **translated(title=item["title"], summary=item["summary"], description=item.get("description"),
                              funding=item.get("funding")),
            },
        )
        project.topics.set(Topic.objects.filter(slug__in=item.get("topics", [])))
        project.municipalities.set(Municipality.objects.filter(slug__in=item.get("municipalities", [])))
        for slug in item.get("partners", []):
            ProjectPartner.objects.update_or_create(
                project=project, organisation=Organisation.objects.get(slug=slug), defaults={"accepted": True}
            )
    return f"{Project.objects.count()} Projekte"
