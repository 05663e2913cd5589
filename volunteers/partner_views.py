"""Volunteering in the partner area: an organisation's opportunities, the people who signed up for them, the hours
they gave and the yearly report for the Kompetenznachweis Ehrenamt Niedersachsen.

Access rule (the same as in projects.partner_views): every page needs a Membership of the organisation in the URL;
anybody else, staff included, gets 404. An organisation sees only confirmed sign-ups for its own opportunities
(SignUp.objects.for_organisation) and only the hours it logged itself.

Opportunities go through the portal's life cycle exactly like projects: a draft is saved, submitted for review and
published by the Stabsstelle; a change to a published opportunity becomes a PendingChange while the published
version stays live.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from portal.models import PendingChange
from portal.views import paginate
from portal.workflow import Status
from projects.partner_forms import proposed_changes
from projects.partner_views import (
    _admin_url,
    _area_context,
    _one_line,
    _open_change,
    _propose,
    partner_required,
    register_dashboard_section,
    register_menu_entry,
    submit_for_review,
    unique_slug,
)

from . import reports, services
from .forms import SignUpForm
from .models import HoursEntry, Opportunity, SignUp, Volunteer
from .partner_forms import HoursEntryForm, OpportunityForm, SignUpFilterForm

logger = logging.getLogger(__name__)

# Single path segments after /ehrenamtsboerse/ that belong to other pages: no opportunity may take them as slug.
RESERVED_OPPORTUNITY_SLUGS = {"fortbildungen", "anmeldung"}
# Sign-ups a partner may still log hours for (not for people it declined).
ACTIVE_STATES = (SignUp.State.NEW, SignUp.State.ACCEPTED)
DASHBOARD_SIGN_UPS = 5


# --- helpers -----------------------------------------------------------------------------------------------------

def _own_opportunity(membership, slug):
    return get_object_or_404(Opportunity, organisation=membership.organisation, slug=slug)


def _opportunity_slug(title):
    slug = unique_slug(Opportunity, title, "angebot")
    if slug in RESERVED_OPPORTUNITY_SLUGS:
        slug = unique_slug(Opportunity, f"{slug}-angebot", "angebot")
    return slug


def _visible_sign_ups(organisation):
    """Confirmed, not withdrawn, not anonymised sign-ups for the organisation's opportunities."""
    return SignUp.objects.for_organisation(organisation).filter(anonymised_at__isnull=True)


def _known_volunteers(organisation):
    """People the organisation may see: a visible sign-up with it, or hours it logged for them."""
    return Volunteer.objects.filter(
        Q(pk__in=_visible_sign_ups(organisation).values("volunteer"))
        | Q(pk__in=HoursEntry.objects.filter(organisation=organisation).values("volunteer"))
    )


def _volunteers_for_hours(organisation):
    """People the organisation may log new hours for: an open or accepted sign-up with it."""
    return Volunteer.objects.filter(
        pk__in=_visible_sign_ups(organisation).filter(state__in=ACTIVE_STATES).values("volunteer")
    ).order_by("name", "pk")


def mail_staff_submission(organisation, opportunity, user):
    """Tell the Stabsstelle that an opportunity waits for review; in German, the staff's working language."""
    with translation.override(settings.LANGUAGE_CODE):
        lines = [
            _("Ein Ehrenamtsangebot wurde zur Prüfung eingereicht."),
            "",
            f"{_('Organisation:')} {organisation.name}",
            f"{_('Eintrag:')} {opportunity.title_de}",
            f"{_('Eingereicht von:')} {user.get_full_name()} <{user.email}>",
            "",
            f"{_('Prüfen:')} {_admin_url(opportunity)}",
        ]
        subject = _("Integrationsportal: Ehrenamtsangebot „%(title)s“ eingereicht") % {"title": opportunity.title_de}
        send_mail(_one_line(subject), "\n".join(lines), None, [settings.STAFF_NOTIFICATION_EMAIL])


# --- the section on the organisation dashboard -------------------------------------------------------------------

