"""Hand one language to a translation agency as a PO file and take it back.

Each entry is one translated field of one object: msgctxt names it ("portal.page:12:title"), msgid is the
German text, msgstr the current translation (empty when missing). Agencies' CAT tools read PO natively.
Importing only ever touches the language the file is for, and only fields whose text differs.
"""

from dataclasses import dataclass

import polib
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .translation_status import State, localized, target_languages, tracked_models, translated_field_names


def context_of(obj, field):
    return f"{obj._meta.label_lower}:{obj.pk}:{field}"


def object_key(obj):
    return f"{obj._meta.label_lower}:{obj.pk}"


def coverage(language):
    """Per tracked model: its name and rows of (key, object, state), the objects needing work first."""
    order = {State.MISSING: 0, State.OUTDATED: 1, State.CURRENT: 2}
    result = []
    for model in tracked_models():
        rows = [(object_key(obj), obj, obj.translation_state(language)) for obj in model._default_manager.all()]
        rows.sort(key=lambda row: (order[row[2]], str(row[1])))
        counts = {state: sum(1 for row in rows if row[2] == state) for state in State}
        result.append({"name": model._meta.verbose_name_plural, "rows": rows, "counts": counts})
    return result


def export_po(objects, language):
    """A PO catalogue (bytes) with every translated field of `objects` for `language`."""
    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {
        "Project-Id-Version": "Integrationsportal Landkreis Gifhorn",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
    }
    for obj in objects:
        state = obj.translation_state(language)
        for field in translated_field_names(type(obj)):
            source = getattr(obj, localized(field, settings.LANGUAGE_CODE)) or ""
            if not source:
                continue
            entry = polib.POEntry(
                msgctxt=context_of(obj, field),
                msgid=source,
                msgstr=getattr(obj, localized(field, language)) or "",
                comment=f"{obj._meta.verbose_name}: {obj}",
            )
            if state == State.OUTDATED and entry.msgstr:
                entry.flags.append("fuzzy")
            catalogue.append(entry)
    return str(catalogue).encode("utf-8")


@dataclass
class Change:
    obj: object
    field: str
    old: str
    new: str


def read_changes(data, language):
    """Parse an agency's PO file and list what importing it would change. Raises ValidationError on a file
    that is not a PO file, is for another language or names objects that do not exist."""
    if language not in target_languages():
        raise ValidationError(_("Unbekannte Sprache."))
    try:
        catalogue = polib.pofile(data.decode("utf-8"))
    except (UnicodeDecodeError, OSError, ValueError):
        raise ValidationError(_("Die Datei ist keine gültige PO-Datei (UTF-8).")) from None
    file_language = catalogue.metadata.get("Language", language)
    if file_language != language:
        raise ValidationError(
            _("Die Datei ist für die Sprache „%(file)s“, nicht für „%(expected)s“.")
            % {"file": file_language, "expected": language}
        )
    changes = []
    for entry in catalogue:
        if not entry.msgstr or "fuzzy" in entry.flags:
            continue
        try:
            label, pk, field = (entry.msgctxt or "").split(":")
            model = apps.get_model(label)
            obj = model._default_manager.get(pk=pk)
        except (ValueError, LookupError, ObjectDoesNotExist):
            message = _("Unbekannter Eintrag in der Datei: %(context)s") % {"context": entry.msgctxt}
            raise ValidationError(message) from None
        if field not in translated_field_names(model):
            raise ValidationError(_("Unbekanntes Feld in der Datei: %(context)s") % {"context": entry.msgctxt})
        old = getattr(obj, localized(field, language)) or ""
        if old != entry.msgstr:
            changes.append(Change(obj, field, old, entry.msgstr))
    return changes


@transaction.atomic
def apply_changes(changes, language, user=None):
    """Write the changes; each object is saved once, so history records one version per object."""
    by_object = {}
    for change in changes:
        by_object.setdefault((type(change.obj), change.obj.pk), []).append(change)
    for (model, pk), object_changes in by_object.items():
        obj = model._default_manager.get(pk=pk)
        for change in object_changes:
            setattr(obj, localized(change.field, language), change.new)
        obj._change_reason = _("Import Übersetzung (%(language)s)") % {"language": language}
        if user is not None:
            obj._history_user = user
        obj.save()
    return len(by_object)
