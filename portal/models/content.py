"""What the Stabsstelle publishes: info pages, news, events, contact persons, downloads, images."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from portal import images
from portal.documents import validate_pdf
from portal.richtext import PROSE_EXTENSIONS, sanitize
from portal.translation_status import TranslationTracked
from portal.workflow import Publishable, PublishableQuerySet

from .vocabulary import Municipality, Topic


class RichTextField(ProseEditorField):
    """Rich text edited with django-prose-editor and cleaned with nh3 on save; headings start at h2."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", PROSE_EXTENSIONS)
        kwargs["sanitize"] = sanitize
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        # Also clean what arrives without a form (imports, the demo command). Only the per-language
        # columns are cleaned: the untranslated original column is modeltranslation's business.
        if getattr(self, "translated_field", None) is None:
            return super().pre_save(model_instance, add)
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value


class Image(TranslationTracked):
    """A picture uploaded once and used anywhere; re-encoded without metadata, rendered in several widths."""

    file = models.ImageField(_("Bilddatei"), upload_to="images/%Y/%m/", width_field="width", height_field="height",
                             validators=[images.validate_upload])
    alt_text = models.CharField(
        _("Alternativtext"),
        max_length=250,
        help_text=_("Beschreibt, was auf dem Bild zu sehen ist – für Menschen, die es nicht sehen können."),
    )
    credit = models.CharField(_("Bildnachweis"), max_length=200, blank=True)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    renditions = models.JSONField(editable=False, default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Bild")
        verbose_name_plural = _("Bilder")
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt_text_de or self.file.name

    def save(self, *args, **kwargs):
        new_upload = self.file and not getattr(self.file, "_committed", True)
        if new_upload:
            clean_file, _size = images.reencode(self.file)
            self.file = clean_file
        super().save(*args, **kwargs)
        if new_upload or not self.renditions:
            self.renditions = images.render_renditions(self.file.storage, self.file.name)
            super().save(update_fields=["renditions"])

    def _srcset(self, kind):
        storage = self.file.storage
        return ", ".join(f"{storage.url(names[kind])} {width}w" for width, names in self.renditions.items())

    @property
    def srcset_webp(self):
        return self._srcset("webp")

    @property
    def srcset_jpeg(self):
        return self._srcset("jpeg")

    @property
    def fallback_url(self):
        if not self.renditions:
            return self.file.url
        widest = max(self.renditions, key=int)
        return self.file.storage.url(self.renditions[widest]["jpeg"])


class ContactPerson(TranslationTracked):
    """A member of the Stabsstelle team with the topics they look after."""

    name = models.CharField(_("Name"), max_length=150)
    role = models.CharField(_("Aufgabe"), max_length=200)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    photo = models.ForeignKey(Image, verbose_name=_("Foto"), null=True, blank=True, on_delete=models.SET_NULL)
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="contact_persons")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class PageQuerySet(PublishableQuerySet):
    def in_navigation(self):
        return self.published().filter(parent__isnull=True, show_in_navigation=True)

    def review_overdue(self, today=None):
        return self.filter(review_due__lt=today or timezone.localdate())

    def by_role(self, role):
        return self.published().filter(role=role).first()


class Page(Publishable, TranslationTracked):
    """An info page of the Stabsstelle, in a tree. Its address is the chain of slugs from the root."""

    class Role(models.TextChoices):
        NONE = "", _("normale Seite")
        IMPRINT = "imprint", _("Impressum")
        PRIVACY = "privacy", _("Datenschutz")
        COOKIES = "cookies", _("Cookies")
        EASY_LANGUAGE = "easy_language", _("Leichte Sprache")
        SIGN_LANGUAGE = "sign_language", _("Gebärdensprache")
        NEW_HERE = "new_here", _("Neu im Landkreis")
        VOLUNTEERING = "volunteering", _("Ehrenamtlich helfen")

    parent = models.ForeignKey(
        "self", verbose_name=_("übergeordnete Seite"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=80)
    path = models.CharField(max_length=400, unique=True, editable=False)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurzfassung"), blank=True, max_length=600)
    body = RichTextField(_("Inhalt"), blank=True)
    role = models.CharField(
        _("Sonderseite"), max_length=20, choices=Role.choices, blank=True, default=Role.NONE,
        help_text=_("Rechtliche und feste Seiten, auf die Fußzeile und Startseite verlinken."),
    )
    show_in_navigation = models.BooleanField(_("in der Hauptnavigation"), default=False)
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="pages")
    contact_persons = models.ManyToManyField(
        ContactPerson, verbose_name=_("Ansprechpersonen"), blank=True, related_name="pages"
    )
    image = models.ForeignKey(Image, verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL)
    last_reviewed = models.DateField(_("zuletzt geprüft"), null=True, blank=True)
    review_due = models.DateField(
        _("nächste Prüfung"), null=True, blank=True, help_text=_("Wann soll jemand prüfen, ob die Seite noch stimmt?")
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["role"], condition=~models.Q(role=""), name="page_role_unique"
            ),
        ]

    def __str__(self):
        return self.title_de or self.slug

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("Eine Seite kann nicht unter sich selbst stehen.")})
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        old_path = self.path
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()

    def get_absolute_url(self):
        return reverse("portal:page", kwargs={"path": self.path})

    def ancestor_paths(self):
        parts = self.path.split("/")
        return ["/".join(parts[:i]) for i in range(1, len(parts))]


