from portal.sitemaps import PortalSitemap

from .models import Opportunity, Training


class OpportunitySitemap(PortalSitemap):
    def items(self):
        return Opportunity.objects.current().order_by("slug")

    def lastmod(self, obj):
        return obj.updated_at


class TrainingSitemap(PortalSitemap):
    def items(self):
        return Training.objects.upcoming().order_by("starts_at")
