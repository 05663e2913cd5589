from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal und Stabsstelle")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from . import search, signals  # noqa: F401  (signals: cache invalidation on content changes)
        from .models import Event, NewsItem, Page
        from .roles import sync_group_permissions

        # After every app's post_migrate, not only portal's: the permissions of apps migrated after portal
        # (projects, volunteers) exist only once their own post_migrate has run. Idempotent and quick.
        post_migrate.connect(sync_group_permissions, dispatch_uid="portal.sync_group_permissions")
        # Once per migrate (sender: this app): stored search documents dropped before, built again after.
        pre_migrate.connect(search.drop_documents, sender=self, dispatch_uid="portal.search_documents_drop")
        post_migrate.connect(search.ensure_documents, sender=self, dispatch_uid="portal.search_documents")
        search.register(Page, ("title", "summary", "body"), _("Seiten"), "seiten")
        search.register(NewsItem, ("title", "summary", "body"), _("Aktuelles"), "aktuelles")
        search.register(Event, ("title", "summary", "description", "venue"), _("Veranstaltungen"), "veranstaltungen")
        label_second_factor_devices()


def label_second_factor_devices():
    """django-otp names its app "otp_totp" and its model "TOTP device" in plain English, not translatable, which
    staff saw in the German admin. The labels are set here in every language; migrations read a model's
    options from its Meta (`original_attrs`), so django-otp's migrations are not touched."""
    from django.apps import apps
    from django_otp.plugins.otp_totp.models import TOTPDevice

    apps.get_app_config("otp_totp").verbose_name = _("Anmeldung mit zweitem Faktor")
    TOTPDevice._meta.verbose_name = _("Authenticator-App")
    TOTPDevice._meta.verbose_name_plural = _("Authenticator-Apps")
