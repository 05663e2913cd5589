from django import forms
from django.utils.translation import gettext_lazy as _

from portal import search
from portal.models import Municipality, SpokenLanguage, TargetGroup, Topic

from .models import Project


def vocabulary_field(label, model, empty_label, value_field="slug"):
    """A select of a vocabulary; its choices come from the cache, so rendering and validating cost no query."""
    return forms.ChoiceField(
        label=label, required=False,
        choices=lambda: [("", empty_label)] + model.choices(value_field),
    )


class FilterForm(forms.Form):
    """Base of the public list filters: a plain GET form whose parts are all optional and combine."""

    def valid_data(self):
        """The valid, non-empty values; an invalid value (an old link, a typo) is ignored, never an error page."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}

    @property
    def is_filtered(self):
        return any(self.data.get(name) for name in self.fields)


class DirectoryFilterForm(FilterForm):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    thema = vocabulary_field(_("Thema"), Topic, _("alle Themen"))
    kommune = vocabulary_field(_("Kommune"), Municipality, _("alle Kommunen"))
    sprache = vocabulary_field(_("Sprache in der Beratung"), SpokenLanguage, _("alle Sprachen"), "code")
    zielgruppe = vocabulary_field(_("Zielgruppe"), TargetGroup, _("alle Zielgruppen"))

    def filter(self, queryset):
        data = self.valid_data()
        if "thema" in data:
            queryset = queryset.with_topic(data["thema"])
        if "kommune" in data:
            queryset = queryset.in_municipality(data["kommune"])
        if "sprache" in data:
            queryset = queryset.speaking(data["sprache"])
        if "zielgruppe" in data:
            queryset = queryset.for_target_group(data["zielgruppe"])
        if data.get("q", "").strip():
            queryset = queryset.filter(search.condition("organisationen", data["q"]))
        return queryset


class ProjectFilterForm(FilterForm):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    thema = vocabulary_field(_("Thema"), Topic, _("alle Themen"))
    kommune = vocabulary_field(_("Kommune"), Municipality, _("alle Kommunen"))
    stand = forms.ChoiceField(
        label=_("Stand"), choices=[("", _("alle"))] + list(Project.Phase.choices), required=False,
    )

    def filter(self, queryset):
        data = self.valid_data()
        if "thema" in data:
            queryset = queryset.filter(topics__slug=data["thema"])
        if "kommune" in data:
            queryset = queryset.filter(municipalities__slug=data["kommune"])
        if "stand" in data:
            queryset = queryset.filter(phase=data["stand"])
        if data.get("q", "").strip():
            queryset = queryset.filter(search.condition("projekte", data["q"]))
        # Every filter names one value, and each related row exists once (unique pairs): no duplicates, so no
        # DISTINCT, which would compare every column of every row, all languages included.
        return queryset
