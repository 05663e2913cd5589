"""The admin behaviour every app's content shares: language tabs, history with restore, translation status,
the life cycle as explicit actions, and the translator role's limits. Other apps subclass `ContentAdmin`."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin

from . import roles
from .translation_status import State, TranslationTracked, target_languages, translated_field_names
from .workflow import MESSAGE_REQUIRED, Publishable, Transition


class ContentAdminForm(forms.ModelForm):
    minor_edit = forms.BooleanField(
        label=_("Kleine Änderung"),
        required=False,
        help_text=_("Nur Tippfehler oder Formales geändert: Die Übersetzungen bleiben als aktuell markiert."),
    )
    workflow_action = forms.ChoiceField(label=_("Status ändern"), required=False, choices=())
    workflow_message = forms.CharField(
        label=_("Nachricht an die Autorin/den Autor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pflicht bei „Änderungen erbitten“ und „Ablehnen“."),
    )

    def clean(self):
        cleaned = super().clean()
        message = cleaned.get("workflow_message", "").strip()
        if cleaned.get("workflow_action") in MESSAGE_REQUIRED and not message:
            self.add_error("workflow_message", _("Bitte schreiben Sie der Autorin/dem Autor eine Begründung."))
        return cleaned


def state_tags(obj):
    states = obj.translation_states()
    return format_html_join(
        " ",
        '<span class="translation-state translation-state--{}" title="{}">{}</span>',
        ((state, f"{code}: {State(state).label}", code) for code, state in states.items()),
    )


class ContentAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Base admin for translated, moderated content."""

    form = ContentAdminForm
    workflow_fields = ("workflow_action", "workflow_message")

    class Media:
        css = {"all": ("admin/portal-admin.css",)}
        js = ("admin/portal-admin.js",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # "www.verein.de" means https://, as Django 6 will
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        language = getattr(db_field, "language", None)
        if field is not None and language and "-" in language:
            # modeltranslation cannot split three-part codes such as de-x-ls into field and language; give its
            # tab script the class it expects: mt-field-<field>-<language with underscores>.
            widget = getattr(field.widget, "widget", field.widget)
            classes = [c for c in widget.attrs.get("class", "").split() if not c.startswith("mt-field-")]
            classes.append(f"mt-field-{db_field.translated_field.name}-{language.replace('-', '_')}")
            widget.attrs["class"] = " ".join(classes)
        return field

    # --- the translator role: language fields other than German, nothing else ---------------------------
    def _translator_editable(self):
        model = self.model
        return {
            build_localized_fieldname(field, code)
            for field in translated_field_names(model)
            for code in target_languages()
        }

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, Publishable):
            readonly += ["status", "review_message", "author"]
        if roles.is_translator_only(request.user):
            editable = self._translator_editable()
            # The original (unsuffixed) translated fields must stay out: modeltranslation would read them as
            # "every language of this field".
            originals = set(translated_field_names(self.model))
            readonly += [
                f.name for f in self.model._meta.get_fields()
                if getattr(f, "editable", False) and f.concrete and not f.auto_created
                and f.name not in editable and f.name not in originals
            ]
            readonly += [f.name for f in self.model._meta.many_to_many]
        return list(dict.fromkeys(readonly))

    def get_prepopulated_fields(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            field: sources
            for field, sources in super().get_prepopulated_fields(request, obj).items()
            if field not in readonly
        }

    def has_add_permission(self, request):
        return not roles.is_translator_only(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return not roles.is_translator_only(request.user) and super().has_delete_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Restoring an old version changes every language at once; translators change only their own.
        if roles.is_translator_only(request.user):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    # --- the form: minor edit and life-cycle actions --------------------------------------------------------
    def get_fieldsets(self, request, obj=None):
        own = {"minor_edit", *self.workflow_fields}
        fieldsets = [
            (title, {**options, "fields": [name for name in options["fields"] if name not in own]})
            for title, options in super().get_fieldsets(request, obj)
        ]
        extra = []
        if issubclass(self.model, TranslationTracked) and not roles.is_translator_only(request.user):
            extra.append("minor_edit")
        if issubclass(self.model, Publishable) and self._transition_choices(request, obj):
            extra += list(self.workflow_fields)
        if extra:
            fieldsets.append((_("Speichern und Status"), {"fields": extra}))
        return fieldsets

    def _transition_choices(self, request, obj):
        if roles.is_translator_only(request.user):
            return []
        probe = obj if obj is not None else self.model()
        return [(t, Transition(t).label) for t in probe.allowed_transitions(request.user)]

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        choices = self._transition_choices(request, obj) if issubclass(self.model, Publishable) else []

        class Form(form_class):
            def __init__(self, *args, **inner):
                super().__init__(*args, **inner)
                if choices:
                    self.fields["workflow_action"].choices = [("", _("– unverändert –"))] + choices
                else:
                    for name in ("workflow_action", "workflow_message"):
                        self.fields.pop(name, None)

        return Form

    def save_model(self, request, obj, form, change):
        if isinstance(obj, TranslationTracked):
            obj.minor_edit = bool(form.cleaned_data.get("minor_edit"))
        if isinstance(obj, Publishable) and not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
        action = form.cleaned_data.get("workflow_action")
        if action and isinstance(obj, Publishable):
            try:
                obj.apply_transition(action, request.user, form.cleaned_data.get("workflow_message", ""))
            except (PermissionDenied, ValidationError) as error:
                self.message_user(request, " ".join(getattr(error, "messages", [str(error)])), messages.ERROR)

    # --- list helpers ---------------------------------------------------------------------------------------
    @admin.display(description=_("Übersetzungen"))
    def translation_overview(self, obj):
        return state_tags(obj)

    @admin.display(description=_("Status"), ordering="status")
    def status_tag(self, obj):
        return format_html('<span class="status-tag status-tag--{}">{}</span>', obj.status, obj.get_status_display())

    actions = ["publish_selected", "archive_selected"]

    def _bulk(self, request, queryset, transition):
        done = 0
        for obj in queryset:
            try:
                obj.apply_transition(transition, request.user)
                done += 1
            except (PermissionDenied, ValidationError):
                continue
        self.message_user(request, _("%(count)d Einträge geändert.") % {"count": done})

    @admin.action(description=_("Ausgewählte veröffentlichen"))
    def publish_selected(self, request, queryset):
        self._bulk(request, queryset, Transition.PUBLISH)

    @admin.action(description=_("Ausgewählte archivieren"))
    def archive_selected(self, request, queryset):
        self._bulk(request, queryset, Transition.ARCHIVE)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not issubclass(self.model, Publishable) or not roles.can_publish(request.user):
            actions.pop("publish_selected", None)
            actions.pop("archive_selected", None)
        return actions


def language_name(code):
    return dict(settings.LANGUAGES).get(code, code)

