from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import tokens
from portal.spam import anonymous_public_form, rate_limited
from portal.translation_status import defer_translated
from portal.views import paginate

from . import services
from .forms import OpportunityFilterForm, ResendForm, SignUpForm, TrainingRegistrationForm
from .models import Opportunity, SignUp, Training, TrainingRegistration

FORM_LIMIT = 10  # submissions per address and hour


def opportunity_list(request):
    form = OpportunityFilterForm(request.GET or None)
    opportunities = defer_translated(Opportunity.objects.current(), "description", "organisation__description")
    opportunities = form.filter(opportunities).select_related(
        "organisation", "municipality", "topic").order_by("expires_on", "title_de")
    return render(request, "volunteers/opportunity_list.html",
                  {"form": form, "page_obj": paginate(request, opportunities)})


@anonymous_public_form
def opportunity_detail(request, slug):
    opportunity = get_object_or_404(
        defer_translated(Opportunity.objects.visible_to(request.user), "organisation__description",
                         related=["organisation", "municipality", "topic"])
        .select_related("organisation", "municipality", "topic")
        .prefetch_related("helpful_languages"),
        slug=slug,
    )
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if not opportunity.is_open_for_sign_up:
            form.add_error(None, _("Für dieses Angebot sind keine Anmeldungen mehr möglich."))
        elif rate_limited(request, "sign-up", limit=FORM_LIMIT):
            form.add_error(None, _("Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anmeldungen. "
                                   "Bitte versuchen Sie es in einer Stunde noch einmal."))
        elif form.is_valid():
            services.sign_up(opportunity, form.cleaned_data, translation.get_language())
            return redirect("volunteers:sign_up_sent")
    return render(request, "volunteers/opportunity_detail.html", {"opportunity": opportunity, "form": form})


def sign_up_sent(request):
    return render(request, "volunteers/sign_up_sent.html")


def _read(purpose, token, max_age):
    try:
        return tokens.read_token(purpose, token, max_age), None
    except tokens.ExpiredToken:
        return None, "expired"
    except tokens.InvalidToken:
        return None, "invalid"


def sign_up_confirm(request, token):
    """GET shows a button, POST confirms: mail scanners that open links must not confirm for the person."""
    payload, problem = _read(services.CONFIRM, token, services.CONFIRM_MAX_AGE)
    sign_up = SignUp.objects.filter(pk=payload["id"]).select_related("opportunity").first() if payload else None
    if sign_up is None or sign_up.anonymised_at:
        return render(request, "volunteers/link_problem.html",
                      {"problem": problem or "invalid", "resend_form": ResendForm()}, status=400)
    if request.method == "POST":
        services.confirm(sign_up)
        return redirect("volunteers:sign_up_manage", token=tokens.make_token(services.MANAGE, {"id": sign_up.pk}))
    return render(request, "volunteers/sign_up_confirm.html", {"sign_up": sign_up})


@require_POST
def sign_up_resend(request):
    """New confirmation links for every unconfirmed sign-up of an address. The answer is the same whether or
    not the address is known, so nobody can find out who signed up."""
    form = ResendForm(request.POST)
    if rate_limited(request, "sign-up-resend", limit=5):
        form.add_error(None, _("Sie haben sehr oft einen neuen Link angefordert. Bitte versuchen Sie es in einer "
                               "Stunde noch einmal."))
    elif form.is_valid():
        for sign_up in SignUp.objects.filter(email=form.cleaned_data["email"].strip().lower(),
                                             state=SignUp.State.UNCONFIRMED, anonymised_at__isnull=True):
            services.send_confirmation(sign_up)
        return redirect("volunteers:sign_up_sent")
    return render(request, "volunteers/link_problem.html", {"problem": "expired", "resend_form": form})


def sign_up_manage(request, token):
    payload, problem = _read(services.MANAGE, token, services.MANAGE_MAX_AGE)
    sign_up = (SignUp.objects.filter(pk=payload["id"]).select_related("opportunity__organisation", "volunteer")
               .first() if payload else None)
    if sign_up is None or sign_up.anonymised_at:
        return render(request, "volunteers/link_problem.html",
                      {"problem": problem or "gone", "resend_form": ResendForm()}, status=400)
    done = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel" and sign_up.withdraw():
            done = "cancelled"
        elif action == "delete":
            services.delete_personal_data(sign_up.volunteer)
            return render(request, "volunteers/deleted.html")
    return render(request, "volunteers/sign_up_manage.html", {"sign_up": sign_up, "done": done})


def training_list(request):
    trainings = defer_translated(Training.objects.upcoming(), "description").with_counts().select_related(
        "municipality")
    return render(request, "volunteers/training_list.html", {"page_obj": paginate(request, trainings)})


def training_detail(request, slug):
    training = get_object_or_404(
        Training.objects.visible_to(request.user).with_counts().select_related("municipality", "organisation"),
        slug=slug,
    )
    form = TrainingRegistrationForm(request.POST or None)
    if request.method == "POST":
        if not training.is_public:
            form.add_error(None, _("Für diese Fortbildung sind keine Anmeldungen möglich."))
        elif rate_limited(request, "training", limit=FORM_LIMIT):
            form.add_error(None, _("Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Anmeldungen. "
                                   "Bitte versuchen Sie es in einer Stunde noch einmal."))
        elif form.is_valid():
            registration, created = services.register_for_training(
                training, form.cleaned_data, translation.get_language())
            return render(request, "volunteers/training_registered.html",
                          {"training": training, "registration": registration, "created": created})
    return render(request, "volunteers/training_detail.html", {"training": training, "form": form})


def training_manage(request, token):
    payload, problem = _read(services.TRAINING, token, services.MANAGE_MAX_AGE)
    registration = (TrainingRegistration.objects.filter(pk=payload["id"]).select_related("training").first()
                    if payload else None)
    if registration is None or registration.anonymised_at:
        return render(request, "volunteers/link_problem.html",
                      {"problem": problem or "gone", "resend_form": None}, status=400)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        services.cancel_training_registration(registration)
        registration.refresh_from_db()
    return render(request, "volunteers/training_manage.html", {"registration": registration})
