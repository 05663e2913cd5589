from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Netzwerk und Projekte")

    def ready(self):
        from portal import demo, navigation, search, sitemaps

        from . import demo as project_demo
        from . import sitemaps as project_sitemaps
        from .models import Organisation, Project

        search.register(Organisation, ("name", "description", "city"), _("Organisationen"), "organisationen")
        search.register(Project, ("title", "summary", "description"), _("Projekte"), "projekte")
        sitemaps.register("organisations", project_sitemaps.OrganisationSitemap)
        sitemaps.register("projects", project_sitemaps.ProjectSitemap)
        demo.register_step("Netzwerk: Organisationen", project_demo.load_organisations, position=100)
        demo.register_step("Netzwerk: gemeinsame Projekte", project_demo.load_projects, position=110)
        navigation.register("projects:directory", _("Angebote finden"), position=10)
        navigation.register("projects:project_list", _("Projekte"), position=20)
        navigation.register_entry_point(
            "projects:directory", _("Angebote in meiner Nähe"),
            _("Sprachkurse, Beratung und Vereine in Ihrer Kommune"), position=10,
        )
        navigation.register_entry_point(
            "projects:partner_dashboard", _("Für Organisationen"),
            _("Ihre Organisation im Netzwerk Integration eintragen und Projekte melden"), position=90,
        )
