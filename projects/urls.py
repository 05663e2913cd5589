from django.urls import include, path

from . import views

app_name = "projects"

urlpatterns = [
    path("angebote/", views.directory, name="directory"),
    path("angebote/karte/", views.directory_map, name="directory_map"),
    path("angebote/karte/orte.json", views.directory_map_markers, name="directory_map_markers"),
    path("angebote/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("angebote/<slug:slug>/kontakt.vcf", views.organisation_vcard, name="organisation_vcard"),
    path("projekte/", views.project_list, name="project_list"),
    path("projekte/<slug:slug>/", views.project_detail, name="project_detail"),
    path("partner/", include("projects.partner_urls")),
]
