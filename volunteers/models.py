"""Volunteering: opportunities of the network's organisations, sign-ups without an account (double opt-in),
trainings with a waiting list, and the hours volunteers give."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality, SpokenLanguage, Topic
from portal.models.content import RichTextField
from portal.translation_status import TranslationTracked
from portal.workflow import Publishable, PublishableQuerySet
from projects.models import Organisation

UNCONFIRMED_LIFETIME = timedelta(days=7)


class OpportunityQuerySet(PublishableQuerySet):
    def current(self, today=None):
        """Published and not expired."""
        today = today or timezone.localdate()
        return self.published().filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))

    def expiring_between(self, start, end):
        return self.published().filter(expires_on__gte=start, expires_on__lte=end)

    def of_organisation(self, organisation):
        return self.filter(organisation=organisation)


class Opportunity(Publishable, TranslationTracked):
    """An Ehrenamtsangebot: what an organisation asks volunteers to help with."""

    class Kind(models.TextChoices):
        ONE_OFF = "one_off", _("einmalig")
        REGULAR = "regular", _("regelmäßig")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=100, unique=True)
    description = RichTextField(_("Beschreibung"), blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Organisation"), on_delete=models.CASCADE, related_name="opportunities"
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("Thema"), null=True, blank=True, on_delete=models.SET_NULL, related_name="opportunities"
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("Kommune"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="opportunities",
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.REGULAR)
    time_needed = models.CharField(_("Zeitaufwand"), max_length=200, blank=True,
                                   help_text=_("z. B. „2 Stunden pro Woche, nachmittags“"))
    helpful_languages = models.ManyToManyField(
        SpokenLanguage, verbose_name=_("hilfreiche Sprachen"), blank=True, related_name="opportunities"
    )
    requirements = models.TextField(_("Voraussetzungen"), blank=True)
    needs_police_certificate = models.BooleanField(
        _("erweitertes Führungszeugnis nötig"), default=False,
        help_text=_("Zum Beispiel bei der Arbeit mit Kindern und Jugendlichen."),
    )
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    volunteers_wanted = models.PositiveSmallIntegerField(_("Anzahl gesuchter Ehrenamtlicher"), default=1)
    expires_on = models.DateField(_("sichtbar bis"), null=True, blank=True,
                                  help_text=_("Danach verschwindet das Angebot von der Börse."))
    reminder_sent_on = models.DateField(editable=False, null=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ehrenamtsangebot")
        verbose_name_plural = _("Ehrenamtsangebote")
        ordering = ["expires_on", "title_de"]
        indexes = [
            # The board lists in this order: the first page is read from the index, not sorted.
            models.Index(fields=["expires_on", "title_de"], name="opportunity_board_order"),
            # The board counts what is current from this index alone, not from the wide rows.
            models.Index(fields=["status", "expires_on", "publish_from", "publish_until"],
                         name="opportunity_current"),
        ]

    def __str__(self):
        return self.title_de or self.slug

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Das Ende liegt vor dem Beginn.")})

    def get_absolute_url(self):
        return reverse("volunteers:opportunity_detail", kwargs={"slug": self.slug})

    @property
    def is_expired(self):
        return self.expires_on is not None and self.expires_on < timezone.localdate()

    @property
    def is_open_for_sign_up(self):
        return self.is_public and not self.is_expired


class Volunteer(models.Model):
    """One person who signed up or registered, identified by e-mail address; no account, no password."""

    email = models.EmailField(_("E-Mail-Adresse"), null=True, unique=True)
    name = models.CharField(_("Name"), max_length=150)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    language = models.CharField(_("Sprache für E-Mails"), max_length=10, default=settings.LANGUAGE_CODE)
    spoken_languages = models.ManyToManyField(SpokenLanguage, verbose_name=_("Sprachen"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Ehrenamtliche Person")
        verbose_name_plural = _("Ehrenamtliche")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def anonymise(self):
        """Remove every personal detail; the hours stay, counted for nobody in particular."""
        self.email = None
        self.name = str(_("gelöschte Person"))
        self.phone = ""
        self.anonymised_at = timezone.now()
        self.save()
        self.spoken_languages.clear()
        self.sign_ups.update(availability="", message="", phone="", name="", email=None)
        self.hours.update(activity="")


class SignUpQuerySet(models.QuerySet):
    def visible_to_organisations(self):
        """Only confirmed sign-ups reach the organisation (double opt-in)."""
        return self.exclude(state__in=[SignUp.State.UNCONFIRMED, SignUp.State.WITHDRAWN]).filter(
            confirmed_at__isnull=False
        )

    def for_organisation(self, organisation):
        return self.visible_to_organisations().filter(opportunity__organisation=organisation)


class SignUp(models.Model):
    """A volunteer's sign-up for an opportunity. State machine: each transition is a method."""

    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-Mail noch nicht bestätigt")
        NEW = "new", _("neu")
        ACCEPTED = "accepted", _("zugesagt")
        DECLINED = "declined", _("abgesagt")
        WITHDRAWN = "withdrawn", _("von der Person zurückgezogen")

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="sign_ups")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="sign_ups")
    # What the person typed for this sign-up (kept separately: the same person may write differently each time).
    name = models.CharField(_("Name"), max_length=150)
    email = models.EmailField(_("E-Mail-Adresse"), null=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    availability = models.CharField(_("Wann haben Sie Zeit?"), max_length=300, blank=True)
    message = models.TextField(_("Nachricht"), blank=True, max_length=2000)
    language = models.CharField(_("Sprache"), max_length=10, default=settings.LANGUAGE_CODE)
    state = models.CharField(_("Status"), max_length=12, choices=State.choices, default=State.UNCONFIRMED,
                             db_index=True)
    consent_at = models.DateTimeField(_("Einwilligung am"))
    created_at = models.DateTimeField(_("eingegangen"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    contact_made_at = models.DateTimeField(_("Kontakt aufgenommen am"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beendet am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name or self.volunteer} – {self.opportunity}"

    def confirm(self):
        """The person clicked the link in the confirmation mail."""
        if self.state == self.State.UNCONFIRMED:
            self.state = self.State.NEW
            self.confirmed_at = timezone.now()
            self.save(update_fields=["state", "confirmed_at"])
            return True
        return False

    def withdraw(self):
        if self.state in (self.State.WITHDRAWN, self.State.DECLINED):
            return False
        self.state = self.State.WITHDRAWN
        self.ended_at = timezone.now()
        self.save(update_fields=["state", "ended_at"])
        return True

    def accept(self):
        return self._decide(self.State.ACCEPTED)

    def decline(self):
        return self._decide(self.State.DECLINED)

    def _decide(self, state):
        if self.state not in (self.State.NEW, self.State.ACCEPTED, self.State.DECLINED) or self.state == state:
            return False
        self.state = state
        self.decided_at = timezone.now()
        if state == self.State.DECLINED:
            self.ended_at = self.decided_at
        self.save(update_fields=["state", "decided_at", "ended_at"])
        return True

    def note_contact(self):
        self.contact_made_at = timezone.now()
        self.save(update_fields=["contact_made_at"])


class TrainingQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        return self.published().filter(starts_at__gte=now or timezone.now())

    def with_counts(self):
        return self.annotate(
            registered_count=Count("registrations", filter=Q(registrations__state="registered")),
            waiting_count=Count("registrations", filter=Q(registrations__state="waiting")),
        )


class Training(Publishable, TranslationTracked):
    """A training or event for volunteers, with limited places and a waiting list."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=100, unique=True)
    summary = models.TextField(_("Kurzfassung"), max_length=600)
    description = RichTextField(_("Beschreibung"), blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("Veranstalter"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="trainings",
    )
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"))
    venue = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.CharField(_("Adresse"), max_length=250, blank=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("Kommune"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="trainings",
    )
    capacity = models.PositiveSmallIntegerField(_("Plätze"), default=20)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("Fortbildung für Ehrenamtliche")
        verbose_name_plural = _("Fortbildungen für Ehrenamtliche")
        ordering = ["starts_at"]

    def __str__(self):
        return self.title_de or self.slug

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Das Ende muss nach dem Beginn liegen.")})

    def get_absolute_url(self):
        return reverse("volunteers:training_detail", kwargs={"slug": self.slug})

    @property
    def duration(self):
        return self.ends_at - self.starts_at

    def places_left(self):
        taken = self.registrations.filter(state=TrainingRegistration.State.REGISTERED).count()
        return max(self.capacity - taken, 0)

    @transaction.atomic
    def register(self, volunteer, language):
        """A place if one is free, otherwise the waiting list. Locks the training row so two people never
        get the last place at the same time."""
        training = Training.objects.select_for_update().get(pk=self.pk)
        existing = training.registrations.filter(volunteer=volunteer).exclude(
            state=TrainingRegistration.State.CANCELLED).first()
        if existing:
            return existing, False
        state = (TrainingRegistration.State.REGISTERED if training.places_left() > 0
                 else TrainingRegistration.State.WAITING)
        registration = TrainingRegistration.objects.create(
            training=training, volunteer=volunteer, state=state, language=language
        )
        return registration, True


class TrainingRegistration(models.Model):
    class State(models.TextChoices):
        REGISTERED = "registered", _("angemeldet")
        WAITING = "waiting", _("Warteliste")
        CANCELLED = "cancelled", _("abgemeldet")

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="registrations")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="registrations")
    state = models.CharField(_("Status"), max_length=12, choices=State.choices, db_index=True)
    language = models.CharField(_("Sprache"), max_length=10, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(_("angemeldet am"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("abgemeldet am"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldung zur Fortbildung")
        verbose_name_plural = _("Anmeldungen zu Fortbildungen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.volunteer} – {self.training} ({self.get_state_display()})"

    @transaction.atomic
    def cancel(self):
        """Give the place back; the first person on the waiting list moves up. Returns who moved up."""
        training = Training.objects.select_for_update().get(pk=self.training_id)
        if self.state == self.State.CANCELLED:
            return None
        had_place = self.state == self.State.REGISTERED
        self.state = self.State.CANCELLED
        self.cancelled_at = timezone.now()
        self.save(update_fields=["state", "cancelled_at"])
        if not had_place or training.places_left() == 0:
            return None
        next_in_line = training.registrations.filter(state=self.State.WAITING).order_by("created_at", "pk").first()
        if next_in_line:
            next_in_line.state = self.State.REGISTERED
            next_in_line.save(update_fields=["state"])
        return next_in_line


class HoursEntry(models.Model):
    """Time a volunteer gave to an organisation, noted by the organisation."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="hours")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="volunteer_hours")
    opportunity = models.ForeignKey(Opportunity, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="hours")
    date = models.DateField(_("Datum"))
    hours = models.DecimalField(_("Stunden"), max_digits=5, decimal_places=2)
    activity = models.CharField(_("Tätigkeit"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stundeneintrag")
        verbose_name_plural = _("Stundennachweis")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.volunteer} – {self.date:%d.%m.%Y}: {self.hours} h"

    def clean(self):
        if self.hours is not None and not (0 < self.hours <= 24):
            raise ValidationError({"hours": _("Bitte geben Sie zwischen 0,25 und 24 Stunden an.")})
