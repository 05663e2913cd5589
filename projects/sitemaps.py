from portal.sitemaps import PortalSitemap

from .models import Organisation, Project


class OrganisationSitemap(PortalSitemap):
    def items(self):
        return Organisation.objects.published().order_by("name")

    def lastmod(self, obj):
        return obj.updated_at


class ProjectSitemap(PortalSitemap):
    def items(self):
        return Project.objects.published().order_by("slug")

    def lastmod(self, obj):
        return obj.updated_at
