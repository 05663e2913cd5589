"""Changes to published content that wait for review while the published version stays live."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from portal import roles


class PendingChangeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=PendingChange.State.PENDING)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def by_object(self, objects):
        """{primary key: change} for a list of objects of one model, in one query."""
        if not objects:
            return {}
        content_type = ContentType.objects.get_for_model(objects[0])
        changes = self.filter(content_type=content_type, object_id__in=[obj.pk for obj in objects])
        return {change.object_id: change for change in changes}


class PendingChange(models.Model):
    """Proposed field values for a published object. `data` maps field names to values as the form cleaned
    them (many-to-many fields as lists of primary keys)."""

    class State(models.TextChoices):
        PENDING = "pending", _("wartet auf Prüfung")
        APPROVED = "approved", _("übernommen")
        REJECTED = "rejected", _("abgelehnt")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(_("vorgeschlagene Werte"), default=dict)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("eingereicht von"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.PENDING)
    message = models.TextField(_("Nachricht der Redaktion"), blank=True)
    created_at = models.DateTimeField(_("eingereicht"), auto_now_add=True)
    decided_at = models.DateTimeField(_("entschieden"), null=True, blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("Änderungsvorschlag")
        verbose_name_plural = _("Änderungsvorschläge")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]

    def __str__(self):
        return f"{self.content_object} ({self.get_state_display()})"

    @classmethod
    def propose(cls, obj, data, author):
        """Store (or replace) the open proposal for `obj`; the published object itself stays unchanged."""
        change, _created = cls.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk, state=cls.State.PENDING,
            defaults={"data": data, "author": author},
        )
        return change

    def differences(self):
        """[(field verbose name, current value, proposed value)] for every field the proposal changes."""
        obj = self.content_object
        rows = []
        for name, proposed in self.data.items():
            field = obj._meta.get_field(name)
            if field.one_to_many:  # inline rows (e.g. opening hours), proposed as a list of dicts
                current = ", ".join(str(row) for row in getattr(obj, field.get_accessor_name()).all())
                new = ", ".join(str(row) for row in self._build_rows(field, proposed))
                if current != new:
                    rows.append((field.related_model._meta.verbose_name_plural, current, new))
                continue
            if field.many_to_many:
                current = sorted(getattr(obj, name).values_list("pk", flat=True))
                related = field.related_model.objects.in_bulk(list(set(current) | set(proposed)))
                if sorted(proposed) != current:
                    rows.append((field.verbose_name, ", ".join(str(related[pk]) for pk in current if pk in related),
                                 ", ".join(str(related[pk]) for pk in proposed if pk in related)))
                continue
            current = field.value_from_object(obj)
            if str(current if current is not None else "") != str(proposed if proposed is not None else ""):
                rows.append((field.verbose_name, current, proposed))
        return rows

    @transaction.atomic
    def approve(self, user):
        if not roles.can_publish(user):
            raise PermissionDenied
        obj = self.content_object
        many, inline = {}, {}
        for name, value in self.data.items():
            field = obj._meta.get_field(name)
            if field.one_to_many:
                inline[field] = value
            elif field.many_to_many:
                many[name] = value
            elif field.is_relation:
                setattr(obj, field.attname, value)
            else:
                setattr(obj, name, field.to_python(value))
        obj._change_reason = str(_("Änderungsvorschlag übernommen"))
        obj.save()
        for name, pks in many.items():
            getattr(obj, name).set(pks)
        for field, values in inline.items():
            getattr(obj, field.get_accessor_name()).all().delete()
            field.related_model.objects.bulk_create(self._build_rows(field, values, parent=obj))
        self._decide(self.State.APPROVED, user)

    @staticmethod
    def _build_rows(field, values, parent=None):
        """Unsaved related rows from proposed dicts (values as JSON keeps them, e.g. "09:00")."""
        model = field.related_model
        link = {field.field.name: parent} if parent is not None else {}
        return [
            model(**{key: model._meta.get_field(key).to_python(value) for key, value in row.items()}, **link)
            for row in values
        ]

    def reject(self, user, message):
        if not roles.can_publish(user):
            raise PermissionDenied
        self.message = message
        self._decide(self.State.REJECTED, user)

    def _decide(self, state, user):
        self.state = state
        self.decided_at = timezone.now()
        self.save()
        if self.author is None:
            return
        with translation.override(self.author.language):
            context = {"change": self, "object": self.content_object, "site_url": settings.SITE_URL}
            body = render_to_string("portal/mail/pending_change_decision.txt", context)
            subject = str(_("Integrationsportal: Ihr Änderungsvorschlag wurde geprüft"))
        send_mail(subject, body, None, [self.author.email])
