"""Staff pages beside the model admin: translation coverage per language, export and import for agencies."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import roles, translation_exchange
from .translation_status import target_languages, tracked_models

SESSION_KEY = "translation-import"


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("PO-Datei vom Übersetzungsbüro"))


def _language_or_404(language):
    if language not in target_languages():
        raise Http404
    return language


def _require_staff_role(request):
    if not roles.in_group(request.user, *roles.STAFF_GROUPS):
        raise Http404


@staff_member_required
def coverage(request, language=None):
    _require_staff_role(request)
    languages = [(code, name) for code, name in settings.LANGUAGES if code in target_languages()]
    language = _language_or_404(language or languages[0][0])
    context = {
        **admin.site.each_context(request),
        "title": _("Übersetzungsstand"),
        "languages": languages,
        "language": language,
        "language_name": dict(settings.LANGUAGES)[language],
        "groups": translation_exchange.coverage(language),
        "import_form": ImportForm(),
    }
    return render(request, "admin/portal/translation_coverage.html", context)


@staff_member_required
def export(request, language):
    _require_staff_role(request)
    language = _language_or_404(language)
    selected = set(request.POST.getlist("objects"))
    objects = [
        obj
        for model in tracked_models()
        for obj in model._default_manager.all()
        if translation_exchange.object_key(obj) in selected
    ]
    if request.method != "POST" or not objects:
        messages.error(request, _("Bitte wählen Sie mindestens einen Eintrag aus."))
        return redirect("translation_coverage", language=language)
    data = translation_exchange.export_po(objects, language)
    response = HttpResponse(data, content_type="text/x-gettext-translation")
    response["Content-Disposition"] = f'attachment; filename="integrationsportal-{language}.po"'
    return response


@staff_member_required
def import_preview(request, language):
    _require_staff_role(request)
    language = _language_or_404(language)
    if request.method != "POST":
        return redirect("translation_coverage", language=language)
    if "confirm" in request.POST:
        data = request.session.pop(SESSION_KEY, {}).get(language)
        if data is None:
            messages.error(request, _("Die hochgeladene Datei ist abgelaufen. Bitte laden Sie sie noch einmal hoch."))
            return redirect("translation_coverage", language=language)
        changes = translation_exchange.read_changes(data.encode("utf-8"), language)
        count = translation_exchange.apply_changes(changes, language, request.user)
        messages.success(request, _("%(count)d Einträge wurden aktualisiert.") % {"count": count})
        return redirect("translation_coverage", language=language)
    form = ImportForm(request.POST, request.FILES)
    changes = []
    if form.is_valid():
        data = form.cleaned_data["file"].read(5 * 1024 * 1024 + 1)
        try:
            if len(data) > 5 * 1024 * 1024:
                raise ValidationError(_("Die Datei ist größer als 5 MB."))
            changes = translation_exchange.read_changes(data, language)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            request.session[SESSION_KEY] = {language: data.decode("utf-8")}
    context = {
        **admin.site.each_context(request),
        "title": _("Import prüfen"),
        "language": language,
        "language_name": dict(settings.LANGUAGES)[language],
        "form": form,
        "changes": changes,
    }
    return render(request, "admin/portal/translation_import.html", context)
