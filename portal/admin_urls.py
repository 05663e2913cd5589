from django.urls import path

from . import admin_views, second_factor

urlpatterns = [
    path("zweiter-faktor/", second_factor.second_factor, name="staff_second_factor"),
    path("moderation/", admin_views.moderation_queue, name="moderation_queue"),
    path("uebersetzung/", admin_views.coverage, name="translation_coverage_default"),
    path("uebersetzung/<str:language>/", admin_views.coverage, name="translation_coverage"),
    path("uebersetzung/<str:language>/export/", admin_views.export, name="translation_export"),
    path("uebersetzung/<str:language>/import/", admin_views.import_preview, name="translation_import"),
]
