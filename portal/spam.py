"""Protection of public forms without any third party: a honeypot field, a per-address rate limit, and for
anonymous forms on cacheable pages a same-origin check in place of a per-visitor CSRF token."""

import hashlib
from functools import wraps

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt


class HoneypotMixin(forms.Form):
    """Adds a field people never see (hidden by CSS, skipped by keyboard and screen readers) but bots fill."""

    homepage = forms.CharField(
        label=_("Dieses Feld bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_homepage(self):
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(_("Das Formular konnte nicht gesendet werden."), code="honeypot")
        return ""


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


def rate_limited(request, scope, limit=5, window=3600):
    """Count one submission of `scope` for this address; True when it is over `limit` within `window` s.

    Only a hash of the address is kept, and only for the window. RATE_LIMIT_ENABLED=0 switches it off (load
    tests, where every request comes from one address).
    """
    if not settings.RATE_LIMIT_ENABLED:
        return False
    digest = hashlib.sha256(f"{scope}:{client_address(request)}".encode()).hexdigest()[:32]
    key = f"ratelimit:{digest}"
    if cache.add(key, 1, window):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        return False
    return count > limit


def is_same_origin(request):
    """Whether the browser says this request comes from one of our own pages. Current browsers send
    Sec-Fetch-Site (Fetch Metadata) with every request and Origin with every cross-site POST; a request with
    neither does not come from a browser page of another site."""
    site = request.META.get("HTTP_SEC_FETCH_SITE")
    if site:
        return site in ("same-origin", "none")
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin in (f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS)
    return True


def anonymous_public_form(view):
    """For the anonymous forms on public pages (barrier report, volunteer sign-up): the page carries no
    per-visitor CSRF token, so the anonymous page cache can serve it like any other page, and a POST that a
    browser marks as coming from another site is refused with Django's CSRF failure page. Nothing such a forged
    POST could do is more than its author could do directly: these forms need no account, and every sign-up is
    confirmed by e-mail. Forms behind a login keep Django's token."""

    @csrf_exempt
    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            failure = import_string(settings.CSRF_FAILURE_VIEW)
            return failure(request, reason="cross-site POST to a public form")
        return view(request, *args, **kwargs)

    return checked
