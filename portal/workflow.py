"""The content life cycle shared by every moderated model of every app.

    draft → submitted (in review) → published
              ↘ changes requested (with a message to the author) → submitted …
    any state → archived

Publication can be scheduled with `publish_from` / `publish_until`. Each transition is a method that checks
that it is allowed, changes the state, records it in the history and mails the author.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from portal import roles

logger = logging.getLogger(__name__)


class Status(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("In Prüfung")
    CHANGES_REQUESTED = "changes_requested", _("Änderungen erbeten")
    PUBLISHED = "published", _("Veröffentlicht")
    ARCHIVED = "archived", _("Archiviert")


class Transition(models.TextChoices):
    SUBMIT = "submit", _("Zur Prüfung einreichen")
    PUBLISH = "publish", _("Veröffentlichen")
    REQUEST_CHANGES = "request_changes", _("Änderungen erbitten")
    REJECT = "reject", _("Ablehnen")
    ARCHIVE = "archive", _("Archivieren")


# transition → (states it may start from, state it leads to, needs an editor?)
TRANSITIONS = {
    Transition.SUBMIT: ({Status.DRAFT, Status.CHANGES_REQUESTED}, Status.SUBMITTED, False),
    Transition.PUBLISH: (
        {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.ARCHIVED},
        Status.PUBLISHED,
        True,
    ),
    Transition.REQUEST_CHANGES: ({Status.SUBMITTED}, Status.CHANGES_REQUESTED, True),
    Transition.REJECT: ({Status.SUBMITTED, Status.CHANGES_REQUESTED}, Status.ARCHIVED, True),
    Transition.ARCHIVE: (
        {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.PUBLISHED},
        Status.ARCHIVED,
        True,
    ),
}


# Decisions that must tell the author why.
MESSAGE_REQUIRED = {Transition.REQUEST_CHANGES, Transition.REJECT}


class PublishableQuerySet(models.QuerySet):
    def published(self, at=None):
        """What anonymous visitors may see: published and inside the publication window."""
        now = at or timezone.now()
        return self.filter(
            Q(status=Status.PUBLISHED),
            Q(publish_from__isnull=True) | Q(publish_from__lte=now),
            Q(publish_until__isnull=True) | Q(publish_until__gt=now),
        )

    def visible_to(self, user):
        """Staff may preview everything on the public layout; everybody else sees published content."""
        if roles.acts_as_staff(user):
            return self
        return self.published()

    def in_review(self):
        return self.filter(status=Status.SUBMITTED)


class Publishable(models.Model):
    """Abstract base for every model that goes through the life cycle."""

    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_from = models.DateTimeField(
        _("veröffentlichen ab"), null=True, blank=True, help_text=_("Leer lassen: sofort nach der Freigabe.")
    )
    publish_until = models.DateTimeField(
        _("veröffentlichen bis"), null=True, blank=True, help_text=_("Leer lassen: ohne Ablaufdatum.")
    )
    review_message = models.TextField(
        _("Nachricht an die Autorin/den Autor"),
        blank=True,
        help_text=_("Wird bei „Änderungen erbitten“ per E-Mail verschickt."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Autorin/Autor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        # Django's get_<field>_display builds a dict of all the field's choices on every call, hashing each lazily
        # translated label, i.e. translating it: a directory page of 20 organisations made 200 translations for
        # their 20 kinds. The labels by value, once per field; each call translates only its own label.
        labels = field.__dict__.get("labels_by_value")
        if labels is None:
            labels = field.labels_by_value = dict(field.flatchoices)
        value = getattr(self, field.attname)
        return force_str(labels.get(value, value), strings_only=True)

    @property
    def is_public(self):
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and (self.publish_from is None or self.publish_from <= now)
            and (self.publish_until is None or self.publish_until > now)
        )

    @property
    def may_submit(self):
        """Whether the author may submit it for review now (the SUBMIT transition needs no editor)."""
        return self.status in TRANSITIONS[Transition.SUBMIT][0]

    def allowed_transitions(self, user):
        may_decide = roles.can_publish(user)
        return [
            name
            for name, (sources, _target, needs_editor) in TRANSITIONS.items()
            if self.status in sources and (may_decide or not needs_editor)
        ]

    def apply_transition(self, transition, user, message=""):
        """Check, change, record, notify. Raises PermissionDenied or ValidationError when not allowed."""
        transition = Transition(transition)
        sources, target, needs_editor = TRANSITIONS[transition]
        if needs_editor and not roles.can_publish(user):
            raise PermissionDenied(_("Nur die Redaktion darf darüber entscheiden."))
        if self.status not in sources:
            raise ValidationError(
                _("„%(action)s“ ist im Status „%(status)s“ nicht möglich.")
                % {"action": transition.label, "status": self.get_status_display()}
            )
        if transition in MESSAGE_REQUIRED and not message.strip():
            raise ValidationError(_("Bitte schreiben Sie der Autorin/dem Autor eine Begründung."))
        self.status = target
        if transition in MESSAGE_REQUIRED:
            self.review_message = message.strip()
        elif transition == Transition.PUBLISH:
            self.review_message = ""
        self._change_reason = str(transition.label)
        self.save()
        logger.info("workflow transition", extra={"event": "workflow_transition", "transition": transition.value,
                                                  "model": self._meta.label, "pk": self.pk, "user_id": user.pk})
        if transition != Transition.SUBMIT:
            notify_author(self, transition, message)
        return self


def notify_author(obj, transition, message=""):
    """Mail the author about a decision, in the language the author chose for mails."""
    author = getattr(obj, "author", None)
    if author is None or not author.email:
        return
    with translation.override(author.language or settings.LANGUAGE_CODE):
        context = {
            "object": obj,
            "transition": transition,
            "status": obj.get_status_display(),
            "message": message,
            "site_url": settings.SITE_URL,
            "model_name": obj._meta.verbose_name,
        }
        subject = render_to_string("portal/mail/workflow_decision_subject.txt", context).strip()
        body = render_to_string("portal/mail/workflow_decision.txt", context)
    send_mail(subject, body, None, [author.email])
