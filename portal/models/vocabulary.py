"""The shared vocabulary every app filters by: municipalities, topics, target groups."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.translation_status import TranslationTracked


class VocabularyQuerySet(models.QuerySet):
    def by_slugs(self, slugs):
        return self.filter(slug__in=slugs)


class VocabularyTerm(TranslationTracked):
    name = models.CharField(_("Name"), max_length=120)
    slug = models.SlugField(_("Kurzname in Adressen"), unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Municipality(VocabularyTerm):
    latitude = models.DecimalField(_("Breitengrad"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("Längengrad"), max_digits=8, decimal_places=5)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")


class Topic(VocabularyTerm):
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")


class TargetGroup(VocabularyTerm):
    class Meta(VocabularyTerm.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
