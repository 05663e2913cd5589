"""What happens when a volunteer acts: each function checks, changes, records and notifies."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal import calendar, tokens

from .models import SignUp, TrainingRegistration, Volunteer

logger = logging.getLogger(__name__)

CONFIRM = "volunteers.sign-up.confirm"
MANAGE = "volunteers.sign-up.manage"
TRAINING = "volunteers.training.manage"
CONFIRM_MAX_AGE = timedelta(days=3)
MANAGE_MAX_AGE = timedelta(days=730)


def link(purpose, payload, url_name, language):
    with translation.override(language):
        path = reverse(url_name, kwargs={"token": tokens.make_token(purpose, payload)})
    return settings.SITE_URL + path


def _send(to, language, subject, template, context, attachments=()):
    with translation.override(language):
        body = render_to_string(template, {"site_url": settings.SITE_URL, **context})
        message = EmailMessage(str(subject()), body, None, [to])
    for attachment in attachments:
        message.attach(*attachment)
    message.send()


def volunteer_for(email, name, phone, language):
    """The Volunteer with this e-mail address; created on first contact (safe under concurrent requests)."""
    volunteer, created = Volunteer.objects.get_or_create(
        email=email.strip().lower(), defaults={"name": name, "phone": phone, "language": language}
    )
    return volunteer


def sign_up(opportunity, data, language):
    """Store the sign-up (unconfirmed) and mail the confirmation link."""
    sign_up = _store_sign_up(opportunity, data, language)
    send_confirmation(sign_up)
    logger.info("sign-up created", extra={"event": "sign_up_created", "pk": sign_up.pk, "opportunity": opportunity.pk})
    return sign_up


@transaction.atomic
def _store_sign_up(opportunity, data, language):
    volunteer = volunteer_for(data["email"], data["name"], data.get("phone", ""), language)
    sign_up = SignUp.objects.create(
        opportunity=opportunity, volunteer=volunteer, name=data["name"], email=data["email"].strip().lower(),
        phone=data.get("phone", ""), availability=data.get("availability", ""), message=data.get("message", ""),
        language=language, consent_at=timezone.now(),
    )
    if data.get("languages"):
        volunteer.spoken_languages.add(*data["languages"])
    return sign_up


def send_confirmation(sign_up):
    _send(
        sign_up.email, sign_up.language, lambda: _("Bitte bestätigen Sie Ihre Anmeldung"),
        "volunteers/mail/confirm_sign_up.txt",
        {
            "sign_up": sign_up,
            "confirm_url": link(CONFIRM, {"id": sign_up.pk}, "volunteers:sign_up_confirm", sign_up.language),
            "manage_url": link(MANAGE, {"id": sign_up.pk}, "volunteers:sign_up_manage", sign_up.language),
            "valid_days": CONFIRM_MAX_AGE.days,
        },
    )


def confirm(sign_up):
    if not sign_up.confirm():
        return False
    volunteer = sign_up.volunteer
    volunteer.name, volunteer.phone = sign_up.name, sign_up.phone or volunteer.phone
    volunteer.save(update_fields=["name", "phone"])
    organisation = sign_up.opportunity.organisation
    if organisation.email:
        _send(organisation.email, settings.LANGUAGE_CODE, lambda: _("Neue Anmeldung für „%(title)s“")
              % {"title": sign_up.opportunity.title_de}, "volunteers/mail/new_sign_up.txt", {"sign_up": sign_up})
    return True


def notify_decision(sign_up):
    """Tell the volunteer that the organisation accepted or declined."""
    _send(sign_up.email, sign_up.language, lambda: _("Ihre Anmeldung für „%(title)s“") % {
        "title": sign_up.opportunity.title}, "volunteers/mail/decision.txt", {"sign_up": sign_up})


def delete_personal_data(volunteer):
    """Deletion on request: every sign-up and registration of the person, the person's details; hours stay
    as anonymous totals."""
    email, language = volunteer.email, volunteer.language
    for registration in volunteer.registrations.exclude(state=TrainingRegistration.State.CANCELLED):
        registration.cancel()
    volunteer.registrations.update(anonymised_at=timezone.now())
    volunteer.sign_ups.update(anonymised_at=timezone.now())
    volunteer.anonymise()
    if email:
        _send(email, language, lambda: _("Ihre Daten sind gelöscht"), "volunteers/mail/deleted.txt", {})
    logger.info("volunteer anonymised", extra={"event": "volunteer_anonymised", "pk": volunteer.pk})


def register_for_training(training, data, language):
    volunteer = volunteer_for(data["email"], data["name"], data.get("phone", ""), language)
    registration, created = training.register(volunteer, language)
    if created:
        send_training_mail(registration)
    return registration, created


def send_training_mail(registration):
    training = registration.training
    attachments = []
    if registration.state == TrainingRegistration.State.REGISTERED:
        with translation.override(registration.language):
            ics = calendar.build_calendar([training], name=training.title).to_ical()
        attachments.append((f"{training.slug}.ics", ics, "text/calendar"))
    _send(
        registration.volunteer.email, registration.language,
        lambda: _("Ihre Anmeldung: %(title)s") % {"title": training.title},
        "volunteers/mail/training_registration.txt",
        {"registration": registration, "training": training,
         "manage_url": link(TRAINING, {"id": registration.pk}, "volunteers:training_manage", registration.language)},
        attachments,
    )


def cancel_training_registration(registration):
    moved_up = registration.cancel()
    if moved_up is not None and moved_up.volunteer.email:
        send_training_mail(moved_up)
    return moved_up
