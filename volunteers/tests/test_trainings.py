"""Trainings for volunteers: capacity, waiting list that moves up, iCal in the mail."""

import re

from django.core import mail

from volunteers.models import TrainingRegistration


def register(client, training, name):
    return client.post(f"/de/ehrenamtsboerse/fortbildungen/{training.slug}/",
                       {"name": name, "email": f"{name.lower()}@beispiel.example", "phone": "", "consent": "on",
                        "homepage": ""})


def test_capacity_two_third_waits_and_moves_up_when_one_cancels(client, training):
    for name in ("Anna", "Bilal", "Chen"):
        assert register(client, training, name).status_code == 200
    states = dict(TrainingRegistration.objects.values_list("volunteer__name", "state"))
    assert states == {"Anna": "registered", "Bilal": "registered", "Chen": "waiting"}
    assert mail.outbox[0].attachments and mail.outbox[0].attachments[0][0] == "interkulturell.ics"
    assert "BEGIN:VEVENT" in str(mail.outbox[0].attachments[0][1])
    assert not mail.outbox[2].attachments  # waiting list: no calendar entry yet
    manage = re.search(r"http://testserver(/\S+)", mail.outbox[0].body).group(1)
    client.post(manage, {"action": "cancel"})
    states = dict(TrainingRegistration.objects.values_list("volunteer__name", "state"))
    assert states == {"Anna": "cancelled", "Bilal": "registered", "Chen": "registered"}
    assert mail.outbox[-1].to == ["chen@beispiel.example"] and mail.outbox[-1].attachments


def test_registering_twice_keeps_one_registration(client, training):
    register(client, training, "Anna")
    response = register(client, training, "Anna")
    assert "schon angemeldet" in response.content.decode()
    assert TrainingRegistration.objects.count() == 1


def test_cancelling_a_waiting_place_moves_nobody(training):
    from volunteers.models import Volunteer

    people = [Volunteer.objects.create(email=f"{n}@b.example", name=n) for n in "abc"]
    registrations = [training.register(person, "de")[0] for person in people]
    assert registrations[2].cancel() is None
    assert [r.state for r in TrainingRegistration.objects.order_by("pk")] == ["registered", "registered", "cancelled"]
