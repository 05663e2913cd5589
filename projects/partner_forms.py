"""Forms of the partner area: account, registration, members, profile, projects and co-partners.

Every form validates on the server, keeps what was entered and says in plain German what to change. Rich text
is edited as plain text here (paragraphs and "- " lists): the rich text editor needs an inline import map that
the public layout's Content-Security-Policy forbids, and partners rarely need more.
"""

import re
from datetime import date, datetime, time
from decimal import Decimal
from html.parser import HTMLParser

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.db.models import Model
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from portal.images import validate_upload
from portal.spam import HoneypotMixin

from .models import Membership, OpeningHours, Organisation, Project, ProjectPartner

User = get_user_model()

EMAIL_INVALID = _("Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.")
DESCRIPTION_MAX_LENGTH = 10_000
DESCRIPTION_HINT = _(
    "Trennen Sie Absätze durch eine Leerzeile. Zeilen, die mit „- “ beginnen, werden zu einer Liste."
)


# --- plain text ↔ the rich text the models store ----------------------------------------------------------------

def text_to_html(text):
    """Paragraphs (separated by blank lines) and "- " lists as the HTML the rich text fields keep."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line[:2] in ("- ", "* ", "• ") for line in lines):
            items = "".join(f"<li>{escape(line[2:].strip())}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return "".join(blocks)


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "h2", "h3", "h4", "blockquote", "ul", "ol"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.href = None

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.parts.append("- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.href = dict(attrs).get("href")

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n")
        elif tag == "a" and self.href:
            self.parts.append(f" ({self.href})")
            self.href = None

    def handle_data(self, data):
        self.parts.append(data)


def html_to_text(html):
    """The text of stored rich text, with paragraphs and list items on lines of their own."""
    if not html:
        return ""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(extractor.parts)).strip()


class PlainTextRichTextMixin:
    """For ModelForms: edit the listed rich text fields as plain text. Text that comes back unchanged keeps its
    original HTML, so formatting the staff added survives a partner's edit of other fields."""

    rich_text_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.rich_text_fields:
            self.fields[name] = forms.CharField(
                label=self.fields[name].label, required=self.fields[name].required,
                max_length=DESCRIPTION_MAX_LENGTH, help_text=DESCRIPTION_HINT,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
            self.initial[name] = html_to_text(self.initial.get(name) or "")

    def _post_clean(self):
        for name in self.rich_text_fields:
            if name in self.cleaned_data:
                self.cleaned_data[name] = self._as_html(name, self.cleaned_data[name])
        super()._post_clean()

    def _as_html(self, name, text):
        original = getattr(self.instance, name, "") or ""
        if text.strip() == html_to_text(original):
            return original
        return text_to_html(text)


def json_value(value):
    """A cleaned form value as PendingChange keeps it: related objects as primary keys, dates as ISO text."""
    if isinstance(value, Model):
        return value.pk
    if hasattr(value, "values_list"):
        return sorted(value.values_list("pk", flat=True))
    if isinstance(value, (list, tuple)):
        return sorted(item.pk if isinstance(item, Model) else item for item in value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    return value


def proposed_changes(form, live):
    """{field name: JSON value} for the model fields of a ModelForm whose cleaned value differs from `live`."""
    changes = {}
    for name in form._meta.fields:
        if name not in form.cleaned_data:
            continue
        proposed = form.cleaned_data[name]
        field = live._meta.get_field(name)
        if field.many_to_many:
            differs = json_value(proposed) != sorted(getattr(live, name).values_list("pk", flat=True))
        elif field.is_relation:
            differs = json_value(proposed) != field.value_from_object(live)
        else:
            current = field.value_from_object(live)
            # Compared as Python values, so 52.48 equals the stored 52.48000 and "" equals None.
            differs = (current if current not in ("", None) else None) != (
                proposed if proposed not in ("", None) else None)
        if differs:
            changes[name] = json_value(proposed)
    return changes


def image_file_field(label):
    """The optional picture upload of a partner form: the formats portal.images accepts, in the file dialog too."""
    return forms.FileField(
        label=label, required=False,
        help_text=_("JPEG, PNG, WebP oder GIF, höchstens 10 MB. Wir entfernen dabei alle Metadaten."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )


class ImageUploadMixin(forms.Form):
    """One optional picture, verified by portal.images before anything is stored."""

    image_field = "image"

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get(f"{self.image_field}_file")
        if upload and not cleaned.get(f"{self.image_field}_alt"):
            self.add_error(f"{self.image_field}_alt", _("Bitte beschreiben Sie kurz, was auf dem Bild zu sehen ist."))
        return cleaned

    def validated_upload(self):
        upload = self.cleaned_data.get(f"{self.image_field}_file")
        if upload:
            validate_upload(upload)
        return upload

    def new_image(self):
        """A saved portal Image for the uploaded file (re-encoded without metadata), or None."""
        from portal.models import Image

        upload = self.cleaned_data.get(f"{self.image_field}_file")
        if not upload:
            return None
        return Image.objects.create(file=upload, alt_text_de=self.cleaned_data[f"{self.image_field}_alt"])


# --- account -------------------------------------------------------------------------------------------------------

class PartnerLoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Die E-Mail-Adresse oder das Passwort stimmt nicht. Wenn Sie sich gerade registriert haben: "
            "Bestätigen Sie bitte zuerst Ihre E-Mail-Adresse über den Link in unserer E-Mail."
        ),
        "inactive": _("Dieses Konto ist nicht aktiv."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-Mail-Adresse")
        self.fields["username"].widget.attrs.update({"autocomplete": "email", "inputmode": "email"})
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.fields["username"].error_messages["required"] = _("Bitte geben Sie Ihre E-Mail-Adresse ein.")
        self.fields["password"].label = _("Passwort")
        self.fields["password"].error_messages["required"] = _("Bitte geben Sie Ihr Passwort ein.")


class PartnerPasswordResetForm(PasswordResetForm):
    """Sends the reset link in the language the person chose for mails, not the one of the request."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-Mail-Adresse Ihres Kontos")
        self.fields["email"].error_messages.update(
            {"required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."), "invalid": EMAIL_INVALID}
        )

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        with translation.override(context["user"].language):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email,
                              html_email_template_name)


class PasswordFieldsMixin(forms.Form):
    """Password twice, checked against Django's validators and the person's other details."""

    password1 = forms.CharField(
        label=_("Passwort"), strip=False, max_length=128,
        help_text=_("Mindestens 12 Zeichen. Nicht nur Ziffern und kein gängiges Passwort."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Bitte wählen Sie ein Passwort.")},
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"), strip=False, max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Bitte geben Sie das Passwort noch einmal ein.")},
    )

    def password_user(self):
        """An unsaved User with the details the similarity validator compares the password with."""
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        elif first:
            try:
                password_validation.validate_password(first, self.password_user())
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class RegistrationForm(HoneypotMixin, PasswordFieldsMixin):
    organisation_name = forms.CharField(
        label=_("Name der Organisation"), max_length=200,
        error_messages={"required": _("Bitte geben Sie den Namen Ihrer Organisation ein.")},
    )
    kind = forms.ChoiceField(
        label=_("Art der Organisation"), choices=Organisation.Kind.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie aus, welche Art von Organisation Sie sind.")},
    )
    full_name = forms.CharField(
        label=_("Ihr Name"), max_length=150,
        help_text=_("Die Person, die für den Eintrag verantwortlich ist. Sie erscheint im Verzeichnis als "
                    "verantwortliche Person."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Bitte geben Sie Ihren Vor- und Nachnamen ein.")},
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"), max_length=254,
        help_text=_("Damit melden Sie sich an. Wir schicken Ihnen einen Link, um sie zu bestätigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."), "invalid": EMAIL_INVALID},
    )
    phone = forms.CharField(
        label=_("Telefonnummer der Organisation"), max_length=40,
        help_text=_("Für Rückfragen der Stabsstelle. Erscheint nach der Freigabe im Verzeichnis."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": _("Bitte geben Sie eine Telefonnummer ein, unter der wir Sie erreichen.")},
    )
    consent = forms.BooleanField(
        label=_("Ich habe den Datenschutzhinweis gelesen und bin mit der Verarbeitung meiner Angaben "
                "einverstanden."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie mit der Verarbeitung einverstanden sind.")},
    )

    field_order = ["organisation_name", "kind", "full_name", "email", "phone", "password1", "password2", "consent",
                   "homepage"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("Für diese E-Mail-Adresse gibt es schon ein Konto. Melden Sie sich bitte an oder lassen Sie sich "
                  "ein neues Passwort schicken. Wenn Sie die Adresse noch nicht bestätigt haben, können Sie einen "
                  "neuen Bestätigungslink anfordern."),
                code="exists",
            )
        return email

    def password_user(self):
        return User(email=self.cleaned_data.get("email", ""), full_name=self.cleaned_data.get("full_name", ""))


class EmailForm(HoneypotMixin, forms.Form):
    """One e-mail address, e.g. to send a new verification link."""

    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."), "invalid": EMAIL_INVALID},
    )

    field_order = ["email", "homepage"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class AcceptInvitationForm(PasswordFieldsMixin):
    full_name = forms.CharField(
        label=_("Ihr Name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Bitte geben Sie Ihren Vor- und Nachnamen ein.")},
    )

    field_order = ["full_name", "password1", "password2"]

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def password_user(self):
        return User(email=self.email, full_name=self.cleaned_data.get("full_name", ""))


class PartnerSetPasswordForm(SetPasswordForm):
    """Django's form with our wording, so the page reads like the rest of the partner area."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Neues Passwort")
        self.fields["new_password1"].help_text = PasswordFieldsMixin.base_fields["password1"].help_text
        self.fields["new_password2"].label = _("Neues Passwort wiederholen")


# --- members -------------------------------------------------------------------------------------------------------

class InviteMemberForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Kollegin oder des Kollegen"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Bitte geben Sie die E-Mail-Adresse ein."), "invalid": EMAIL_INVALID},
    )
    role = forms.ChoiceField(
        label=_("Rolle"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER, widget=forms.RadioSelect,
        help_text=_("Mitglieder bearbeiten Profil und Projekte. Die Verwaltung kann außerdem Mitglieder einladen "
                    "und entfernen."),
        error_messages={"required": _("Bitte wählen Sie eine Rolle.")},
    )

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.organisation.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(_("Diese Person gehört schon zu Ihrer Organisation."), code="member")
        return email


# --- profile -------------------------------------------------------------------------------------------------------

class OrganisationProfileForm(PlainTextRichTextMixin, ImageUploadMixin, forms.ModelForm):
    """All public fields of the directory entry. German and English texts here; the Stabsstelle's translators
    do the other languages."""

    image_field = "logo"
    rich_text_fields = ("description_de", "description_en")

    logo_file = image_file_field(_("Neues Logo hochladen"))
    logo_alt = forms.CharField(
        label=_("Text zum Logo"), required=False, max_length=250,
        help_text=_("Für Menschen, die das Bild nicht sehen, z. B. „Logo des Vereins Miteinander e. V.“."),
    )
    remove_logo = forms.BooleanField(label=_("Bisheriges Logo entfernen"), required=False)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https",
        help_text=_("Zum Beispiel www.beispiel.de"),
        error_messages={"invalid": _("Bitte geben Sie eine Adresse wie www.beispiel.de ein.")},
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "kind", "description_de", "description_en", "topics", "target_groups", "municipalities",
            "spoken_languages", "street", "postcode", "city", "latitude", "longitude", "phone", "email", "website",
            "contact_person", "by_appointment", "opening_notes_de", "opening_notes_en", "step_free",
        ]
        labels = {
            "description_de": _("Beschreibung auf Deutsch"),
            "description_en": _("Beschreibung auf Englisch"),
            "opening_notes_de": _("Hinweise zu den Öffnungszeiten auf Deutsch"),
            "opening_notes_en": _("Hinweise zu den Öffnungszeiten auf Englisch"),
            "contact_person": _("Verantwortliche Person"),
            "latitude": _("Breitengrad (für die Karte)"),
            "longitude": _("Längengrad (für die Karte)"),
        }
        help_texts = {
            "name": _("So erscheint Ihre Organisation im Verzeichnis."),
            "postcode": _("Fünf Ziffern, z. B. 38518."),
            "latitude": _("Freiwillig, z. B. 52.48. Wenn Sie den Wert nicht kennen, trägt die Stabsstelle ihn ein."),
            "longitude": _("Freiwillig, z. B. 10.55."),
            "opening_notes_de": _("Zum Beispiel: „In den Schulferien geschlossen“."),
            "description_en": _("Freiwillig. Die anderen Sprachen übersetzt die Stabsstelle."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "step_free": forms.RadioSelect,
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "spoken_languages": forms.CheckboxSelectMultiple,
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
            "latitude": forms.TextInput(attrs={"inputmode": "decimal"}),
            "longitude": forms.TextInput(attrs={"inputmode": "decimal"}),
        }
        error_messages = {
            "name": {"required": _("Bitte geben Sie den Namen Ihrer Organisation ein.")},
            "kind": {"required": _("Bitte wählen Sie aus, welche Art von Organisation Sie sind.")},
            "step_free": {"required": _("Bitte geben Sie an, ob Ihre Räume stufenlos erreichbar sind.")},
            "email": {"invalid": EMAIL_INVALID},
            "latitude": {"invalid": _("Bitte geben Sie eine Zahl wie 52.48 ein.")},
            "longitude": {"invalid": _("Bitte geben Sie eine Zahl wie 10.55 ein.")},
        }

    field_order = list(Meta.fields[:4]) + ["logo_file", "logo_alt", "remove_logo"]

    def clean_logo_file(self):
        return self.validated_upload()

    def clean_postcode(self):
        postcode = self.cleaned_data.get("postcode", "").strip()
        if postcode and not re.fullmatch(r"\d{5}", postcode):
            raise forms.ValidationError(_("Eine Postleitzahl hat fünf Ziffern, z. B. 38518."), code="postcode")
        return postcode

    def clean_latitude(self):
        return self._coordinate("latitude", -90, 90)

    def clean_longitude(self):
        return self._coordinate("longitude", -180, 180)

    def _coordinate(self, name, low, high):
        value = self.cleaned_data.get(name)
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(_("Dieser Wert liegt außerhalb der Erde."), code="range")
        return value


class OpeningHoursForm(forms.Form):
    """One period of one weekday. The fields are required only in a row that is filled in at all."""

    weekday = forms.TypedChoiceField(
        label=_("Wochentag"), coerce=int, required=False, empty_value=None,
        choices=[("", _("– bitte wählen –"))] + OpeningHours.Weekday.choices,
    )
    opens = forms.TimeField(
        label=_("von"), help_text=_("z. B. 09:00"), required=False, widget=forms.TimeInput(format="%H:%M"),
        error_messages={"invalid": _("Bitte geben Sie eine Uhrzeit wie 09:00 ein.")},
    )
    closes = forms.TimeField(
        label=_("bis"), help_text=_("z. B. 12:30"), required=False, widget=forms.TimeInput(format="%H:%M"),
        error_messages={"invalid": _("Bitte geben Sie eine Uhrzeit wie 12:30 ein.")},
    )

    MISSING = {
        "weekday": _("Bitte wählen Sie einen Wochentag."),
        "opens": _("Bitte geben Sie an, ab wann geöffnet ist."),
        "closes": _("Bitte geben Sie an, bis wann geöffnet ist."),
    }

    @property
    def is_blank(self):
        """A row whose three fields were all emptied counts as removed, like a row never filled in."""
        return self.is_bound and not any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in ("weekday", "opens", "closes")
        )

    def full_clean(self):
        if self.is_blank:
            self._errors = forms.utils.ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def clean(self):
        cleaned = super().clean()
        for name, message in self.MISSING.items():
            if cleaned.get(name) is None and name not in self.errors:
                self.add_error(name, message)
        if cleaned.get("opens") and cleaned.get("closes") and cleaned["closes"] <= cleaned["opens"]:
            self.add_error("closes", _("Das Ende muss nach dem Beginn liegen."))
        return cleaned

    def as_row(self):
        return {
            "weekday": self.cleaned_data["weekday"],
            "opens": self.cleaned_data["opens"].strftime("%H:%M"),
            "closes": self.cleaned_data["closes"].strftime("%H:%M"),
        }


class BaseOpeningHoursFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Diese Öffnungszeit entfernen")

    def rows(self):
        """The filled-in rows, sorted like the public page shows them; removed and empty rows left out."""
        rows = [
            form.as_row() for form in self.forms
            if not form.is_blank and not self._should_delete_form(form)
        ]
        return sorted(rows, key=lambda row: (row["weekday"], row["opens"]))


OpeningHoursFormSet = forms.formset_factory(
    OpeningHoursForm, formset=BaseOpeningHoursFormSet, extra=2, can_delete=True, max_num=21, validate_max=True,
)


def opening_hours_rows(organisation):
    return [
        {"weekday": row.weekday, "opens": row.opens.strftime("%H:%M"), "closes": row.closes.strftime("%H:%M")}
        for row in organisation.opening_hours.order_by("weekday", "opens")
    ]


# --- projects ------------------------------------------------------------------------------------------------------

class ProjectForm(PlainTextRichTextMixin, ImageUploadMixin, forms.ModelForm):
    image_field = "image"
    rich_text_fields = ("description_de", "description_en")

    image_file = image_file_field(_("Bild hochladen"))
    image_alt = forms.CharField(
        label=_("Text zum Bild"), required=False, max_length=250,
        help_text=_("Beschreibt, was auf dem Bild zu sehen ist – für Menschen, die es nicht sehen können."),
    )

    class Meta:
        model = Project
        fields = [
            "title_de", "title_en", "summary_de", "summary_en", "description_de", "description_en", "topics",
            "municipalities", "starts_on", "ends_on", "phase", "funding_de", "funding_en", "contact_name",
            "contact_email", "contact_phone",
        ]
        labels = {
            "title_de": _("Titel auf Deutsch"),
            "title_en": _("Titel auf Englisch"),
            "summary_de": _("Kurzfassung auf Deutsch"),
            "summary_en": _("Kurzfassung auf Englisch"),
            "description_de": _("Beschreibung auf Deutsch"),
            "description_en": _("Beschreibung auf Englisch"),
            "funding_de": _("Förderung auf Deutsch"),
            "funding_en": _("Förderung auf Englisch"),
        }
        help_texts = {
            "summary_de": _("Zwei oder drei Sätze für die Projektliste, höchstens 600 Zeichen."),
            "title_en": _("Freiwillig. Die anderen Sprachen übersetzt die Stabsstelle."),
            "starts_on": _("Zum Beispiel 01.09.2025"),
            "ends_on": _("Zum Beispiel 31.12.2026. Leer lassen, wenn das Ende noch offen ist."),
            "funding_de": _("Zum Beispiel: „Gefördert vom Land Niedersachsen“."),
        }
        widgets = {
            "summary_de": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "topics": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "phase": forms.RadioSelect,
            "starts_on": forms.DateInput(format="%d.%m.%Y"),
            "ends_on": forms.DateInput(format="%d.%m.%Y"),
            "contact_email": forms.EmailInput(),
        }
        error_messages = {
            "title_de": {"required": _("Bitte geben Sie einen Titel auf Deutsch ein.")},
            "summary_de": {"required": _("Bitte fassen Sie das Projekt in zwei oder drei Sätzen zusammen.")},
            "phase": {"required": _("Bitte wählen Sie, ob das Projekt geplant ist, läuft oder abgeschlossen ist.")},
            "starts_on": {"invalid": _("Bitte geben Sie ein Datum wie 01.09.2025 ein.")},
            "ends_on": {"invalid": _("Bitte geben Sie ein Datum wie 31.12.2026 ein.")},
            "contact_email": {"invalid": EMAIL_INVALID},
        }

    field_order = list(Meta.fields[:6]) + ["image_file", "image_alt"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_on", "ends_on"):
            self.fields[name].input_formats = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]

    def clean_image_file(self):
        return self.validated_upload()


class InvitePartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partnerorganisation"), queryset=Organisation.objects.none(), empty_label=_("– bitte wählen –"),
        help_text=_("Nur Organisationen, die im Verzeichnis veröffentlicht sind. Sie erscheinen erst als Partner, "
                    "wenn sie die Einladung angenommen haben."),
        error_messages={"required": _("Bitte wählen Sie eine Organisation."),
                        "invalid_choice": _("Diese Organisation können Sie nicht einladen.")},
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        invited = ProjectPartner.objects.filter(project=project).values("organisation")
        self.fields["organisation"].queryset = (
            Organisation.objects.published().exclude(pk=project.lead_organisation_id).exclude(pk__in=invited)
            .order_by("name")
        )
