from django.urls import include, path

from . import views

app_name = "volunteers"

urlpatterns = [
    path("ehrenamtsboerse/", views.opportunity_list, name="opportunity_list"),
    path("ehrenamtsboerse/anmeldung/gesendet/", views.sign_up_sent, name="sign_up_sent"),
    path("ehrenamtsboerse/anmeldung/neuer-link/", views.sign_up_resend, name="sign_up_resend"),
    path("ehrenamtsboerse/anmeldung/bestaetigen/<str:token>/", views.sign_up_confirm, name="sign_up_confirm"),
    path("ehrenamtsboerse/anmeldung/<str:token>/", views.sign_up_manage, name="sign_up_manage"),
    path("ehrenamtsboerse/fortbildungen/", views.training_list, name="training_list"),
    path("ehrenamtsboerse/fortbildungen/anmeldung/<str:token>/", views.training_manage, name="training_manage"),
    path("ehrenamtsboerse/fortbildungen/<slug:slug>/", views.training_detail, name="training_detail"),
    path("ehrenamtsboerse/<slug:slug>/", views.opportunity_detail, name="opportunity_detail"),
    path("partner/<slug:org>/ehrenamt/", include("volunteers.partner_urls")),
]
