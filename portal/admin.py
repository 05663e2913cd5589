from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .admin_base import ContentAdmin
from .models import (
    AccessibilityStatement,
    ContactPerson,
    Download,
    Event,
    FeedbackTicket,
    HomePage,
    Image,
    Municipality,
    NewsItem,
    Page,
    TargetGroup,
    Topic,
    User,
)

admin.site.site_header = _("Integrationsportal Landkreis Gifhorn – Verwaltung")
admin.site.site_title = _("Integrationsportal Verwaltung")
admin.site.index_title = _("Inhalte und Einstellungen")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "language")}),
        (_("Rechte"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Daten"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)


class VocabularyAdmin(ContentAdmin):
    list_display = ["name", "slug", "position", "translation_overview"]
    prepopulated_fields = {"slug": ("name_de",)}
    search_fields = ["name_de"]


admin.site.register(Topic, VocabularyAdmin)
admin.site.register(TargetGroup, VocabularyAdmin)
admin.site.register(Municipality, VocabularyAdmin)


@admin.register(Image)
class ImageAdmin(ContentAdmin):
    list_display = ["thumbnail", "__str__", "credit", "translation_overview"]
    search_fields = ["alt_text_de", "credit"]

    @admin.display(description=_("Vorschau"))
    def thumbnail(self, obj):
        if not obj.renditions:
            return ""
        smallest = min(obj.renditions, key=int)
        return format_html(
            '<img src="{}" alt="" width="96" loading="lazy">', obj.file.storage.url(obj.renditions[smallest]["jpeg"])
        )


@admin.register(ContactPerson)
class ContactPersonAdmin(ContentAdmin):
    list_display = ["name", "role", "phone", "email", "translation_overview"]
    filter_horizontal = ["topics"]


class DownloadInline(admin.TabularInline):
    model = Download
    extra = 0
    fields = ["title_de", "title_en", "file", "language", "position"]


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("Prüfung")
    parameter_name = "pruefung"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", _("Prüfung überfällig"))]

    def queryset(self, request, queryset):
        if self.value() == "ueberfaellig":
            return queryset.review_overdue()
        return queryset


@admin.register(Page)
class PageAdmin(ContentAdmin):
    list_display = ["title", "path", "status_tag", "role", "review_due", "translation_overview"]
    list_filter = ["status", ReviewOverdueFilter, "role", "show_in_navigation"]
    search_fields = ["title_de", "path"]
    prepopulated_fields = {"slug": ("title_de",)}
    filter_horizontal = ["topics", "contact_persons"]
    autocomplete_fields = ["parent"]
    inlines = [DownloadInline]
    view_on_site = True


@admin.register(NewsItem)
class NewsItemAdmin(ContentAdmin):
    list_display = ["title", "date", "status_tag", "translation_overview"]
    list_filter = ["status"]
    search_fields = ["title_de"]
    prepopulated_fields = {"slug": ("title_de",)}
    filter_horizontal = ["topics"]
    date_hierarchy = "date"


@admin.register(Event)
class EventAdmin(ContentAdmin):
    list_display = ["title", "starts_at", "kind", "municipality", "status_tag", "translation_overview"]
    list_filter = ["status", "kind", "municipality"]
    search_fields = ["title_de"]
    prepopulated_fields = {"slug": ("title_de",)}
    filter_horizontal = ["topics"]
    date_hierarchy = "starts_at"


class SingletonAdmin(ContentAdmin):
    def has_add_permission(self, request):
        return not self.model.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(AccessibilityStatement, SingletonAdmin)
admin.site.register(HomePage, SingletonAdmin)


class OverdueTicketFilter(admin.SimpleListFilter):
    title = _("Frist")
    parameter_name = "frist"

    def lookups(self, request, model_admin):
        return [("ueberfaellig", _("älter als ein Monat und offen"))]

    def queryset(self, request, queryset):
        return queryset.overdue() if self.value() == "ueberfaellig" else queryset


@admin.register(FeedbackTicket)
class FeedbackTicketAdmin(admin.ModelAdmin):
    list_display = ["created_at", "deadline", "page_url", "status", "email"]
    list_filter = [OverdueTicketFilter, "status"]
    search_fields = ["page_url", "description", "email"]
    readonly_fields = ["page_url", "description", "name", "email", "language", "created_at"]
    fields = readonly_fields + ["status", "answered_at", "staff_notes"]

    class Media:
        css = {"all": ("admin/portal-admin.css",)}

    @admin.display(description=_("Frist"))
    def deadline(self, obj):
        if obj.is_overdue:
            return format_html('<strong class="overdue">{}</strong>', _("überfällig (älter als ein Monat)"))
        return _("offen") if obj.status != FeedbackTicket.Status.CLOSED else _("erledigt")

    def has_add_permission(self, request):
        return False