class NewsItemQuerySet(PublishableQuerySet):
    def latest(self, count=3):
        return self.published().order_by("-date", "-pk")[:count]


class NewsItem(Publishable, TranslationTracked):
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=80, unique=True)
    date = models.DateField(_("Datum"), default=timezone.localdate)
    summary = models.TextField(_("Kurzfassung"), max_length=600)
    body = RichTextField(_("Inhalt"), blank=True)
    image = models.ForeignKey(Image, verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL)
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="news")

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("Meldung")
        verbose_name_plural = _("Meldungen")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.title_de or self.slug

    def get_absolute_url(self):
        return reverse("portal:news_detail", kwargs={"slug": self.slug})


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.published().filter(models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now))

    def in_month(self, year, month):
        return self.filter(starts_at__year=year, starts_at__month=month)


class Event(Publishable, TranslationTracked):
    class Kind(models.TextChoices):
        NETWORK_MEETING = "network", _("Netzwerktreffen")
        TRAINING = "training", _("Fortbildung")
        PUBLIC = "public", _("Öffentliche Veranstaltung")

    class Recurrence(models.TextChoices):
        NONE = "", _("einmalig")
        WEEKLY = "WEEKLY", _("wöchentlich")
        MONTHLY = "MONTHLY", _("monatlich")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname in der Adresse"), max_length=80, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.PUBLIC)
    summary = models.TextField(_("Kurzfassung"), max_length=600)
    description = RichTextField(_("Beschreibung"), blank=True)
    starts_at = models.DateTimeField(_("Beginn"))
    ends_at = models.DateTimeField(_("Ende"), null=True, blank=True)
    recurrence = models.CharField(_("Wiederholung"), max_length=10, choices=Recurrence.choices, blank=True)
    recurrence_until = models.DateField(_("Wiederholung bis"), null=True, blank=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("Kommune"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="events",
    )
    venue = models.CharField(_("Ort"), max_length=200, blank=True)
    address = models.CharField(_("Adresse"), max_length=250, blank=True)
    topics = models.ManyToManyField(Topic, verbose_name=_("Themen"), blank=True, related_name="events")
    image = models.ForeignKey(Image, verbose_name=_("Bild"), null=True, blank=True, on_delete=models.SET_NULL)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["starts_at"]

    def __str__(self):
        return self.title_de or self.slug

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("Das Ende liegt vor dem Beginn.")})
        if self.recurrence and not self.recurrence_until:
            raise ValidationError({"recurrence_until": _("Bitte geben Sie an, bis wann sich der Termin wiederholt.")})

    def get_absolute_url(self):
        return reverse("portal:event_detail", kwargs={"slug": self.slug})

    @property
    def duration(self):
        return (self.ends_at - self.starts_at) if self.ends_at else timedelta(hours=2)


class Download(TranslationTracked):
    """A file (flyer, the multilingual Integrationsheft) attached to a page."""

    page = models.ForeignKey(Page, verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="downloads")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="downloads/%Y/", validators=[validate_pdf],
                            help_text=_("PDF, höchstens 25 MB."))
    language = models.CharField(_("Sprache der Datei"), max_length=10, choices=settings.LANGUAGES, default="de")
    file_size = models.PositiveBigIntegerField(_("Dateigröße"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Download")
        verbose_name_plural = _("Downloads")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title_de or self.file.name

    @property
    def extension(self):
        return self.file.name.rsplit(".", 1)[-1].upper() if "." in self.file.name else ""

    def save(self, *args, **kwargs):
        if self.file:
            self.file_size = self.file.size
        super().save(*args, **kwargs)