def dashboard_section(request, membership):
    organisation = membership.organisation
    opportunities = Opportunity.objects.of_organisation(organisation)
    new_sign_ups = _visible_sign_ups(organisation).filter(state=SignUp.State.NEW)
    return {
        "organisation": organisation,
        "opportunity_count": opportunities.count(),
        "status_counts": [
            {"status": Status(row["status"]), "count": row["count"]}
            for row in opportunities.order_by("status").values("status").annotate(count=Count("pk"))
        ],
        "new_sign_ups": list(new_sign_ups.select_related("opportunity").order_by("-confirmed_at")[
            :DASHBOARD_SIGN_UPS]),
        "new_count": new_sign_ups.count(),
    }


register_dashboard_section("volunteers/partner/dashboard_section.html", dashboard_section)
register_menu_entry("volunteers:partner_opportunity_list", gettext_lazy("Ehrenamt"))


# --- opportunities -----------------------------------------------------------------------------------------------

@partner_required()
def opportunity_list(request, membership):
    organisation = membership.organisation
    opportunities = list(
        Opportunity.objects.of_organisation(organisation)
        .annotate(new_count=Count("sign_ups", filter=Q(
            sign_ups__state=SignUp.State.NEW, sign_ups__confirmed_at__isnull=False,
            sign_ups__anonymised_at__isnull=True)))
        .order_by("-updated_at")
    )
    open_changes = PendingChange.objects.open().by_object(opportunities)
    for opportunity in opportunities:
        opportunity.open_change = open_changes.get(opportunity.pk)
    return render(request, "volunteers/partner/opportunity_list.html",
                  _area_context(membership, opportunities=opportunities))


@partner_required()
def opportunity_create(request, membership):
    opportunity = Opportunity(organisation=membership.organisation, author=request.user, status=Status.DRAFT)
    form = OpportunityForm(request.POST or None, instance=opportunity)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            opportunity = form.save(commit=False)
            opportunity.slug = _opportunity_slug(form.cleaned_data["title_de"])
            opportunity.save()
            form.save_m2m()
        messages.success(request, _("Der Entwurf „%(title)s“ ist gespeichert. Sehen Sie ihn sich in der Vorschau an "
                                    "und reichen Sie ihn dann zur Prüfung ein.") % {"title": opportunity.title_de})
        return redirect("volunteers:partner_opportunity_list", org=membership.organisation.slug)
    return render(request, "volunteers/partner/opportunity_form.html",
                  _area_context(membership, form=form, opportunity=None))


@partner_required()
def opportunity_edit(request, membership, opportunity):
    opportunity = _own_opportunity(membership, opportunity)
    if opportunity.status == Status.ARCHIVED:
        messages.info(request, _("Archivierte Angebote können Sie nicht mehr bearbeiten."))
        return redirect("volunteers:partner_opportunity_list", org=membership.organisation.slug)
    published = opportunity.status == Status.PUBLISHED
    change = _open_change(opportunity) if published else None
    form = OpportunityForm(request.POST or None, instance=opportunity, initial=change.data if change else None)
    if request.method == "POST" and form.is_valid():
        if published:
            live = Opportunity.objects.get(pk=opportunity.pk)
            return _propose(request, membership, live, proposed_changes(form, live), _("Ehrenamtsangebot"),
                            "volunteers:partner_opportunity_list")
        form.save()
        messages.success(request, _("Ihre Änderungen sind gespeichert."))
        return redirect("volunteers:partner_opportunity_list", org=membership.organisation.slug)
    return render(request, "volunteers/partner/opportunity_form.html",
                  _area_context(membership, form=form, opportunity=opportunity, published=published, change=change))


@partner_required()
@require_http_methods(["GET", "POST"])
def opportunity_submit(request, membership, opportunity):
    opportunity = _own_opportunity(membership, opportunity)
    return submit_for_review(
        request, membership, opportunity,
        not_now=_("Dieses Angebot kann gerade nicht eingereicht werden (Status: %(status)s)."),
        back="volunteers:partner_opportunity_list", template="volunteers/partner/opportunity_submit.html",
        notify=lambda: mail_staff_submission(membership.organisation, opportunity, request.user),
    )


