"""Daily from cron: delete partner registrations whose e-mail address was never confirmed within 30 days
(the registration's privacy notice promises it): the inactive account and the draft organisation it created;
and invitations of colleagues whose link has expired (they hold the invited person's e-mail address)."""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from portal.models import User
from projects.models import Invitation, Organisation

UNCONFIRMED_LIFETIME = timedelta(days=30)


class Command(BaseCommand):
    help = ("Löscht Partner-Registrierungen, deren E-Mail-Adresse nach 30 Tagen nicht bestätigt ist, "
            "und abgelaufene Einladungen.")

    @transaction.atomic
    def handle(self, *args, **options):
        cutoff = timezone.now() - UNCONFIRMED_LIFETIME
        users = User.objects.filter(is_active=False, is_staff=False, last_login__isnull=True,
                                    date_joined__lt=cutoff)
        organisations = Organisation.objects.filter(author__in=users, status="draft")
        deleted_organisations = organisations.count()
        organisations.delete()
        deleted_users, _detail = users.delete()
        deleted_invitations, _detail = Invitation.objects.expired().delete()
        self.stdout.write(f"organisations_deleted: {deleted_organisations}, accounts_deleted: {deleted_users}, "
                          f"invitations_deleted: {deleted_invitations}")
