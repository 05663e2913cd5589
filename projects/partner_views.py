"""The partner area: organisations of the Netzwerk Integration register, keep their entry current, manage their
members and submit joint projects.

Access rule: every page under /<lang>/partner/<organisation>/ needs a Membership of that organisation. Anybody
else, staff included, gets 404 — the page does not exist for them. Inviting and removing members also needs the
manager role (403 with an explanation for plain members, who do know the organisation).

Changes to something already published never go live directly: they become a portal PendingChange that staff
approve in admin, while the published version stays as it is.
"""

import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from portal.models import PendingChange
from portal.spam import rate_limited
from portal.workflow import Status, Transition

from . import tokens
from .models import Invitation, Membership, OpeningHours, Organisation, Project, ProjectPartner
from .partner_forms import (
    AcceptInvitationForm,
    EmailForm,
    InviteMemberForm,
    InvitePartnerForm,
    OpeningHoursFormSet,
    OrganisationProfileForm,
    PartnerLoginForm,
    PartnerPasswordResetForm,
    PartnerSetPasswordForm,
    ProjectForm,
    RegistrationForm,
    opening_hours_rows,
    proposed_changes,
)
from .views import render_project

logger = logging.getLogger(__name__)
User = get_user_model()

LOGIN_URL = "projects:partner_login"
REGISTRATION_LIMIT = 5  # per address and hour
MAIL_LIMIT = 5  # new verification links and password resets per address and hour
INVITE_LIMIT = 20  # invitations per organisation, address and hour

# First path segments of partner_urls: an organisation slug must never hide one of them.
RESERVED_SLUGS = {"anmelden", "abmelden", "passwort-vergessen", "passwort-neu", "registrieren", "einladung"}


# --- helpers -------------------------------------------------------------------------------------------------------

def unique_slug(model, text, fallback):
    base = slugify(text)[:90].strip("-") or fallback
    slug, number = base, 2
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _admin_url(obj):
    try:
        return settings.SITE_URL + reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change",
                                           args=[obj.pk])
    except NoReverseMatch:
        return settings.SITE_URL + reverse("admin:index")


def _one_line(text):
    """Mail subjects carry names people typed in; a line break there would make send_mail refuse the mail."""
    return " ".join(str(text).split())


def mail_user(user, subject, template, context):
    """A mail to one person in the language they chose for mails. `subject` is a callable so it is translated
    inside that language, e.g. lambda: _("…")."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {"user": user, "site_url": settings.SITE_URL, **context})
        send_mail(_one_line(subject()), body, None, [user.email])


STAFF_SUBJECTS = {
    "registration": gettext_lazy("Integrationsportal: neue Organisation „%(title)s“"),
    "resubmission": gettext_lazy("Integrationsportal: „%(title)s“ erneut eingereicht"),
    "project": gettext_lazy("Integrationsportal: Projekt „%(title)s“ eingereicht"),
    "change": gettext_lazy("Integrationsportal: Änderungsvorschlag für „%(title)s“"),
}


def mail_staff(kind, organisation, subject, obj, user, details=""):
    """One mail to the Stabsstelle per submission (a kind of STAFF_SUBJECTS about `subject`, to be reviewed at
    `obj` in admin); always in German, the staff's working language."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("projects/mail/staff_submission.txt", {
            "kind": kind, "organisation": organisation, "object": subject, "user": user, "details": details,
            "admin_url": _admin_url(obj),
        })
        send_mail(_one_line(str(STAFF_SUBJECTS[kind]) % {"title": subject}), body, None,
                  [settings.STAFF_NOTIFICATION_EMAIL])


def partner_required(manager=False):
    """Pass the request's Membership of the organisation in the URL to the view, or answer 404.

    With `manager=True` plain members get a 403 page that says who can do this instead.
    """

    def decorator(view):
        @never_cache
        @login_required(login_url=LOGIN_URL)
        @wraps(view)
        def wrapper(request, org, *args, **kwargs):
            membership = get_object_or_404(
                Membership.objects.select_related("organisation"), user=request.user, organisation__slug=org
            )
            if manager and not membership.is_manager:
                return render(request, "projects/partner/forbidden.html", _area_context(membership), status=403)
            return view(request, membership, *args, **kwargs)

        return wrapper

    return decorator


