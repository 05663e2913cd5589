"""Spam protection for public forms without any third party: a honeypot field and a per-address rate limit."""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _


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
