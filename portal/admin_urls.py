from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.coverage, name="translation_coverage_default"),
    path("<str:language>/", admin_views.coverage, name="translation_coverage"),
    path("<str:language>/export/", admin_views.export, name="translation_export"),
    path("<str:language>/import/", admin_views.import_preview, name="translation_import"),
]
