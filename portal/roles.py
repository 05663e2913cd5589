"""The staff roles of the portal, as Django groups. Created by a data migration; used everywhere by name."""

ADMIN = "Stabsstelle-Admin"
EDITOR = "Redaktion"
TRANSLATOR = "Übersetzung"

STAFF_GROUPS = (ADMIN, EDITOR, TRANSLATOR)


def in_group(user, *names):
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=names).exists()


def acts_as_staff(user):
    """Staff rights (admin, staff tools, previews of drafts) count only once the second factor is verified
    where settings.STAFF_OTP_REQUIRED asks for it (django-otp's middleware adds is_verified to the user)."""
    from django.conf import settings

    if not (getattr(user, "is_authenticated", False) and user.is_staff):
        return False
    return not settings.STAFF_OTP_REQUIRED or getattr(user, "is_verified", lambda: False)()


def can_publish(user):
    """Editors and admins decide about publication; translators never do."""
    return in_group(user, ADMIN, EDITOR)


def is_translator_only(user):
    """True for staff whose only role is translation: they may edit non-German language fields only."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return TRANSLATOR in names and not names & {ADMIN, EDITOR}


def sync_group_permissions(**kwargs):
    """Give each staff group the permissions of its role. Runs after every migrate, so models that later
    migrations add are covered too."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    from portal.translation_status import TranslationTracked

    content_apps = {"portal", "projects", "volunteers"}
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in STAFF_GROUPS}
    all_permissions = Permission.objects.select_related("content_type")
    editor, translator = [], []
    for permission in all_permissions:
        model = apps.get_model(permission.content_type.app_label, permission.content_type.model) if (
            permission.content_type.app_label in content_apps
        ) else None
        if model is None or model._meta.model_name in {"user"} or model._meta.model_name.startswith("historical"):
            continue
        editor.append(permission)
        action = permission.codename.split("_", 1)[0]
        if issubclass(model, TranslationTracked) and action in {"view", "change"}:
            translator.append(permission)
    groups[ADMIN].permissions.set(all_permissions)
    groups[EDITOR].permissions.set(editor)
    groups[TRANSLATOR].permissions.set(translator)
