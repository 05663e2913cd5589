import pytest
from django.utils import timezone

from projects.models import Organisation
from volunteers.models import Opportunity, Training


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(name="Sprachcafé Wittingen", slug="sprachcafe-wittingen", status="published",
                                       email="kontakt@sprachcafe.example")


@pytest.fixture
def opportunity(organisation):
    return Opportunity.objects.create(title_de="Sprachpatenschaft", slug="sprachpatenschaft", status="published",
                                      organisation=organisation, description_de="<p>Deutsch üben</p>")


@pytest.fixture
def training(db):
    now = timezone.now()
    return Training.objects.create(title_de="Interkulturelle Kompetenz", slug="interkulturell", summary_de="Kurs",
                                   status="published", capacity=2, starts_at=now + timezone.timedelta(days=10),
                                   ends_at=now + timezone.timedelta(days=10, hours=3), address="Schlossplatz 1")


SIGN_UP = {"name": "Amira Haddad", "email": "amira@beispiel.example", "phone": "", "availability": "dienstags",
           "message": "Ich spreche Arabisch.", "consent": "on", "homepage": ""}
