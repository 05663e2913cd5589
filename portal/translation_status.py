"""Translation status per object and language: missing, outdated or current.

One mechanism for every translated model of every app. The status is never typed in: it is derived from two
kinds of timestamps kept in `translation_timestamps`:

- "source": when the German text last changed (a change marked as "minor edit" does not count);
- "<language code>": when that language's text last changed.

A language is *missing* when none of its translated fields has text although German has; *outdated* when its
text is older than the last German change; *current* otherwise.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

SOURCE_LANGUAGE = settings.LANGUAGE_CODE
SOURCE = "source"


class State(models.TextChoices):
    MISSING = "missing", _("fehlt")
    OUTDATED = "outdated", _("veraltet")
    CURRENT = "current", _("aktuell")


def target_languages():
    """Every language code but German, in the order of settings.LANGUAGES."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def translated_field_names(model):
    """The names of a model's translated fields (without language suffix), or () if it has none."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def localized(field, language):
    return build_localized_fieldname(field, language)


def defer_translated(queryset, *fields, related=()):
    """`queryset` with the translated fields in the visitor's language and in German (its fallback) only, and
    without the long texts `fields` in any language. Lists show titles and summaries; a translated model has
    each field eight times, and loading (and compiling SQL for) every language of every row was most of a list
    query's time. `related` names the relations it selects (`select_related`) whose other languages go too."""
    keep = {SOURCE_LANGUAGE, translation.get_language()}
    other_languages = [code for code, _name in settings.LANGUAGES if code not in keep]
    models = [("", queryset.model)]
    for path in related:
        model = queryset.model
        for step in path.split("__"):
            model = model._meta.get_field(step).related_model
        models.append((f"{path}__", model))
    return queryset.defer(
        *fields,
        *(localized(field, code) for field in fields for code in keep),
        *(prefix + localized(field, code)
          for prefix, model in models for field in translated_field_names(model) for code in other_languages),
    )


class TranslationTracked(models.Model):
    """Abstract base for models with translated fields. Set `minor_edit = True` before save() to keep the
    other languages' status unchanged by a change of the German text."""

    translation_timestamps = models.JSONField(_("Übersetzungsstand"), default=dict, blank=True, editable=False)

    minor_edit = False

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.record_translation_changes()
        super().save(*args, **kwargs)

    def _language_values(self, source=None):
        """{language: tuple of that language's field values} for every configured language."""
        fields = translated_field_names(type(self))
        source = self.__dict__ if source is None else source
        return {
            code: tuple(source.get(localized(field, code)) for field in fields)
            for code, _name in settings.LANGUAGES
        }

    def _stored_language_values(self):
        """The language values as stored, read when saving (not when loading: pages read far more objects than
        they save, and a snapshot of every loaded object cost a quarter of a long list's render time)."""
        if getattr(self, "_translation_snapshot", None) is not None:
            return self._translation_snapshot
        if self._state.adding or self.pk is None:
            return {}
        names = [localized(field, code) for field in translated_field_names(type(self))
                 for code, _name in settings.LANGUAGES]
        row = type(self)._base_manager.using(self._state.db).filter(pk=self.pk).values(*names).first()
        return self._language_values(row) if row else {}

    def record_translation_changes(self):
        fields = translated_field_names(type(self))
        if not fields:
            return
        now = timezone.now().isoformat()
        before = self._stored_language_values()
        after = self._language_values()
        stamps = dict(self.translation_timestamps or {})
        for code, values in after.items():
            if before.get(code) == values:
                continue
            if not any(values) and code != SOURCE_LANGUAGE:
                # A language emptied completely has no translation date any more.
                stamps.pop(code, None)
                continue
            if code == SOURCE_LANGUAGE:
                if not self.minor_edit or SOURCE not in stamps:
                    stamps[SOURCE] = now
            else:
                stamps[code] = now
        self.translation_timestamps = stamps
        self._translation_snapshot = after
        self.minor_edit = False

    def translation_state(self, language):
        """The State of one language for this object."""
        if language == SOURCE_LANGUAGE:
            return State.CURRENT
        fields = translated_field_names(type(self))
        has_text = any(self.__dict__.get(localized(field, language)) for field in fields)
        if not has_text:
            return State.MISSING
        stamps = self.translation_timestamps or {}
        if stamps.get(language, "") < stamps.get(SOURCE, ""):
            return State.OUTDATED
        return State.CURRENT

    def translation_states(self):
        return {code: self.translation_state(code) for code in target_languages()}

    def has_own_text(self, field, language):
        """True when `field` has text of its own in `language` (no fallback to German needed)."""
        return bool(self.__dict__.get(localized(field, language)))


def tracked_models():
    """Every concrete model of the project that takes part in translation tracking."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, TranslationTracked) and translated_field_names(model)
    ]