def _led_project(membership, slug):
    return get_object_or_404(Project, lead_organisation=membership.organisation, slug=slug)


def _open_change(obj):
    return PendingChange.objects.open().for_object(obj).first()


# Sections other apps add to the organisation dashboard (volunteers: opportunities and new sign-ups), so that
# projects never imports them. Each is (template name, context_builder(request, membership) → dict).
dashboard_sections = []


def register_dashboard_section(template_name, context_builder):
    """Show `template_name` on every organisation dashboard, rendered with `section` = the builder's dict.
    Registering the same template again replaces the earlier entry (safe when a module is imported twice)."""
    dashboard_sections[:] = [entry for entry in dashboard_sections if entry[0] != template_name]
    dashboard_sections.append((template_name, context_builder))


def _dashboard_sections(request, membership):
    return [{"template": template_name, "context": builder(request, membership)}
            for template_name, builder in dashboard_sections]


menu_entries = {}


def register_menu_entry(url_name, label):
    """A link in the partner area's menu for another app's pages (reversed with `org=<slug>`)."""
    menu_entries[url_name] = label


def _area_context(membership, **context):
    return {"membership": membership, "organisation": membership.organisation,
            "is_manager": membership.is_manager, "menu_entries": menu_entries.items(),
            **context}


# --- landing, login, password ----------------------------------------------------------------------------------------

def dashboard(request):
    """Anonymous visitors learn what the partner area is; signed-in people choose their organisation."""
    if not request.user.is_authenticated:
        return render(request, "projects/partner/landing.html")
    memberships = (Membership.objects.filter(user=request.user).select_related("organisation")
                   .order_by("organisation__name"))
    return render(request, "projects/partner/organisations.html", {"memberships": memberships})


class PartnerLoginView(auth_views.LoginView):
    template_name = "projects/partner/login.html"
    authentication_form = PartnerLoginForm

    def get_default_redirect_url(self):
        memberships = list(Membership.objects.filter(user=self.request.user).select_related("organisation")[:2])
        if len(memberships) == 1:
            return reverse("projects:partner_organisation", kwargs={"org": memberships[0].organisation.slug})
        return reverse("projects:partner_dashboard")


class PartnerLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("projects:partner_dashboard")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("Sie sind abgemeldet."))
        return response


class PartnerPasswordResetView(auth_views.PasswordResetView):
    template_name = "projects/partner/password_reset.html"
    form_class = PartnerPasswordResetForm
    email_template_name = "projects/mail/password_reset.txt"
    subject_template_name = "projects/mail/password_reset_subject.txt"
    success_url = reverse_lazy("projects:partner_password_reset_done")

    def form_valid(self, form):
        if rate_limited(self.request, "partner-password-reset", limit=MAIL_LIMIT):
            form.add_error(None, _("Von Ihrer Adresse kamen in kurzer Zeit sehr viele Anfragen. "
                                   "Bitte versuchen Sie es in einer Stunde noch einmal."))
            return self.form_invalid(form)
        return super().form_valid(form)


class PartnerPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "projects/partner/password_reset_done.html"


class PartnerPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "projects/partner/password_reset_confirm.html"
    form_class = PartnerSetPasswordForm
    success_url = reverse_lazy("projects:partner_password_reset_complete")


class PartnerPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "projects/partner/password_reset_complete.html"


# --- registration ------------------------------------------------------------------------------------------------

def _send_verification(request, user):
    with translation.override(user.language):
        path = reverse("projects:partner_verify_email",
                       kwargs={"token": tokens.make_token(tokens.VERIFY_EMAIL, {"user": user.pk, "email": user.email})})
    mail_user(user, lambda: _("Integrationsportal: Bitte bestätigen Sie Ihre E-Mail-Adresse"),
              "projects/mail/verify_email.txt",
              {"link": _absolute(request, path), "days": tokens.MAX_AGE[tokens.VERIFY_EMAIL].days})


