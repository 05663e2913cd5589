from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal import search
from portal.models import Municipality, SpokenLanguage, Topic
from portal.spam import HoneypotMixin
from projects.forms import FilterForm, vocabulary_field

from .models import Opportunity


class OpportunityFilterForm(FilterForm):
    q = forms.CharField(label=_("Suchbegriff"), required=False, max_length=100)
    thema = vocabulary_field(_("Thema"), Topic, _("alle Themen"))
    kommune = vocabulary_field(_("Kommune"), Municipality, _("alle Kommunen"))
    sprache = vocabulary_field(_("Hilfreiche Sprache"), SpokenLanguage, _("alle Sprachen"), "code")
    art = forms.ChoiceField(label=_("Art"), required=False,
                            choices=[("", _("einmalig und regelmäßig"))] + list(Opportunity.Kind.choices))

    def filter(self, queryset):
        data = self.valid_data()
        if "thema" in data:
            queryset = queryset.filter(topic__slug=data["thema"])
        if "kommune" in data:
            queryset = queryset.filter(municipality__slug=data["kommune"])
        if "sprache" in data:
            queryset = queryset.filter(helpful_languages__code=data["sprache"])
        if "art" in data:
            queryset = queryset.filter(kind=data["art"])
        # Each word in the offer's text (as in the site search) or in its organisation's name.
        for word in data.get("q", "").split()[:8]:
            queryset = queryset.filter(search.condition("ehrenamt", word) | Q(organisation__name__icontains=word))
        # Every filter names one value, and each related row exists once (unique pairs): no duplicates, so no
        # DISTINCT, which would compare every column of every row, all languages included.
        return queryset


class PersonForm(HoneypotMixin, forms.Form):
    """Who someone is, for a sign-up or a training registration, with the consent the Art. 13 notice asks for."""

    name = forms.CharField(label=_("Ihr Name"), max_length=150,
                           error_messages={"required": _("Bitte geben Sie Ihren Namen an.")})
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"), max_length=254,
        help_text=_("Wir schicken Ihnen einen Link. Erst wenn Sie ihn anklicken, ist die Anmeldung gültig."),
        error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                        "invalid": _("Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.")},
    )
    phone = forms.CharField(label=_("Telefon (freiwillig)"), max_length=40, required=False)
    consent = forms.BooleanField(
        label=_("Ich habe den Datenschutzhinweis gelesen und bin einverstanden, "
                "dass meine Angaben dafür genutzt werden."),
        error_messages={
            "required": _("Bitte bestätigen Sie, dass Sie mit der Nutzung Ihrer Angaben einverstanden sind.")
        },
    )


class SignUpForm(PersonForm):
    # The choices come from memory (like the filters'); only a sent form asks the database for its languages.
    languages = forms.MultipleChoiceField(
        label=_("Welche Sprachen sprechen Sie?"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=lambda: SpokenLanguage.choices("code"),
    )
    availability = forms.CharField(label=_("Wann haben Sie Zeit?"), max_length=300, required=False,
                                   help_text=_("Zum Beispiel: dienstags ab 16 Uhr, am Wochenende"))
    message = forms.CharField(label=_("Ihre Nachricht an die Organisation (freiwillig)"), max_length=2000,
                              required=False, widget=forms.Textarea(attrs={"rows": 4}))

    field_order = ["name", "email", "phone", "languages", "availability", "message", "consent", "homepage"]

    def clean_languages(self):
        return list(SpokenLanguage.objects.filter(code__in=self.cleaned_data["languages"]))


class TrainingRegistrationForm(PersonForm):
    field_order = ["name", "email", "phone", "consent", "homepage"]


class ResendForm(HoneypotMixin, forms.Form):
    email = forms.EmailField(label=_("Ihre E-Mail-Adresse"), max_length=254,
                             error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse an.")})
