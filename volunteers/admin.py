import csv

from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from portal.admin_base import ContentAdmin

from .models import HoursEntry, Opportunity, SignUp, Training, TrainingRegistration, Volunteer


class CsvExportMixin:
    """An admin action that exports the selected rows with the columns of `csv_fields`."""

    csv_fields = ()

    @admin.action(description=_("Ausgewählte als CSV exportieren"))
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.model._meta.model_name}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([self.model._meta.get_field(name.split("__")[0]).verbose_name for name in self.csv_fields])
        for obj in queryset:
            row = []
            for name in self.csv_fields:
                value = obj
                for part in name.split("__"):
                    value = getattr(value, part, "") if value is not None else ""
                row.append("" if value is None else value)
            writer.writerow(row)
        return response


@admin.register(Opportunity)
class OpportunityAdmin(CsvExportMixin, ContentAdmin):
    list_display = ["title", "organisation", "kind", "expires_on", "status_tag", "translation_overview"]
    list_filter = ["status", "kind", "topic", "municipality"]
    search_fields = ["title_de", "organisation__name"]
    prepopulated_fields = {"slug": ("title_de",)}
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["helpful_languages"]
    csv_fields = ("title_de", "organisation__name", "kind", "status", "expires_on", "volunteers_wanted")
    actions = ContentAdmin.actions + ["export_csv"]


@admin.register(Training)
class TrainingAdmin(CsvExportMixin, ContentAdmin):
    list_display = ["title", "starts_at", "capacity", "status_tag", "translation_overview"]
    list_filter = ["status"]
    search_fields = ["title_de"]
    prepopulated_fields = {"slug": ("title_de",)}
    csv_fields = ("title_de", "starts_at", "ends_at", "capacity", "status")
    actions = ContentAdmin.actions + ["export_csv"]


@admin.register(SignUp)
class SignUpAdmin(CsvExportMixin, admin.ModelAdmin):
    list_display = ["created_at", "name", "opportunity", "state", "confirmed_at", "contact_made_at"]
    list_filter = ["state", "opportunity__organisation"]
    search_fields = ["name", "email", "opportunity__title_de"]
    readonly_fields = ["consent_at", "created_at", "confirmed_at", "decided_at", "ended_at", "anonymised_at"]
    raw_id_fields = ["opportunity", "volunteer"]
    csv_fields = ("created_at", "name", "email", "phone", "opportunity__title_de", "opportunity__organisation__name",
                  "state", "confirmed_at", "contact_made_at")
    actions = ["export_csv"]


@admin.register(TrainingRegistration)
class TrainingRegistrationAdmin(CsvExportMixin, admin.ModelAdmin):
    list_display = ["created_at", "volunteer", "training", "state"]
    list_filter = ["state", "training"]
    search_fields = ["volunteer__name", "volunteer__email", "training__title_de"]
    raw_id_fields = ["volunteer", "training"]
    csv_fields = ("created_at", "volunteer__name", "volunteer__email", "training__title_de", "state")
    actions = ["export_csv"]


class HoursInline(admin.TabularInline):
    model = HoursEntry
    extra = 0
    raw_id_fields = ["organisation", "opportunity", "created_by"]


@admin.register(Volunteer)
class VolunteerAdmin(CsvExportMixin, admin.ModelAdmin):
    list_display = ["name", "email", "created_at", "anonymised_at"]
    list_filter = [("anonymised_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "email"]
    inlines = [HoursInline]
    csv_fields = ("name", "email", "phone", "created_at")
    actions = ["export_csv"]


@admin.register(HoursEntry)
class HoursEntryAdmin(CsvExportMixin, admin.ModelAdmin):
    list_display = ["date", "volunteer", "organisation", "hours", "activity"]
    list_filter = ["organisation"]
    date_hierarchy = "date"
    raw_id_fields = ["volunteer", "organisation", "opportunity", "created_by"]
    csv_fields = ("date", "volunteer__name", "organisation__name", "hours", "activity")
    actions = ["export_csv"]
