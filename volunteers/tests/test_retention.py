"""The retention command deletes and anonymises exactly what it should."""

from datetime import datetime, timedelta

import time_machine
from django.core.management import call_command
from django.utils import timezone

from projects.models import Organisation
from volunteers.models import HoursEntry, SignUp, TrainingRegistration, Volunteer

START = datetime(2026, 1, 10, 12, tzinfo=timezone.get_fixed_timezone(60))


def make_sign_up(opportunity, email, **fields):
    volunteer, _created = Volunteer.objects.get_or_create(email=email, defaults={"name": email})
    return SignUp.objects.create(opportunity=opportunity, volunteer=volunteer, name=email, email=email,
                                 message="Hallo", consent_at=timezone.now(), **fields)


def test_unconfirmed_go_after_seven_days_ended_are_anonymised_after_twelve_months(opportunity, training):
    with time_machine.travel(START, tick=False) as clock:
        old_unconfirmed = make_sign_up(opportunity, "alt@b.example")
        ended = make_sign_up(opportunity, "ende@b.example", state="withdrawn", confirmed_at=START, ended_at=START)
        active = make_sign_up(opportunity, "aktiv@b.example", state="accepted", confirmed_at=START)
        HoursEntry.objects.create(volunteer=ended.volunteer, organisation=opportunity.organisation, date=START.date(),
                                  hours=5, activity="Hausaufgabenhilfe")
        clock.shift(timedelta(days=6))
        fresh_unconfirmed = make_sign_up(opportunity, "neu@b.example")
        clock.shift(timedelta(days=2))
        call_command("apply_retention")
        assert not SignUp.objects.filter(pk=old_unconfirmed.pk).exists()
        assert SignUp.objects.filter(pk=fresh_unconfirmed.pk).exists()
        ended.refresh_from_db()
        assert ended.email == "ende@b.example"  # ended only 8 days ago
        clock.shift(timedelta(days=366))
        call_command("apply_retention")
    ended.refresh_from_db()
    active.refresh_from_db()
    assert (ended.name, ended.email, ended.message) == ("", None, "") and ended.anonymised_at
    assert active.email == "aktiv@b.example" and active.anonymised_at is None
    volunteer = Volunteer.objects.get(pk=ended.volunteer_id)
    assert volunteer.email is None
    hours = HoursEntry.objects.get()
    assert hours.hours == 5 and hours.activity == ""  # total kept, nothing personal
    assert not SignUp.objects.filter(pk=fresh_unconfirmed.pk).exists()


def test_training_registrations_are_anonymised_after_the_retention_period(training):
    volunteer = Volunteer.objects.create(email="t@b.example", name="T")
    training.register(volunteer, "de")
    with time_machine.travel(training.ends_at + timedelta(days=200), tick=False):
        call_command("apply_retention")
        assert Volunteer.objects.get().email == "t@b.example"
    with time_machine.travel(training.ends_at + timedelta(days=400), tick=False):
        call_command("apply_retention")
    assert TrainingRegistration.objects.get().anonymised_at is not None
    assert Volunteer.objects.get().email is None


def test_running_twice_changes_nothing_more(opportunity):
    make_sign_up(opportunity, "x@b.example", state="declined", confirmed_at=START, ended_at=START)
    with time_machine.travel(START + timedelta(days=800), tick=False):
        call_command("apply_retention")
        first = list(SignUp.objects.values())
        call_command("apply_retention")
        assert list(SignUp.objects.values()) == first


def test_organisation_b_never_sees_organisation_a_sign_ups(opportunity):
    other = Organisation.objects.create(name="Anderer Verein", slug="anderer", status="published")
    make_sign_up(opportunity, "a@b.example", state="new", confirmed_at=START)
    assert SignUp.objects.for_organisation(other).count() == 0
    assert SignUp.objects.for_organisation(opportunity.organisation).count() == 1