@sensitive_post_parameters("password1", "password2")
def register(request):
    form = RegistrationForm(request.POST or None)
    # Only complete registrations count towards the limit, so typing errors never lock anybody out.
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "partner-register", limit=REGISTRATION_LIMIT):
            form.add_error(None, _("Von Ihrer Adresse kamen in der letzten Stunde schon %(limit)d Registrierungen. "
                                   "Bitte versuchen Sie es in einer Stunde noch einmal oder rufen Sie uns an.")
                           % {"limit": REGISTRATION_LIMIT})
        else:
            data = form.cleaned_data
            try:
                user, organisation = _create_registration(data)
            except IntegrityError:  # the same address registered a moment ago in another request
                form.add_error("email", _("Für diese E-Mail-Adresse gibt es schon ein Konto."))
                return render(request, "projects/partner/register.html", {"form": form})
            logger.info("partner registration", extra={"event": "partner_registration",
                                                       "organisation": organisation.pk, "user_id": user.pk})
            _send_verification(request, user)
            request.session["partner_registered_email"] = user.email
            return redirect("projects:partner_register_done")
    return render(request, "projects/partner/register.html", {"form": form})


@transaction.atomic
def _create_registration(data):
    """An inactive account, its organisation and the manager membership that joins them."""
    user = User.objects.create_user(
        email=data["email"], password=data["password1"], full_name=data["full_name"],
        language=translation.get_language() or settings.LANGUAGE_CODE, is_active=False,
    )
    # A draft until the address is confirmed: unconfirmed sign-ups never reach the review queue.
    organisation = Organisation.objects.create(
        name=data["organisation_name"], slug=unique_slug(Organisation, data["organisation_name"], "organisation"),
        kind=data["kind"], phone=data["phone"], contact_person=data["full_name"], author=user, status=Status.DRAFT,
    )
    Membership.objects.create(organisation=organisation, user=user, role=Membership.Role.MANAGER)
    return user, organisation


def register_done(request):
    return render(request, "projects/partner/register_done.html",
                  {"email": request.session.get("partner_registered_email", "")})


def verify_email(request, token):
    try:
        payload = tokens.read_token(tokens.VERIFY_EMAIL, token)
    except tokens.ExpiredToken:
        return render(request, "projects/partner/verify_failed.html", {"expired": True, "form": None,
                                                                      "resend_form": EmailForm()})
    except tokens.InvalidToken:
        return render(request, "projects/partner/verify_failed.html", {"expired": False, "form": None,
                                                                      "resend_form": EmailForm()})
    user = User.objects.filter(pk=payload.get("user"), email__iexact=payload.get("email", "")).first()
    if user is None:
        return render(request, "projects/partner/verify_failed.html", {"expired": False, "form": None,
                                                                      "resend_form": EmailForm()})
    if user.is_active:
        return render(request, "projects/partner/verified.html", {"already": True})
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        organisations = list(Organisation.objects.filter(memberships__user=user, author=user,
                                                         status=Status.DRAFT))
        for organisation in organisations:
            organisation.apply_transition(Transition.SUBMIT, user)
    for organisation in organisations:
        mail_staff("registration", organisation, organisation.name, organisation, user)
    return render(request, "projects/partner/verified.html", {"already": False, "organisations": organisations})


def resend_verification(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "partner-resend", limit=MAIL_LIMIT):
            form.add_error(None, _("Von Ihrer Adresse kamen in kurzer Zeit sehr viele Anfragen. "
                                   "Bitte versuchen Sie es in einer Stunde noch einmal."))
        else:
            user = User.objects.filter(email__iexact=form.cleaned_data["email"], is_active=False,
                                       memberships__isnull=False).first()
            if user is not None:
                _send_verification(request, user)
            # The same answer either way, so the form does not reveal who is registered.
            return render(request, "projects/partner/resend_done.html", {"email": form.cleaned_data["email"]})
    return render(request, "projects/partner/resend.html", {"form": form})


# --- invitations of colleagues --------------------------------------------------------------------------------------