@partner_required()
@require_http_methods(["GET", "POST"])
def opportunity_preview(request, membership, opportunity):
    """The opportunity on the public layout, as it will look once published. Sending the sign-up form here only
    says that this is a preview."""
    opportunity = get_object_or_404(
        Opportunity.objects.filter(organisation=membership.organisation)
        .select_related("organisation", "municipality", "topic").prefetch_related("helpful_languages"),
        slug=opportunity,
    )
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        form.full_clean()
        form.add_error(None, _("Das ist eine Vorschau. Hier werden keine Anmeldungen verschickt."))
    return render(request, "volunteers/opportunity_detail.html",
                  {"opportunity": opportunity, "form": form, "partner_preview": True})


# --- sign-ups ------------------------------------------------------------------------------------------------------

@partner_required()
def sign_up_list(request, membership):
    organisation = membership.organisation
    opportunities = list(Opportunity.objects.of_organisation(organisation).filter(
        Exists(_visible_sign_ups(organisation).filter(opportunity=OuterRef("pk")))).order_by("title_de"))
    filter_form = SignUpFilterForm(request.GET or None, opportunities=opportunities)
    sign_ups = filter_form.filter(_visible_sign_ups(organisation)).select_related("opportunity").order_by(
        "opportunity__title_de", "opportunity__pk", "-confirmed_at", "-pk")
    return render(request, "volunteers/partner/sign_up_list.html", _area_context(
        membership, filter_form=filter_form, page_obj=paginate(request, sign_ups),
        any_sign_ups=bool(opportunities)))


