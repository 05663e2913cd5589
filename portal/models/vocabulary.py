"""The shared vocabulary every app filters by: municipalities, topics, target groups."""

from collections import defaultdict

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.cache import cached
from portal.translation_status import TranslationTracked


class VocabularyQuerySet(models.QuerySet):
    def by_slugs(self, slugs):
        return self.filter(slug__in=slugs)


class VocabularyTerm(TranslationTracked):
    name = models.CharField(pgettext_lazy("Bezeichnung", "Name"), max_length=120)
    slug = models.SlugField(_("Kurzname in Adressen"), unique=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = VocabularyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @classmethod
    def choices(cls, value_field="slug"):
        """[(value, name in the current language)] for filter forms, cached until content changes."""
        from django.utils import translation

        key = f"choices:{cls._meta.label_lower}:{value_field}:{translation.get_language()}"
        return cached(key, lambda: [(getattr(term, value_field), term.name) for term in cls.objects.all()])

    @classmethod
    def terms_by_id(cls):
        """{id: term} of the whole vocabulary in its order, kept in memory until content changes."""
        return cached(f"terms:{cls._meta.label_lower}", lambda: {term.pk: term for term in cls.objects.all()})


def attach_terms(objects, *fields):
    """Give each of `objects` (a list of one model) its terms of the vocabulary fields `fields` as lists named
    `<field>_terms`, in the vocabulary's order. The terms come from memory (`terms_by_id`); the database gives
    only the pairs of ids, for all fields in one query. A prefetch built a model instance per row and page (a
    quarter of the directory's time) and took one query per field. Returns `objects`."""
    objects = list(objects)
    if not objects:
        return objects
    ids = [obj.pk for obj in objects]
    relations = [objects[0]._meta.get_field(name) for name in fields]
    pairs = [
        field.remote_field.through.objects.filter(**{f"{field.m2m_field_name()}_id__in": ids})
        .annotate(relation=models.Value(position))
        .values_list(f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id", "relation")
        for position, field in enumerate(relations)
    ]
    found = defaultdict(list)
    for object_id, term_id, position in pairs[0].union(*pairs[1:], all=True):
        found[position, object_id].append(term_id)
    for position, field in enumerate(relations):
        terms = field.related_model.terms_by_id()
        rank = {pk: index for index, pk in enumerate(terms)}
        for obj in objects:
            term_ids = sorted(found[position, obj.pk], key=rank.__getitem__)
            setattr(obj, f"{field.name}_terms", [terms[pk] for pk in term_ids])
    return objects


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


class SpokenLanguage(VocabularyTerm):
    """A language people can be counselled or helped in (any language, not only the site's languages)."""

    code = models.CharField(_("Sprachcode (ISO 639)"), max_length=12, unique=True)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("gesprochene Sprache")
        verbose_name_plural = _("gesprochene Sprachen")

    def save(self, *args, **kwargs):
        self.slug = self.slug or self.code
        super().save(*args, **kwargs)
