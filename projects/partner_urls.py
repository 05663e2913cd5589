"""The partner area under /<lang>/partner/. Account pages first; everything of one organisation lives under
its slug, which therefore must not be one of the first segments here (partner_views.RESERVED_SLUGS)."""

from django.urls import path

from . import partner_views as views

urlpatterns = [
    path("", views.dashboard, name="partner_dashboard"),
    path("anmelden/", views.PartnerLoginView.as_view(), name="partner_login"),
    path("abmelden/", views.PartnerLogoutView.as_view(), name="partner_logout"),
    path("passwort-vergessen/", views.PartnerPasswordResetView.as_view(), name="partner_password_reset"),
    path("passwort-vergessen/gesendet/", views.PartnerPasswordResetDoneView.as_view(),
         name="partner_password_reset_done"),
    path("passwort-neu/fertig/", views.PartnerPasswordResetCompleteView.as_view(),
         name="partner_password_reset_complete"),
    path("passwort-neu/<uidb64>/<token>/", views.PartnerPasswordResetConfirmView.as_view(),
         name="partner_password_reset_confirm"),
    path("registrieren/", views.register, name="partner_register"),
    path("registrieren/gesendet/", views.register_done, name="partner_register_done"),
    path("registrieren/neuer-link/", views.resend_verification, name="partner_resend_verification"),
    path("registrieren/bestaetigen/<str:token>/", views.verify_email, name="partner_verify_email"),
    path("einladung/<str:token>/", views.invitation, name="partner_invitation"),
    path("<slug:org>/", views.organisation_dashboard, name="partner_organisation"),
    path("<slug:org>/profil/", views.profile_edit, name="partner_profile"),
    path("<slug:org>/einreichen/", views.organisation_submit, name="partner_organisation_submit"),
    path("<slug:org>/mitglieder/", views.members, name="partner_members"),
    path("<slug:org>/mitglieder/einladen/", views.member_invite, name="partner_member_invite"),
    path("<slug:org>/mitglieder/<int:pk>/entfernen/", views.member_remove, name="partner_member_remove"),
    path("<slug:org>/mitglieder/einladungen/<int:pk>/zurueckziehen/", views.invitation_withdraw,
         name="partner_invitation_withdraw"),
    path("<slug:org>/projekte/neu/", views.project_create, name="partner_project_create"),
    path("<slug:org>/projekte/<slug:project>/bearbeiten/", views.project_edit, name="partner_project_edit"),
    path("<slug:org>/projekte/<slug:project>/einreichen/", views.project_submit, name="partner_project_submit"),
    path("<slug:org>/projekte/<slug:project>/vorschau/", views.project_preview, name="partner_project_preview"),
    path("<slug:org>/projekte/<slug:project>/partner/", views.project_partners, name="partner_project_partners"),
    path("<slug:org>/projekte/<slug:project>/partner/<int:pk>/entfernen/", views.project_partner_remove,
         name="partner_project_partner_remove"),
    path("<slug:org>/partnerschaften/<int:pk>/", views.partnership, name="partner_partnership"),
]
