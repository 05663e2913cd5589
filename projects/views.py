import csv
import json

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.cache import cached
from portal.models import attach_terms
from portal.translation_status import defer_translated
from portal.views import paginate

from . import structured_data
from .forms import DirectoryFilterForm, ProjectFilterForm
from .models import Organisation, Project, ProjectPartner

DIRECTORY_PAGE_SIZE = 20


def _directory_queryset(request):
    form = DirectoryFilterForm(request.GET or None)
    organisations = form.filter(Organisation.objects.published())
    return form, organisations.order_by("name")


def directory(request):
    form, organisations = _directory_queryset(request)
    # The list shows name, kind and place: the descriptions (every language) stay in the database.
    page_obj = paginate(request, organisations.only("name", "slug", "kind", "city"), DIRECTORY_PAGE_SIZE)
    page_obj.object_list = attach_terms(page_obj.object_list, "topics")
    return render(request, "projects/directory.html", {"form": form, "page_obj": page_obj, "view": "list"})


def _located(organisations):
    return organisations.exclude(latitude=None).exclude(longitude=None)


def directory_map(request):
    """The same filtered result on a map. The list stays the accessible default; the markers and the map's
    tiles load only after the visitor asks for them (static/js/directory-map.js), so the page itself stays as
    small as the list whatever the number of organisations."""
    form, organisations = _directory_queryset(request)
    context = {
        "form": form,
        "count": _located(organisations).count(),
        "markers_url": f"{reverse('projects:directory_map_markers')}?{request.GET.urlencode()}",
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "view": "map",
    }
    return render(request, "projects/directory_map.html", context)


def _markers(organisations):
    rows = _located(organisations).values_list("name", "slug", "latitude", "longitude")
    return [[name, slug, round(float(lat), 5), round(float(lon), 5)] for name, slug, lat, lon in rows]


def directory_map_markers(request):
    """The map's markers for the same filters, as compact JSON (5,000 organisations make 260 KB, 60 KB compressed):
    the address pattern of a detail page once, then [name, slug, latitude, longitude] per organisation.
    Without filters (the usual first click on the map) the markers come from memory until content changes."""
    form, organisations = _directory_queryset(request)
    if form.is_filtered:
        markers = _markers(organisations)
    else:
        markers = cached("map-markers", lambda: _markers(organisations))
    return JsonResponse(
        {"url": reverse("projects:organisation_detail", kwargs={"slug": "SLUG"}), "markers": markers},
        json_dumps_params={"separators": (",", ":"), "ensure_ascii": False},
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        defer_translated(Organisation.objects.visible_to(request.user), related=["logo"])
        .select_related("logo")
        .prefetch_related("opening_hours"),
        slug=slug,
    )
    attach_terms([organisation], "topics", "target_groups", "municipalities", "spoken_languages")
    projects = defer_translated(Project.objects.published(), "description").involving(organisation).order_by("title_de")
    related = {}
    for key, provider in structured_data.related_providers():
        related[key] = provider(organisation)
    context = {
        "organisation": organisation,
        "projects": projects,
        "related": related,
        "json_ld": json.dumps(structured_data.organisation_json_ld(organisation, request), ensure_ascii=False),
    }
    return render(request, "projects/organisation_detail.html", context)


def organisation_vcard(request, slug):
    organisation = get_object_or_404(Organisation.objects.published(), slug=slug)
    response = HttpResponse(structured_data.vcard(organisation), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{organisation.slug}.vcf"'
    return response


def project_list(request):
    form = ProjectFilterForm(request.GET or None)
    projects = defer_translated(Project.objects.published(), "description", "lead_organisation__description")
    projects = form.filter(projects).select_related("lead_organisation").order_by("title_de")
    return render(request, "projects/project_list.html", {"form": form, "page_obj": paginate(request, projects)})


def render_project(request, projects, slug, **context):
    """The page of the project `slug` among `projects` (the public ones, or a partner's own for the preview)."""
    project = get_object_or_404(
        defer_translated(projects, "lead_organisation__description", related=["lead_organisation", "image"])
        .select_related("lead_organisation", "image").prefetch_related(
            Prefetch("partnerships", queryset=ProjectPartner.objects.filter(
                accepted=True, organisation__in=Organisation.objects.published()).select_related("organisation")),
        ),
        slug=slug,
    )
    attach_terms([project], "topics", "municipalities")
    return render(request, "projects/project_detail.html", {"project": project, **context})


def project_detail(request, slug):
    return render_project(request, Project.objects.visible_to(request.user), slug)


OPEN_DATA_FIELDS = ["name", "kind", "street", "postcode", "city", "latitude", "longitude", "phone", "email",
                    "website", "step_free", "by_appointment"]


def _open_data_rows():
    organisations = attach_terms(Organisation.objects.published().order_by("name"),
                                 "topics", "municipalities", "spoken_languages", "target_groups")
    for org in organisations:
        row = {field: getattr(org, field) for field in OPEN_DATA_FIELDS}
        row["latitude"] = float(org.latitude) if org.latitude is not None else None
        row["longitude"] = float(org.longitude) if org.longitude is not None else None
        row["url"] = settings.SITE_URL + f"/de/angebote/{org.slug}/"
        row["topics"] = [topic.slug for topic in org.topics_terms]
        row["municipalities"] = [m.slug for m in org.municipalities_terms]
        row["languages"] = [language.code for language in org.spoken_languages_terms]
        row["target_groups"] = [group.slug for group in org.target_groups_terms]
        row["description_de"] = org.description_de or ""
        yield row


def open_data_json(request):
    rows = list(_open_data_rows())
    return JsonResponse(
        {"license": "dl-de/by-2-0", "publisher": _("Landkreis Gifhorn, Stabsstelle Integration"), "count": len(rows),
         "organisations": rows},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


def open_data_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="organisationen.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 (umlauts, Arabic script) correctly
    writer = None
    for row in _open_data_rows():
        flat = {key: "|".join(value) if isinstance(value, list) else value for key, value in row.items()}
        if writer is None:
            writer = csv.DictWriter(response, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
    return response