@sensitive_post_parameters("password1", "password2")
def invitation(request, token):
    try:
        payload = tokens.read_token(tokens.INVITE_MEMBER, token)
    except tokens.ExpiredToken:
        return render(request, "projects/partner/invitation_failed.html", {"expired": True})
    except tokens.InvalidToken:
        return render(request, "projects/partner/invitation_failed.html", {"expired": False})
    invitation = (Invitation.objects.select_related("organisation")
                  .filter(pk=payload.get("invitation")).first())
    if invitation is None:
        # Used already (the row goes with its use) or withdrawn by the organisation.
        return render(request, "projects/partner/invitation_failed.html", {"expired": False, "gone": True})
    organisation, email = invitation.organisation, invitation.email
    context = {"organisation": organisation, "email": email, "role": invitation.get_role_display()}
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        if organisation.memberships.filter(user=existing).exists():
            return render(request, "projects/partner/invitation.html", {**context, "state": "member"})
        if not existing.is_active:
            return render(request, "projects/partner/invitation.html", {**context, "state": "inactive"})
        if not request.user.is_authenticated:
            return render(request, "projects/partner/invitation.html", {**context, "state": "login"})
        if request.user != existing:
            return render(request, "projects/partner/invitation.html", {**context, "state": "other_user"})
        if request.method == "POST":
            invitation.accept(existing)
            messages.success(request, _("Sie gehören jetzt zu „%(name)s“.") % {"name": organisation.name})
            return redirect("projects:partner_organisation", org=organisation.slug)
        return render(request, "projects/partner/invitation.html", {**context, "state": "confirm"})
    form = AcceptInvitationForm(request.POST or None, email=email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=form.cleaned_data["password1"], full_name=form.cleaned_data["full_name"],
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
            invitation.accept(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Willkommen! Ihr Konto ist eingerichtet und Sie gehören jetzt zu „%(name)s“.")
                         % {"name": organisation.name})
        return redirect("projects:partner_organisation", org=organisation.slug)
    return render(request, "projects/partner/invitation.html", {**context, "state": "new", "form": form})


# --- the organisation's pages ----------------------------------------------------------------------------------------

@partner_required()
def organisation_dashboard(request, membership):
    organisation = membership.organisation
    led = list(organisation.led_projects.order_by("-updated_at"))
    changed = PendingChange.objects.open().by_object(led)
    for project in led:
        project.open_change = changed.get(project.pk)
    partnerships = ProjectPartner.objects.filter(organisation=organisation).select_related(
        "project", "project__lead_organisation").order_by("-invited_at")
    context = _area_context(
        membership,
        profile_change=_open_change(organisation),
        led_projects=led,
        partner_projects=[p for p in partnerships if p.accepted],
        invitations=[p for p in partnerships if not p.accepted],
        sections=_dashboard_sections(request, membership),
    )
    return render(request, "projects/partner/dashboard.html", context)


@partner_required()
def profile_edit(request, membership):
    organisation = membership.organisation
    published = organisation.status == Status.PUBLISHED
    change = _open_change(organisation) if published else None
    proposed = change.data if change else {}
    hours_initial = proposed.get("opening_hours", opening_hours_rows(organisation))
    form = OrganisationProfileForm(
        request.POST or None, request.FILES or None, instance=organisation,
        initial={name: value for name, value in proposed.items() if name != "opening_hours"},
    )
    formset = OpeningHoursFormSet(request.POST or None, initial=hours_initial, prefix="hours")
    if request.method == "POST":
        form_ok, hours_ok = form.is_valid(), formset.is_valid()
        if form_ok and not hours_ok:
            form.add_error(None, _("Bitte prüfen Sie die Öffnungszeiten."))
        if form_ok and hours_ok:
            if published:
                return _propose_profile(request, membership, form, formset.rows())
            _save_profile(form, formset.rows())
            messages.success(request, _("Das Profil ist gespeichert."))
            return redirect("projects:partner_organisation", org=organisation.slug)
    return render(request, "projects/partner/profile_form.html",
                  _area_context(membership, form=form, formset=formset, published=published, change=change))


def _logo_value(form, organisation):
    image = form.new_image()
    if image is not None:
        return image
    if form.cleaned_data.get("remove_logo"):
        return None
    return organisation.logo


@transaction.atomic
def _save_profile(form, hours):
    organisation = form.save(commit=False)
    organisation.logo = _logo_value(form, organisation)
    organisation.save()
    form.save_m2m()
    organisation.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(OpeningHours(organisation=organisation, **row) for row in hours)


def _propose_profile(request, membership, form, hours):
    live = Organisation.objects.get(pk=membership.organisation.pk)
    data = proposed_changes(form, live)
    logo = _logo_value(form, live)
    if (logo.pk if logo else None) != live.logo_id:
        data["logo"] = logo.pk if logo else None
    if hours != opening_hours_rows(live):
        data["opening_hours"] = hours
    return _propose(request, membership, live, data, _("Profil"), "projects:partner_organisation")


def _propose(request, membership, live, data, label, next_url, **next_kwargs):
    """Store what a partner changed in something published as one open PendingChange and tell staff."""
    change = _open_change(live)
    if not data:
        if change is not None:
            change.delete()
            messages.success(request, _("Sie haben alles auf die veröffentlichte Fassung zurückgesetzt. "
                                        "Ihr Änderungsvorschlag ist zurückgezogen."))
        else:
            messages.info(request, _("Sie haben nichts geändert."))
        return redirect(next_url, org=membership.organisation.slug, **next_kwargs)
    change = PendingChange.propose(live, data, request.user)
    mail_staff("change", membership.organisation, live, change, request.user,
               details=", ".join(sorted(data)))
    messages.success(request, _("Danke! Ihre Änderungen am %(what)s warten auf die Prüfung durch die Stabsstelle. "
                                "Bis dahin bleibt die veröffentlichte Fassung sichtbar.") % {"what": label})
    return redirect(next_url, org=membership.organisation.slug, **next_kwargs)


@partner_required()
@require_http_methods(["GET", "POST"])
def organisation_submit(request, membership):
    organisation = membership.organisation
    if not organisation.may_submit:
        messages.info(request, _("Ihr Eintrag kann gerade nicht eingereicht werden (Status: %(status)s).")
                      % {"status": organisation.get_status_display()})
        return redirect("projects:partner_organisation", org=organisation.slug)
    if request.method == "POST":
        organisation.apply_transition(Transition.SUBMIT, request.user)
        mail_staff("resubmission", organisation, organisation.name, organisation,
                   request.user)
        messages.success(request, _("Ihr Eintrag ist zur Prüfung eingereicht."))
        return redirect("projects:partner_organisation", org=organisation.slug)
    return render(request, "projects/partner/submit.html", _area_context(membership, object=organisation))


# --- members -------------------------------------------------------------------------------------------------------

@partner_required()
def members(request, membership):
    organisation = membership.organisation
    memberships = organisation.memberships.select_related("user").order_by("role", "user__full_name")
    invitations = []
    if membership.is_manager:
        invitations = organisation.invitations.open().select_related("invited_by")
    return render(request, "projects/partner/members.html",
                  _area_context(membership, memberships=memberships, invitations=invitations))


@partner_required(manager=True)
def member_invite(request, membership):
    organisation = membership.organisation
    form = InviteMemberForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, f"partner-invite-{organisation.pk}", limit=INVITE_LIMIT):
            form.add_error(None, _("Sie haben in der letzten Stunde sehr viele Einladungen verschickt. "
                                   "Bitte versuchen Sie es später noch einmal."))
        else:
            email, role = form.cleaned_data["email"], form.cleaned_data["role"]
            existing = User.objects.filter(email__iexact=email).first()
            # The newest invitation of an address is the one that counts: an earlier link stops working.
            with transaction.atomic():
                organisation.invitations.filter(email__iexact=email).delete()
                invitation = organisation.invitations.create(email=email, role=role, invited_by=request.user)
            token = tokens.make_token(tokens.INVITE_MEMBER, {"invitation": invitation.pk})
            recipient = existing or User(email=email, language=translation.get_language() or settings.LANGUAGE_CODE)
            with translation.override(recipient.language):
                path = reverse("projects:partner_invitation", kwargs={"token": token})
            mail_user(recipient, lambda: _("Integrationsportal: Einladung zu „%(name)s“") % {"name": organisation.name},
                      "projects/mail/invitation.txt",
                      {"organisation": organisation, "inviter": request.user, "link": _absolute(request, path),
                       "days": tokens.MAX_AGE[tokens.INVITE_MEMBER].days, "role": Membership.Role(role).label})
            messages.success(request, _("Wir haben die Einladung an %(email)s geschickt.") % {"email": email})
            return redirect("projects:partner_members", org=organisation.slug)
    return render(request, "projects/partner/member_invite.html", _area_context(membership, form=form))