@partner_required()
@require_http_methods(["GET", "POST"])
def sign_up_detail(request, membership, pk):
    organisation = membership.organisation
    sign_up = get_object_or_404(
        _visible_sign_ups(organisation).select_related("opportunity", "opportunity__organisation", "volunteer"),
        pk=pk,
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("accept", "decline"):
            changed = sign_up.accept() if action == "accept" else sign_up.decline()
            if changed:
                services.notify_decision(sign_up)
                logger.info("sign-up decided", extra={"event": "sign_up_decided", "pk": sign_up.pk,
                                                     "state": sign_up.state, "user_id": request.user.pk})
                if action == "accept":
                    messages.success(request, _("Sie haben %(name)s zugesagt. Die Person bekommt eine E-Mail.")
                                     % {"name": sign_up.name})
                else:
                    messages.success(request, _("Sie haben %(name)s abgesagt. Die Person bekommt eine E-Mail.")
                                     % {"name": sign_up.name})
            else:
                messages.info(request, _("Diese Anmeldung hat schon den Status „%(status)s“.")
                              % {"status": sign_up.get_state_display()})
        elif action == "contact":
            sign_up.note_contact()
            messages.success(request, _("Notiert: Sie haben Kontakt mit %(name)s aufgenommen.")
                             % {"name": sign_up.name})
        else:
            messages.error(request, _("Diese Aktion gibt es nicht."))
        return redirect("volunteers:partner_sign_up_detail", org=organisation.slug, pk=sign_up.pk)
    return render(request, "volunteers/partner/sign_up_detail.html", _area_context(
        membership, sign_up=sign_up, languages=sign_up.volunteer.spoken_languages.all(),
        mail_language=dict(settings.LANGUAGES).get(sign_up.language, sign_up.language),
        may_accept=sign_up.state in (SignUp.State.NEW, SignUp.State.DECLINED),
        may_decline=sign_up.state in (SignUp.State.NEW, SignUp.State.ACCEPTED),
        may_log_hours=sign_up.state in ACTIVE_STATES,
        hours_by_year=reports.yearly_totals(organisation, volunteer=sign_up.volunteer)))


# --- hours -------------------------------------------------------------------------------------------------------

@partner_required()
def hours_list(request, membership):
    organisation = membership.organisation
    entries = (HoursEntry.objects.filter(organisation=organisation)
               .select_related("volunteer", "opportunity", "created_by").order_by("-date", "-pk"))
    page_obj = paginate(request, entries)
    for entry in page_obj:
        entry.may_delete = _may_delete(membership, entry)
    totals = reports.yearly_totals(organisation)
    people = Volunteer.objects.in_bulk([row["volunteer"] for row in totals])
    for row in totals:
        row["person"] = people.get(row["volunteer"])
    return render(request, "volunteers/partner/hours_list.html", _area_context(
        membership, page_obj=page_obj, totals=[row for row in totals if row["person"] is not None],
        may_log=_volunteers_for_hours(organisation).exists()))


@partner_required()
def hours_create(request, membership):
    organisation = membership.organisation
    entry = HoursEntry(organisation=organisation, created_by=request.user)
    volunteers = _volunteers_for_hours(organisation)
    initial = {}
    person = request.GET.get("person", "")
    if person.isdigit() and volunteers.filter(pk=person).exists():
        initial["volunteer"] = int(person)
    form = HoursEntryForm(request.POST or None, instance=entry, initial=initial, volunteers=volunteers,
                          opportunities=Opportunity.objects.of_organisation(organisation).order_by("title_de"))
    if request.method == "POST" and form.is_valid():
        entry = form.save()
        logger.info("hours logged", extra={"event": "hours_logged", "pk": entry.pk, "organisation": organisation.pk,
                                           "user_id": request.user.pk})
        messages.success(request, _("Eingetragen: %(hours)s Stunden für %(name)s am %(date)s.") % {
            "hours": reports.format_hours(entry.hours), "name": entry.volunteer.name,
            "date": formats.date_format(entry.date, "SHORT_DATE_FORMAT")})
        if "another" in request.POST:
            return redirect(f"{request.path}?person={entry.volunteer_id}")
        return redirect("volunteers:partner_hours_list", org=organisation.slug)
    return render(request, "volunteers/partner/hours_form.html", _area_context(
        membership, form=form, has_volunteers=form.is_bound or volunteers.exists()))


def _may_delete(membership, entry):
    """Everybody deletes the entries they made; the organisation's managers also those of colleagues."""
    return entry.created_by_id == membership.user_id or membership.is_manager


@partner_required()
@require_http_methods(["GET", "POST"])
def hours_delete(request, membership, pk):
    organisation = membership.organisation
    entry = get_object_or_404(HoursEntry.objects.select_related("volunteer", "opportunity", "created_by"),
                              pk=pk, organisation=organisation)
    if not _may_delete(membership, entry):
        return render(request, "volunteers/partner/hours_forbidden.html", _area_context(membership, entry=entry),
                      status=403)
    if request.method == "POST":
        entry.delete()
        logger.info("hours deleted", extra={"event": "hours_deleted", "pk": pk, "organisation": organisation.pk,
                                            "user_id": request.user.pk})
        messages.success(request, _("Der Eintrag ist gelöscht."))
        return redirect("volunteers:partner_hours_list", org=organisation.slug)
    return render(request, "volunteers/partner/hours_delete.html", _area_context(membership, entry=entry))


# --- the yearly report -------------------------------------------------------------------------------------------

def _report(membership, volunteer, year):
    if not reports.EARLIEST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    volunteer = get_object_or_404(_known_volunteers(membership.organisation), pk=volunteer)
    return reports.yearly_hours(volunteer, membership.organisation, year)


@partner_required()
def yearly_report(request, membership, volunteer, year):
    report = _report(membership, volunteer, year)
    return render(request, "volunteers/partner/yearly_report.html", _area_context(
        membership, report=report, years=reports.years_with_hours(report.volunteer, membership.organisation)))


@partner_required()
def yearly_report_csv(request, membership, volunteer, year):
    report = _report(membership, volunteer, year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(report.volunteer.name) or "person"
    response["Content-Disposition"] = f'attachment; filename="stundennachweis-{name}-{report.year}.csv"'
    response.write("\ufeff")
    reports.write_csv(report, response)
    return response
