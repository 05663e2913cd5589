from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Ehrenamt")

    def ready(self):
        from portal import demo, navigation, search, sitemaps
        from portal.translation_status import defer_translated
        from projects import structured_data

        from . import demo as volunteer_demo
        from . import partner_views  # noqa: F401  (registers the partner dashboard section)
        from . import sitemaps as volunteer_sitemaps
        from .models import Opportunity, Training

        demo.register_step("Ehrenamt: Angebote", volunteer_demo.load_opportunities, position=200)
        demo.register_step("Ehrenamt: Fortbildungen", volunteer_demo.load_trainings, position=210)
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
            "opportunities",
            lambda organisation: defer_translated(Opportunity.objects.current(), "description")
            .of_organisation(organisation),
        )
