from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Ehrenamt")

    def ready(self):
        from portal import navigation, search, sitemaps
        from projects import structured_data

        from . import sitemaps as volunteer_sitemaps
        from .models import Opportunity, Training

        search.register(Opportunity, ("title", "description"), _("Ehrenamtsangebote"), "ehrenamt",
                        queryset=Opportunity.objects.current)
        search.register(Training, ("title", "summary", "description"), _("Fortbildungen"), "fortbildungen")
        sitemaps.register("opportunities", volunteer_sitemaps.OpportunitySitemap)
        sitemaps.register("trainings", volunteer_sitemaps.TrainingSitemap)
        navigation.register("volunteers:opportunity_list", _("Ehrenamt"), position=30)
        navigation.register_entry_point(
            "volunteers:opportunity_list", _("Ehrenamtlich helfen"),
            _("Aufgaben finden, bei denen Sie gebraucht werden – ohne Benutzerkonto"), position=20,
        )
        structured_data.register_related(
            "opportunities", lambda organisation: Opportunity.objects.current().of_organisation(organisation)
        )