@partner_required(manager=True)
@require_POST
def invitation_withdraw(request, membership, pk):
    invitation = get_object_or_404(membership.organisation.invitations, pk=pk)
    invitation.delete()
    messages.success(request, _("Die Einladung an %(email)s gilt nicht mehr.") % {"email": invitation.email})
    return redirect("projects:partner_members", org=membership.organisation.slug)


@partner_required(manager=True)
def member_remove(request, membership, pk):
    organisation = membership.organisation
    target = get_object_or_404(organisation.memberships.select_related("user"), pk=pk)
    managers = organisation.memberships.filter(role=Membership.Role.MANAGER)
    last_manager = target.is_manager and managers.count() == 1
    if request.method == "POST" and not last_manager:
        target.delete()
        if target.user_id == request.user.pk:
            messages.success(request, _("Sie gehören nicht mehr zu „%(name)s“.") % {"name": organisation.name})
            return redirect("projects:partner_dashboard")
        messages.success(request, _("%(person)s gehört nicht mehr zu Ihrer Organisation.")
                         % {"person": target.user})
        return redirect("projects:partner_members", org=organisation.slug)
    return render(request, "projects/partner/member_remove.html",
                  _area_context(membership, target=target, last_manager=last_manager))


# --- projects ------------------------------------------------------------------------------------------------------

