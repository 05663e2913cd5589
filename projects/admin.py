from django.contrib import admin
from import_export.admin import ImportExportMixin

from portal.admin_base import ContentAdmin

from .models import Membership, OpeningHours, Organisation, Project, ProjectPartner
from .resources import OrganisationResource


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(ImportExportMixin, ContentAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "kind", "city", "status_tag", "translation_overview"]
    list_filter = ["status", "kind", "municipalities", "topics"]
    search_fields = ["name", "city", "email"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["topics", "target_groups", "municipalities", "spoken_languages"]
    inlines = [OpeningHoursInline, MembershipInline]
    view_on_site = True


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Project)
class ProjectAdmin(ContentAdmin):
    list_display = ["title", "lead_organisation", "phase", "status_tag", "translation_overview"]
    list_filter = ["status", "phase", "topics"]
    search_fields = ["title_de", "lead_organisation__name"]
    prepopulated_fields = {"slug": ("title_de",)}
    filter_horizontal = ["topics", "municipalities"]
    autocomplete_fields = ["lead_organisation"]
    inlines = [ProjectPartnerInline]
    view_on_site = True


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
