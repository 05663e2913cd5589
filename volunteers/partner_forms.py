"""Forms of the volunteering part of the partner area: opportunities, the sign-up filter and the hours log.

Like every form of the partner area they validate on the server, keep what was typed and say in plain German
what to change. Descriptions are edited as plain text (see projects.partner_forms.PlainTextRichTextMixin).
"""

from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.forms import FilterForm
from projects.partner_forms import PlainTextRichTextMixin

from .models import HoursEntry, Opportunity, SignUp
from .reports import EARLIEST_YEAR

DATE_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
EXPIRY_DEFAULT = timedelta(days=183)
EXPIRY_MAX = timedelta(days=366)
HOURS_MIN, HOURS_MAX = Decimal("0.25"), Decimal("24")
EARLIEST_DATE = date(EARLIEST_YEAR, 1, 1)


def _date_widget():
    return forms.DateInput(format="%d.%m.%Y", attrs={"inputmode": "numeric", "autocomplete": "off"})


# --- opportunities -----------------------------------------------------------------------------------------------

class OpportunityForm(PlainTextRichTextMixin, forms.ModelForm):
    """Everything the board shows about an opportunity. German and English texts; the Stabsstelle's
    translators do the other languages."""

    rich_text_fields = ("description_de", "description_en")

    volunteers_wanted = forms.IntegerField(
        label=_("Wie viele Ehrenamtliche suchen Sie?"), min_value=1, max_value=999, initial=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Bitte geben Sie an, wie viele Ehrenamtliche Sie suchen."),
            "invalid": _("Bitte geben Sie eine ganze Zahl ein, zum Beispiel 2."),
            "min_value": _("Bitte suchen Sie mindestens eine Person."),
            "max_value": _("Bitte geben Sie höchstens 999 an."),
        },
    )

    class Meta:
        model = Opportunity
        fields = [
            "title_de", "title_en", "description_de", "description_en", "kind", "time_needed_de", "topic",
            "municipality", "helpful_languages", "requirements_de", "needs_police_certificate", "starts_on",
            "ends_on", "volunteers_wanted", "expires_on",
        ]
        labels = {
            "title_de": _("Titel auf Deutsch"),
            "title_en": _("Titel auf Englisch"),
            "description_de": _("Beschreibung auf Deutsch"),
            "description_en": _("Beschreibung auf Englisch"),
            "kind": _("Einmalig oder regelmäßig?"),
            "time_needed_de": _("Zeitaufwand"),
            "topic": _("Thema"),
            "municipality": _("Wo wird geholfen?"),
            "helpful_languages": _("Sprachen, die bei dieser Aufgabe helfen"),
            "requirements_de": _("Voraussetzungen"),
            "needs_police_certificate": _("Ein erweitertes Führungszeugnis ist nötig"),
            "starts_on": _("Beginn (freiwillig)"),
            "ends_on": _("Ende (freiwillig)"),
            "expires_on": _("Sichtbar in der Ehrenamtsbörse bis"),
        }
        help_texts = {
            "title_de": _("Kurz und konkret, zum Beispiel „Sprachpatenschaft für eine Familie in Wittingen“."),
            "title_en": _("Freiwillig. Die anderen Sprachen übersetzt die Stabsstelle."),
            "time_needed_de": _("Zum Beispiel „2 Stunden pro Woche, nachmittags“."),
            "requirements_de": _("Freiwillig. Zum Beispiel „Führerschein“ oder „Freude am Umgang mit Kindern“."),
            "needs_police_certificate": _("Zum Beispiel bei der Arbeit mit Kindern und Jugendlichen."),
            "starts_on": _("Zum Beispiel 01.09.2025"),
            "ends_on": _("Zum Beispiel 31.12.2025. Leer lassen, wenn das Ende offen ist."),
            "expires_on": _("Höchstens ein Jahr ab heute. Wir erinnern Sie per E-Mail, bevor das Angebot "
                            "verschwindet; Sie können das Datum dann verlängern."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "helpful_languages": forms.CheckboxSelectMultiple,
            "requirements_de": forms.Textarea(attrs={"rows": 3}),
            "starts_on": _date_widget(),
            "ends_on": _date_widget(),
            "expires_on": _date_widget(),
        }
        error_messages = {
            "title_de": {"required": _("Bitte geben Sie einen Titel auf Deutsch ein.")},
            "kind": {"required": _("Bitte wählen Sie, ob die Aufgabe einmalig oder regelmäßig ist.")},
            "starts_on": {"invalid": _("Bitte geben Sie ein Datum wie 01.09.2025 ein.")},
            "ends_on": {"invalid": _("Bitte geben Sie ein Datum wie 31.12.2025 ein.")},
            "expires_on": {"invalid": _("Bitte geben Sie ein Datum wie 31.12.2025 ein."),
                           "required": _("Bitte geben Sie an, bis wann das Angebot sichtbar sein soll.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        self.fields["description_de"].required = True
        self.fields["description_de"].error_messages["required"] = _(
            "Bitte beschreiben Sie, wobei Ehrenamtliche helfen.")
        self.fields["kind"].choices = list(Opportunity.Kind.choices)  # no empty radio button
        self.fields["topic"].empty_label = _("– kein bestimmtes Thema –")
        self.fields["municipality"].empty_label = _("– im ganzen Landkreis –")
        self.fields["expires_on"].required = True
        for name in ("starts_on", "ends_on", "expires_on"):
            self.fields[name].input_formats = DATE_FORMATS
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("expires_on", timezone.localdate() + EXPIRY_DEFAULT)

    def clean_expires_on(self):
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on is None or "expires_on" not in self.changed_data:
            return expires_on
        today = timezone.localdate()
        if expires_on < today:
            raise forms.ValidationError(_("Dieses Datum liegt in der Vergangenheit."), code="past")
        if expires_on > today + EXPIRY_MAX:
            raise forms.ValidationError(_("Bitte wählen Sie ein Datum höchstens ein Jahr ab heute. Sie können es "
                                          "später verlängern."), code="too_far")
        return expires_on


# --- sign-ups ------------------------------------------------------------------------------------------------------

class SignUpFilterForm(FilterForm):
    """Plain GET filter of the sign-up list. Invalid values (an old link) are ignored, never an error page."""

    VISIBLE_STATES = [SignUp.State.NEW, SignUp.State.ACCEPTED, SignUp.State.DECLINED]

    angebot = forms.ChoiceField(label=_("Ehrenamtsangebot"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False,
        choices=[("", _("alle"))] + [(state.value, state.label) for state in VISIBLE_STATES],
    )

    def __init__(self, *args, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["angebot"].choices = [("", _("alle Angebote"))] + [
            (opportunity.slug, opportunity.title_de) for opportunity in opportunities]

    def filter(self, queryset):
        data = self.valid_data()
        if "angebot" in data:
            queryset = queryset.filter(opportunity__slug=data["angebot"])
        if "status" in data:
            queryset = queryset.filter(state=data["status"])
        return queryset


# --- hours -------------------------------------------------------------------------------------------------------

class HoursField(forms.DecimalField):
    """Hours as people type them: "2", "1,5" or "1.5"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class VolunteerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, volunteer):
        return f"{volunteer.name} ({volunteer.email})" if volunteer.email else volunteer.name


class HoursEntryForm(forms.ModelForm):
    volunteer = VolunteerChoiceField(
        label=_("Ehrenamtliche Person"), queryset=None, empty_label=_("– bitte wählen –"),
        help_text=_("Alle Personen, die sich bei Ihrer Organisation angemeldet haben."),
        error_messages={"required": _("Bitte wählen Sie die Person, die geholfen hat."),
                        "invalid_choice": _("Für diese Person können Sie keine Stunden eintragen.")},
    )
    date = forms.DateField(
        label=_("Datum"), input_formats=DATE_FORMATS, help_text=_("Zum Beispiel 14.03.2025"), widget=_date_widget(),
        error_messages={"required": _("Bitte geben Sie das Datum ein."),
                        "invalid": _("Bitte geben Sie ein Datum wie 14.03.2025 ein.")},
    )
    hours = HoursField(
        label=_("Stunden"), min_value=HOURS_MIN, max_value=HOURS_MAX, decimal_places=2,
        help_text=_("Zwischen 0,25 und 24, zum Beispiel 2 oder 1,5."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": _("Bitte geben Sie an, wie viele Stunden die Person geholfen hat."),
            "invalid": _("Bitte geben Sie die Stunden als Zahl an, zum Beispiel 2 oder 1,5."),
            "min_value": _("Bitte geben Sie mindestens 0,25 Stunden (eine Viertelstunde) an."),
            "max_value": _("An einem Tag sind höchstens 24 Stunden möglich."),
            "max_decimal_places": _("Bitte geben Sie höchstens zwei Nachkommastellen an, zum Beispiel 1,25."),
        },
    )
    opportunity = forms.ModelChoiceField(
        label=_("Ehrenamtsangebot (freiwillig)"), queryset=None, required=False,
        empty_label=_("– kein bestimmtes Angebot –"),
        error_messages={"invalid_choice": _("Bitte wählen Sie eines Ihrer Angebote.")},
    )

    class Meta:
        model = HoursEntry
        fields = ["volunteer", "date", "hours", "activity", "opportunity"]
        labels = {"activity": _("Tätigkeit (freiwillig)")}
        help_texts = {"activity": _("Zum Beispiel „Hausaufgabenhilfe“. Erscheint im Jahresnachweis.")}

    def __init__(self, *args, volunteers, opportunities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers
        self.fields["opportunity"].queryset = opportunities

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Dieses Datum liegt in der Zukunft. Tragen Sie Stunden bitte ein, wenn "
                                          "sie geleistet sind."), code="future")
        if value < EARLIEST_DATE:
            raise forms.ValidationError(_("Bitte prüfen Sie das Jahr."), code="too_old")
        return value

    def clean(self):
        cleaned = super().clean()
        volunteer, day, hours = cleaned.get("volunteer"), cleaned.get("date"), cleaned.get("hours")
        if volunteer is not None and day is not None and hours is not None:
            logged = HoursEntry.objects.filter(
                volunteer=volunteer, organisation=self.instance.organisation, date=day
            ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
            if logged + hours > HOURS_MAX:
                self.add_error("hours", _(
                    "Für diesen Tag sind bei Ihnen schon %(logged)s Stunden eingetragen. Zusammen wären es mehr "
                    "als 24 Stunden.") % {"logged": f"{logged:.2f}".replace(".", ",").removesuffix(",00")})
        return cleaned