@partner_required()
def project_create(request, membership):
    project = Project(lead_organisation=membership.organisation, author=request.user, status=Status.DRAFT)
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            project = form.save(commit=False)
            project.slug = unique_slug(Project, form.cleaned_data["title_de"], "projekt")
            project.image = form.new_image()
            project.save()
            form.save_m2m()
        messages.success(request, _("Der Entwurf „%(title)s“ ist gespeichert. Sehen Sie ihn sich in der Vorschau an "
                                    "und reichen Sie ihn dann zur Prüfung ein.") % {"title": project.title_de})
        return redirect("projects:partner_organisation", org=membership.organisation.slug)
    return render(request, "projects/partner/project_form.html", _area_context(membership, form=form, project=None))


@partner_required()
def project_edit(request, membership, project):
    project = _led_project(membership, project)
    if project.status == Status.ARCHIVED:
        messages.info(request, _("Archivierte Projekte können Sie nicht mehr bearbeiten."))
        return redirect("projects:partner_organisation", org=membership.organisation.slug)
    published = project.status == Status.PUBLISHED
    change = _open_change(project) if published else None
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project,
                       initial=change.data if change else None)
    if request.method == "POST" and form.is_valid():
        if published:
            live = Project.objects.get(pk=project.pk)
            data = proposed_changes(form, live)
            image = form.new_image()
            if image is not None:
                data["image"] = image.pk
            return _propose(request, membership, live, data, _("Projekt"), "projects:partner_organisation")
        with transaction.atomic():
            project = form.save(commit=False)
            project.image = form.new_image() or project.image
            project.save()
            form.save_m2m()
        messages.success(request, _("Ihre Änderungen sind gespeichert."))
        return redirect("projects:partner_organisation", org=membership.organisation.slug)
    return render(request, "projects/partner/project_form.html",
                  _area_context(membership, form=form, project=project, published=published, change=change))


