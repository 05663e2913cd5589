"""Staff pages beside the model admin: translation coverage per language, export and import for agencies."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
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
    # 403, not 404: a 404 outside the language prefix would be redirected to /de/… by LocaleMiddleware.
    if not roles.in_group(request.user, *roles.STAFF_GROUPS):
        raise PermissionDenied


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


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("publish", gettext_lazy("Freigeben")),
                                          ("request_changes", gettext_lazy("Änderungen erbitten")),
                                          ("reject", gettext_lazy("Ablehnen"))])
    message = forms.CharField(label=gettext_lazy("Nachricht an die Autorin/den Autor"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


def _submitted_objects():
    from django.apps import apps

    from .workflow import Publishable, Status

    for model in apps.get_models():
        if issubclass(model, Publishable):
            yield from model._default_manager.filter(status=Status.SUBMITTED).order_by("updated_at")


@staff_member_required
def moderation_queue(request):
    """Everything partners submitted, oldest first: new content and changes to published content."""
    from django.contrib.contenttypes.models import ContentType

    from .models import PendingChange
    from .workflow import Publishable, Transition

    if not roles.can_publish(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = DecisionForm(request.POST)
        kind, _sep, key = request.POST.get("item", "").partition(":")
        if form.is_valid():
            decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
            try:
                if kind == "change":
                    change = PendingChange.objects.open().get(pk=key)
                    if decision == "publish":
                        change.approve(request.user)
                    else:
                        if not message.strip():
                            raise ValidationError(_("Bitte schreiben Sie der Autorin/dem Autor eine Begründung."))
                        change.reject(request.user, message)
                else:
                    content_type_id, _sep, pk = key.partition("-")
                    model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
                    if model is None or not issubclass(model, Publishable):
                        raise LookupError(key)
                    obj = model._default_manager.get(pk=pk)
                    obj.apply_transition(Transition(decision), request.user, message)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            except (ValueError, LookupError, ObjectDoesNotExist):
                messages.error(request, _("Dieser Eintrag ist nicht mehr in der Warteschlange."))
            else:
                messages.success(request, _("Entscheidung gespeichert; die Autorin/der Autor wurde benachrichtigt."))
        return redirect("moderation_queue")
    submissions = [
        {"object": obj, "key": f"object:{ContentType.objects.get_for_model(obj).pk}-{obj.pk}",
         "kind": obj._meta.verbose_name, "admin_url": f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change"}
        for obj in _submitted_objects()
    ]
    changes = [
        {"change": change, "key": f"change:{change.pk}"}
        for change in PendingChange.objects.open().select_related("author", "content_type")
    ]
    context = {
        **admin.site.each_context(request),
        "title": _("Moderation: eingereichte Inhalte"),
        "submissions": submissions,
        "changes": changes,
        "form": DecisionForm(),
    }
    return render(request, "admin/portal/moderation_queue.html", context)
