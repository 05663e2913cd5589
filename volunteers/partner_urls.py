"""Volunteering in the partner area, under /<lang>/partner/<organisation>/ehrenamt/ (included from
volunteers/urls.py, so the names are volunteers:partner_…). Every view needs a membership of the organisation."""

from django.urls import path

from . import partner_views as views

urlpatterns = [
    path("", views.opportunity_list, name="partner_opportunity_list"),
    path("angebote/neu/", views.opportunity_create, name="partner_opportunity_create"),
    path("angebote/<slug:opportunity>/bearbeiten/", views.opportunity_edit, name="partner_opportunity_edit"),
    path("angebote/<slug:opportunity>/einreichen/", views.opportunity_submit, name="partner_opportunity_submit"),
    path("angebote/<slug:opportunity>/vorschau/", views.opportunity_preview, name="partner_opportunity_preview"),
    path("anmeldungen/", views.sign_up_list, name="partner_sign_up_list"),
    path("anmeldungen/<int:pk>/", views.sign_up_detail, name="partner_sign_up_detail"),
    path("stunden/", views.hours_list, name="partner_hours_list"),
    path("stunden/eintragen/", views.hours_create, name="partner_hours_create"),
    path("stunden/<int:pk>/loeschen/", views.hours_delete, name="partner_hours_delete"),
    path("stunden/nachweis/<int:volunteer>/<int:year>/", views.yearly_report, name="partner_yearly_report"),
    path("stunden/nachweis/<int:volunteer>/<int:year>/csv/", views.yearly_report_csv,
         name="partner_yearly_report_csv"),
]
