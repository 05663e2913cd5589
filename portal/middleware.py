import base64
import hashlib
import re

IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)
# The base styles that the editor (TipTap, in django-prose-editor 0.28) injects as a <style> element; allowed by
# hash on pages that carry the editor. Update it together with django-prose-editor (the browser console names
# the new hash).
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


class ImportMapHashMiddleware:
    """Allow exactly the import map a page carries (django-prose-editor renders one inline in admin forms) by
    adding its SHA-256 hash to the page's Content-Security-Policy, and the editor's own base styles. Any other
    inline script or style stays blocked.
    Sits after csp.middleware.CSPMiddleware in MIDDLEWARE, so it runs first on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and not getattr(response, "streaming", False):
            hashes = [
                "'sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode() + "'"
                for content in IMPORT_MAP.findall(response.content)
            ]
            if hashes:
                update = dict(getattr(response, "_csp_update", None) or {})
                update["script-src"] = list(update.get("script-src", [])) + hashes
                update["style-src"] = list(update.get("style-src", [])) + [EDITOR_STYLE_HASH]
                response._csp_update = update
        return response


class AnonymousPageCacheMiddleware:
    """Whole-page cache for anonymous visitors, per URL (the language is in the URL), compression and content
    version: any save of content bumps the version (portal.cache), so nobody sees a page older than the last
    change.

    Sits before GZipMiddleware, so a hit is served as stored, compressed once. It runs before the session and
    authentication middleware: a request with a session cookie (everybody signed in, staff previews) is never
    served from or stored in the cache, so personal content needs a session and can never reach it. Only plain
    successful GET pages that set no cookie are stored — a page with a per-visitor CSRF token never is (its
    `Vary: Cookie` says nothing here: Django adds it to every page that looked at the session).
    PAGE_CACHE_SECONDS=0 switches it off."""

    CACHEABLE_TYPES = ("text/html", "application/xml", "application/rss+xml", "application/atom+xml",
                       "text/calendar", "application/json", "text/csv")

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        from django.conf import settings
        from django.core.cache import cache

        from .cache import content_version

        if (not self.timeout or request.method not in ("GET", "HEAD")
                or settings.SESSION_COOKIE_NAME in request.COOKIES):
            return self.get_response(request)
        encoding = "gzip" if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "") else "identity"
        address = hashlib.sha256(f"{request.get_host()}{request.get_full_path()}".encode()).hexdigest()
        key = f"page:{content_version()}:{encoding}:{address}"
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if getattr(response, "streaming", False) or response.status_code != 200:
            return response
        compressed = response.get("Content-Encoding") == "gzip"
        personal = (
            response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or any(word in response.get("Cache-Control", "") for word in ("private", "no-store", "no-cache"))
            or (not compressed and b'name="csrfmiddlewaretoken"' in response.content)
        )
        if not personal and response.get("Content-Type", "").startswith(self.CACHEABLE_TYPES):
            cache.set(key, response, self.timeout)
        return response


class SecurityHeadersMiddleware:
    """Headers Django has no setting for: Permissions-Policy (no camera, location, … for any page)."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.permissions_policy = settings.PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.permissions_policy)
        return response


class StaffSecondFactorMiddleware:
    """With settings.STAFF_OTP_REQUIRED, a signed-in staff account that has not yet entered its second factor
    in this session is sent from every admin page (staff tools included) to the code page first. Placed after
    django-otp's OTPMiddleware, which tells whether the session is verified."""

    EXEMPT = ("/admin/logout/", "/admin/login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.shortcuts import redirect
        from django.urls import reverse
        from django.utils.http import urlencode

        user = request.user
        if (settings.STAFF_OTP_REQUIRED and request.path.startswith("/admin/")
                and getattr(user, "is_staff", False) and user.is_authenticated and not user.is_verified()):
            target = reverse("staff_second_factor")
            if request.path != target and request.path not in self.EXEMPT:
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
