"""The actor network: organisations of the Netzwerk Integration, their members, and joint projects."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import Image, Municipality, SpokenLanguage, TargetGroup, Topic
from portal.models.content import RichTextField
from portal.translation_status import TranslationTracked
from portal.workflow import Publishable, PublishableQuerySet

from . import tokens


class OrganisationQuerySet(PublishableQuerySet):
    def with_topic(self, slug):
        return self.filter(topics__slug=slug)

    def in_municipality(self, slug):
        return self.filter(municipalities__slug=slug)

    def speaking(self, code):
        return self.filter(spoken_languages__code=code)

    def for_target_group(self, slug):
        return self.filter(target_groups__slug=slug)

    def of_user(self, user):
        return self.filter(memberships__user=user) if user.is_authenticated else self.none()


class Organisation(Publishable, TranslationTracked):
    """A member of the Netzwerk Integration, shown in the public directory once published."""

    class Kind(models.TextChoices):
        ASSOCIATION = "verein", _("Verein")
        COUNSELLING = "beratung", _("Beratungsstelle")
        EDUCATION = "bildung", _("Bildungsträger")
        AUTHORITY = "behoerde", _("Behörde")
        MIGRANT_ORGANISATION = "migrantenorganisation", _("Migrantenorganisation")
        INITIATIVE = "initiative", _("Initiative")
        SCHOOL = "schule", _("Schule oder Kita")
        JOB_CENTRE = "jobcenter", _("Jobcenter oder Agentur für Arbeit")

    class StepFree(models.TextChoices):
        YES = "yes", _("stufenlos erreichbar")
        NO = "no", _("nicht stufenlos erreichbar")
        UNKNOWN = "unknown", _("Zugänglichkeit unbekannt")

    name = models.CharField(pgettext_lazy("Bezeichnung", "Name"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=100, unique=True)
    kind = models.CharField(_("Art"), max_length=30, choices=Kind.choices, default=Kind.ASSOCIATION)
    description = RichTextField(_("Beschreibung"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="organisations")
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("Zielgruppen"), blank=True, related_name="organisations"
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("Kommunen, in denen sie tätig ist"), blank=True, related_name="organisations"
    )
    spoken_languages = models.ManyToManyField(
        SpokenLanguage, verbose_name=_("Sprachen in der Beratung"), blank=True, related_name="organisations"
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, blank=True)
    city = models.CharField(pgettext_lazy("Adresse", "Ort"), max_length=100, blank=True)
    latitude = models.DecimalField(_("Breitengrad"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("Längengrad"), max_digits=8, decimal_places=5, null=True, blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    by_appointment = models.BooleanField(_("Termine nach Vereinbarung"), default=False)
    opening_notes = models.CharField(_("Hinweise zu den Öffnungszeiten"), max_length=300, blank=True)
    step_free = models.CharField(
        _("Barrierefreiheit der Räume"), max_length=10, choices=StepFree.choices, default=StepFree.UNKNOWN
    )
    logo = models.ForeignKey(Image, verbose_name=_("Logo"), null=True, blank=True, on_delete=models.SET_NULL)
    contact_person = models.CharField(_("verantwortliche Person"), max_length=150, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]
        indexes = [
            # The directory lists in this order: the first page is read from the index, not sorted.
            models.Index(fields=["name"], name="organisation_directory_order"),
            # The directory and the map count what is public: from this index alone, not from the wide rows
            # (descriptions in eight languages) of every organisation.
            models.Index(fields=["status", "publish_from", "publish_until"], include=["latitude", "longitude"],
                         name="organisation_public"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("projects:organisation_detail", kwargs={"slug": self.slug})

    @property
    def address_line(self):
        return ", ".join(part for part in (self.street, f"{self.postcode} {self.city}".strip()) if part)

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Montag")
        TUESDAY = 1, _("Dienstag")
        WEDNESDAY = 2, _("Mittwoch")
        THURSDAY = 3, _("Donnerstag")
        FRIDAY = 4, _("Freitag")
        SATURDAY = 5, _("Samstag")
        SUNDAY = 6, _("Sonntag")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))

    class Meta:
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        ordering = ["weekday", "opens"]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Das Ende muss nach dem Beginn liegen.")})

    @property
    def schema_day(self):
        return ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][self.weekday]


class Membership(models.Model):
    """A person who acts for an organisation in the partner area."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Mitglied")
        MANAGER = "manager", _("Verwaltung")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("Rolle"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_manager(self):
        return self.role == self.Role.MANAGER


class InvitationQuerySet(models.QuerySet):
    """An invitation lasts as long as its link (projects.tokens)."""

    def _cutoff(self):
        return timezone.now() - tokens.MAX_AGE[tokens.INVITE_MEMBER]

    def open(self):
        return self.filter(created_at__gt=self._cutoff())

    def expired(self):
        return self.filter(created_at__lte=self._cutoff())


class Invitation(models.Model):
    """A colleague invited into an organisation's partner area, until the link is used (the row goes), the
    organisation withdraws it (the row goes) or it expires (the nightly clean-up removes the row)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("E-Mail-Adresse"))
    role = models.CharField(_("Rolle"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} – {self.organisation}"

    @transaction.atomic
    def accept(self, user):
        """The invited person joins in the invited role; the link is used up with the row."""
        Membership.objects.get_or_create(organisation=self.organisation, user=user, defaults={"role": self.role})
        self.delete()


class ProjectQuerySet(PublishableQuerySet):
    def involving(self, organisation):
        """Led by `organisation` or with it as a partner (a subquery: no DISTINCT over the wide rows)."""
        partner_of = ProjectPartner.objects.filter(organisation=organisation).values("project")
        return self.filter(Q(lead_organisation=organisation) | Q(pk__in=partner_of))


class Project(Publishable, TranslationTracked):
    """A joint project of the network."""

    class Phase(models.TextChoices):
        PLANNED = "planned", _("geplant")
        RUNNING = "running", _("läuft")
        COMPLETED = "completed", _("abgeschlossen")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=100, unique=True)
    summary = models.TextField(_("Kurzfassung"), max_length=600)
    description = RichTextField(_("Beschreibung"), blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="projects")
    lead_organisation = models.ForeignKey(
        Organisation, verbose_name=_("federführende Organisation"), on_delete=models.PROTECT,
        related_name="led_projects",
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("Partnerorganisationen"), blank=True, related_name="partner_projects",
        through="ProjectPartner",
    )
    municipalities = models.ManyToManyField(
        Municipality, verbose_name=_("Kommunen"), blank=True, related_name="projects"
    )
    starts_on = models.DateField(_("Beginn"), null=True, blank=True)
    ends_on = models.DateField(_("Ende"), null=True, blank=True)
    phase = models.CharField(_("Stand"), max_length=10, choices=Phase.choices, default=Phase.PLANNED)
    funding = models.CharField(_("Förderung"), max_length=300, blank=True)
    image = models.ForeignKey(Image, verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL)
    contact_name = models.CharField(_("Ansprechperson"), max_length=150, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=40, blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["title_de"], name="project_list_order")]

    def __str__(self):
        return self.title_de or self.slug

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Das Ende liegt vor dem Beginn.")})

    def get_absolute_url(self):
        return reverse("projects:project_detail", kwargs={"slug": self.slug})


class ProjectPartner(models.Model):
    """An organisation named as co-partner; it must accept before it is shown."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="partnerships")
    accepted = models.BooleanField(_("bestätigt"), default=False)
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Projektpartnerschaft")
        verbose_name_plural = _("Projektpartnerschaften")
        constraints = [models.UniqueConstraint(fields=["project", "organisation"], name="project_partner_unique")]

    def __str__(self):
        return f"{self.organisation} – {self.project}"
