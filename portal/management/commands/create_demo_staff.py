"""Create (or reset) the demo staff account for `make run` and print how to log in.

The password is generated on each run and never stored anywhere but in the database as a hash.
"""

import secrets

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from portal.models import User
from portal.roles import ADMIN


class Command(BaseCommand):
    help = "Legt das Demo-Konto der Stabsstelle an und zeigt die Anmeldedaten."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="demo@gifhorn.example")

    def handle(self, *args, email, **options):
        password = secrets.token_urlsafe(12)
        user, _created = User.objects.get_or_create(email=email, defaults={"full_name": "Demo Stabsstelle"})
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get_or_create(name=ADMIN)[0])
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Demo-Konto für die Verwaltung (http://127.0.0.1:8000/admin/):"))
        self.stdout.write(f"  E-Mail:   {email}")
        self.stdout.write(f"  Passwort: {password}")
        self.stdout.write("  (Das Passwort ist bei jedem Start von `make run` neu.)")
        self.stdout.write("")
