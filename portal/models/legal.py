"""The legal duties of a public-sector site in Niedersachsen: accessibility statement and barrier feedback."""

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.translation_status import TranslationTracked

from .content import Image, RichTextField


class SingletonModel(models.Model):
    """A model with exactly one row, edited in admin like any other (NBGG statement, home page texts)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        obj = cls.objects.filter(pk=1).first()
        return obj if obj is not None else cls(pk=1)


class AccessibilityStatement(SingletonModel, TranslationTracked):
    """Erklärung zur Barrierefreiheit (NBGG § 9b, NBITVO)."""

    class Conformance(models.TextChoices):
        FULL = "full", _("vollständig vereinbar")
        PARTIAL = "partial", _("teilweise vereinbar")
        NONE = "none", _("nicht vereinbar")

    title = models.CharField(_("Titel"), max_length=200, default="Erklärung zur Barrierefreiheit")
    introduction = RichTextField(_("Einleitung"), blank=True)
    conformance = models.CharField(
        _("Stand der Vereinbarkeit"), max_length=10, choices=Conformance.choices, default=Conformance.PARTIAL
    )
    known_barriers = RichTextField(
        _("Nicht barrierefreie Inhalte"), blank=True,
        help_text=_("Jede bekannte Barriere mit Begründung und barrierefreier Alternative."),
    )
    feedback_contact = RichTextField(_("Feedback und Kontakt"), blank=True)
    enforcement = RichTextField(
        _("Durchsetzungsverfahren"), blank=True,
        help_text=_("Schlichtungsstelle nach dem NBGG mit Adresse und Link."),
    )
    enforcement_url = models.URLField(_("Link zur Schlichtungsstelle"), blank=True)
    review_date = models.DateField(_("Datum der letzten Prüfung"), null=True, blank=True)
    review_method = models.CharField(
        _("Methode der Prüfung"), max_length=300, blank=True,
        help_text=_("z. B. Selbstbewertung mit axe-core und manueller Prüfung mit Screenreader"),
    )
    created_at = models.DateField(_("Erstellt am"), default=timezone.localdate)

    class Meta:
        verbose_name = _("Erklärung zur Barrierefreiheit")
        verbose_name_plural = _("Erklärung zur Barrierefreiheit")

    def __str__(self):
        return str(self._meta.verbose_name)

    def get_absolute_url(self):
        return reverse("portal:accessibility")


class HomePage(SingletonModel, TranslationTracked):
    """The texts of the home page, including its Leichte Sprache and Gebärdensprache sections."""

    title = models.CharField(_("Überschrift"), max_length=200)
    introduction = RichTextField(_("Wer wir sind"), blank=True)
    easy_language_title = models.CharField(_("Überschrift Leichte Sprache"), max_length=200, blank=True)
    easy_language_text = RichTextField(
        _("Text in Leichter Sprache"), blank=True,
        help_text=_("Was die Seite bietet, wie man sich zurechtfindet, das Wichtigste zur Barrierefreiheit."),
    )
    sign_language_title = models.CharField(_("Überschrift Gebärdensprache"), max_length=200, blank=True)
    sign_language_text = RichTextField(_("Text zum Gebärdensprach-Video"), blank=True)
    sign_language_video = models.FileField(
        _("Video in Deutscher Gebärdensprache"), upload_to="videos/", blank=True,
        help_text=_("MP4 oder WebM."),
    )
    sign_language_video_size = models.PositiveBigIntegerField(default=0, editable=False)
    sign_language_video_duration = models.DurationField(_("Länge des Videos"), null=True, blank=True)
    sign_language_poster = models.ForeignKey(
        Image, verbose_name=_("Vorschaubild des Videos"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseite")

    def __str__(self):
        return str(self._meta.verbose_name)

    def save(self, *args, **kwargs):
        self.sign_language_video_size = self.sign_language_video.size if self.sign_language_video else 0
        super().save(*args, **kwargs)


class FeedbackTicketQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=FeedbackTicket.Status.CLOSED)

    def overdue(self, now=None):
        """Open tickets older than one month: the NBGG expects an answer within a month."""
        return self.open().filter(created_at__lt=(now or timezone.now()) - timedelta(days=30))


class FeedbackTicket(models.Model):
    """A barrier reported through "Barriere melden"."""

    class Status(models.TextChoices):
        NEW = "new", _("neu")
        IN_PROGRESS = "in_progress", _("in Bearbeitung")
        CLOSED = "closed", _("erledigt")

    page_url = models.CharField(_("Seite mit der Barriere"), max_length=500)
    description = models.TextField(_("Beschreibung der Barriere"), max_length=5000)
    name = models.CharField(_("Name"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.NEW)
    staff_notes = models.TextField(_("Interne Notizen"), blank=True)
    created_at = models.DateTimeField(_("eingegangen"), auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(_("beantwortet"), null=True, blank=True)

    objects = FeedbackTicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("Barriere-Meldung")
        verbose_name_plural = _("Barriere-Meldungen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y} – {self.page_url[:60]}"

    @property
    def is_overdue(self):
        return self.status != self.Status.CLOSED and self.created_at < timezone.now() - timedelta(days=30)
