"""Daily from cron: remind organisations whose opportunities expire soon (once per opportunity)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import timezone, translation

from volunteers.models import Opportunity


class Command(BaseCommand):
    help = "Erinnert Organisationen an Ehrenamtsangebote, die bald ablaufen."

    def handle(self, *args, **options):
        today = timezone.localdate()
        soon = Opportunity.objects.expiring_between(today, today + timedelta(days=settings.OPPORTUNITY_REMINDER_DAYS))
        sent = 0
        for opportunity in soon.filter(reminder_sent_on__isnull=True).select_related("organisation", "author"):
            recipient = opportunity.author.email if opportunity.author else opportunity.organisation.email
            if not recipient:
                continue
            language = opportunity.author.language if opportunity.author else settings.LANGUAGE_CODE
            with translation.override(language):
                body = render_to_string("volunteers/mail/expiry_reminder.txt",
                                        {"opportunity": opportunity, "site_url": settings.SITE_URL})
                subject = render_to_string("volunteers/mail/expiry_reminder_subject.txt",
                                           {"opportunity": opportunity}).strip()
            send_mail(subject, body, None, [recipient])
            opportunity.reminder_sent_on = today
            opportunity.save(update_fields=["reminder_sent_on"])
            sent += 1
        self.stdout.write(f"reminders_sent: {sent}")
