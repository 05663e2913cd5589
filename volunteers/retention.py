"""Personal data has an end. `manage.py apply_retention` (daily from cron) applies these rules."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .models import UNCONFIRMED_LIFETIME, SignUp, TrainingRegistration, Volunteer

logger = logging.getLogger(__name__)


def months_ago(now, months):
    return now - timedelta(days=round(months * 30.44))


@transaction.atomic
def apply(now=None):
    """Delete unconfirmed sign-ups after 7 days; anonymise sign-ups and training registrations
    RETENTION_MONTHS after they ended; anonymise volunteers nothing refers to any more. Returns counts."""
    now = now or timezone.now()
    cutoff = months_ago(now, settings.VOLUNTEER_RETENTION_MONTHS)
    deleted, _detail = SignUp.objects.filter(
        state=SignUp.State.UNCONFIRMED, created_at__lt=now - UNCONFIRMED_LIFETIME
    ).delete()
    ended_sign_ups = SignUp.objects.filter(anonymised_at__isnull=True).filter(
        Q(ended_at__lt=cutoff)
        | Q(state=SignUp.State.ACCEPTED, opportunity__ends_on__lt=cutoff.date())
    )
    anonymised_sign_ups = ended_sign_ups.update(
        name="", email=None, phone="", availability="", message="", anonymised_at=now
    )
    anonymised_registrations = TrainingRegistration.objects.filter(
        anonymised_at__isnull=True, training__ends_at__lt=cutoff
    ).update(anonymised_at=now)
    live_sign_ups = SignUp.objects.filter(volunteer=OuterRef("pk"), anonymised_at__isnull=True)
    live_registrations = TrainingRegistration.objects.filter(volunteer=OuterRef("pk"), anonymised_at__isnull=True)
    orphans = Volunteer.objects.filter(anonymised_at__isnull=True).exclude(
        Exists(live_sign_ups)).exclude(Exists(live_registrations))
    anonymised_volunteers = 0
    for volunteer in orphans:
        volunteer.anonymise()
        anonymised_volunteers += 1
    result = {
        "unconfirmed_deleted": deleted,
        "sign_ups_anonymised": anonymised_sign_ups,
        "registrations_anonymised": anonymised_registrations,
        "volunteers_anonymised": anonymised_volunteers,
    }
    logger.info("retention applied", extra={"event": "retention", **result})
    return result
