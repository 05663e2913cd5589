from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve

from portal import views as portal_views
from portal.sitemaps import sections as sitemap_sections
from projects import views as project_views

urlpatterns = [
    path("healthz", portal_views.healthz, name="healthz"),
    path("robots.txt", portal_views.robots_txt, name="robots"),
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path("sitemap.xml", sitemap, {"sitemaps": sitemap_sections}, name="sitemap"),
    path("daten/organisationen.json", project_views.open_data_json, name="open_data_json"),
    path("daten/organisationen.csv", project_views.open_data_csv, name="open_data_csv"),
    path("admin/werkzeuge/", include("portal.admin_urls")),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("volunteers.urls")),
    path("", include("projects.urls")),
    # portal last: its info pages take every address nothing else claims.
    path("", include("portal.urls")),
)

if settings.BENCHMARK_ENDPOINTS:
    urlpatterns += [path("bench/ceiling", portal_views.bench_ceiling)]

if settings.SERVE_MEDIA:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
