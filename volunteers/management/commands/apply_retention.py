"""Daily from cron: `manage.py apply_retention`. Safe to run any number of times."""

from django.core.management.base import BaseCommand

from volunteers import retention


class Command(BaseCommand):
    help = "Löscht unbestätigte Anmeldungen nach 7 Tagen und anonymisiert beendete Anmeldungen (Datenschutz)."

    def handle(self, *args, **options):
        result = retention.apply()
        for key, value in result.items():
            self.stdout.write(f"{key}: {value}")