def submit_for_review(request, membership, obj, *, not_now, back, template, notify):
    """The partner's "submit for review" step for a project or a volunteer opportunity: GET asks, POST moves
    the entry to "In Prüfung" and tells the Stabsstelle (`notify`). `not_now` is the message, with %(status)s,
    for an entry that cannot be submitted in its status."""
    if not obj.may_submit:
        messages.info(request, not_now % {"status": obj.get_status_display()})
        return redirect(back, org=membership.organisation.slug)
    if request.method == "POST":
        try:
            obj.apply_transition(Transition.SUBMIT, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            notify()
            messages.success(request, _("Danke! „%(title)s“ ist zur Prüfung eingereicht. Wir melden uns per E-Mail.")
                             % {"title": obj.title_de})
        return redirect(back, org=membership.organisation.slug)
    return render(request, template, _area_context(membership, object=obj))


@partner_required()
@require_http_methods(["GET", "POST"])
def project_submit(request, membership, project):
    project = _led_project(membership, project)
    return submit_for_review(
        request, membership, project,
        not_now=_("Dieses Projekt kann gerade nicht eingereicht werden (Status: %(status)s)."),
        back="projects:partner_organisation", template="projects/partner/submit.html",
        notify=lambda: mail_staff("project", membership.organisation, project.title_de, project, request.user),
    )


@partner_required()
def project_preview(request, membership, project):
    """The project on the public layout, as it will look once published (accepted partners only)."""
    organisation = membership.organisation
    own = Project.objects.filter(Q(lead_organisation=organisation) | Q(partnerships__organisation=organisation))
    return render_project(request, own.distinct(), project, partner_preview=True)


@partner_required()
def project_partners(request, membership, project):
    project = _led_project(membership, project)
    form = InvitePartnerForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        partner = form.cleaned_data["organisation"]
        ProjectPartner.objects.create(project=project, organisation=partner, accepted=False)
        for manager in User.objects.filter(memberships__organisation=partner,
                                           memberships__role=Membership.Role.MANAGER, is_active=True):
            with translation.override(manager.language):
                path = reverse("projects:partner_organisation", kwargs={"org": partner.slug})
            mail_user(manager, lambda: _("Integrationsportal: Einladung als Projektpartner"),
                      "projects/mail/partner_invitation.txt",
                      {"project": project, "lead": membership.organisation, "partner": partner,
                       "link": _absolute(request, path)})
        messages.success(request, _("„%(name)s“ ist eingeladen. Die Organisation erscheint als Partner, sobald sie "
                                    "zugestimmt hat.") % {"name": partner.name})
        return redirect("projects:partner_project_partners", org=membership.organisation.slug, project=project.slug)
    partnerships = project.partnerships.select_related("organisation").order_by("organisation__name")
    return render(request, "projects/partner/project_partners.html",
                  _area_context(membership, project=project, partnerships=partnerships, form=form))


@partner_required()
def project_partner_remove(request, membership, project, pk):
    project = _led_project(membership, project)
    partnership = get_object_or_404(project.partnerships.select_related("organisation"), pk=pk)
    if request.method == "POST":
        partnership.delete()
        messages.success(request, _("„%(name)s“ ist nicht mehr als Partner eingetragen.")
                         % {"name": partnership.organisation.name})
        return redirect("projects:partner_project_partners", org=membership.organisation.slug, project=project.slug)
    return render(request, "projects/partner/project_partner_remove.html",
                  _area_context(membership, project=project, partnership=partnership))


@partner_required()
def partnership(request, membership, pk):
    """An invitation to be named as co-partner of another organisation's project: accept or decline."""
    partnership = get_object_or_404(
        ProjectPartner.objects.select_related("project", "project__lead_organisation"),
        pk=pk, organisation=membership.organisation,
    )
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision == "accept":
            partnership.accepted = True
            partnership.save(update_fields=["accepted"])
            messages.success(request, _("Ihre Organisation ist jetzt Partner von „%(title)s“.")
                             % {"title": partnership.project.title})
            return redirect("projects:partner_organisation", org=membership.organisation.slug)
        if decision == "decline":
            partnership.delete()
            messages.success(request, _("Ihre Organisation ist nicht als Partner von „%(title)s“ eingetragen.")
                             % {"title": partnership.project.title})
            return redirect("projects:partner_organisation", org=membership.organisation.slug)
    return render(request, "projects/partner/partnership.html", _area_context(membership, partnership=partnership))
