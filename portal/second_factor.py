"""The staff second factor (TOTP with django-otp): enrol an authenticator app from a QR code the first time,
enter its current code once per session afterwards. portal.middleware.StaffSecondFactorMiddleware sends staff
here while settings.STAFF_OTP_REQUIRED is on; django-otp throttles wrong codes (growing delay per device)."""

import base64
import logging

import segno
from django import forms
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)


class CodeForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Sechsstelliger Code aus Ihrer App"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Bitte geben Sie die sechs Ziffern aus Ihrer App ein.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "size": 8,
                                      "maxlength": 8, "autofocus": True}),
    )


def _safe_next(request):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("admin:index")


def _device_for(user):
    """The confirmed device, or the one being enrolled (created on first visit, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device:
        return device, False
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator-App", confirmed=False), True


@never_cache
@staff_member_required
def second_factor(request):
    next_url = _safe_next(request)
    if request.user.is_verified():
        return redirect(next_url)
    device, enrolling = _device_for(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            logger.info("second factor verified", extra={"event": "second_factor_verified",
                                                         "user_id": request.user.pk, "enrolled": enrolling})
            return redirect(next_url)
        logger.warning("second factor rejected", extra={"event": "second_factor_rejected",
                                                        "user_id": request.user.pk})
        form.add_error("token", _("Der Code stimmt nicht oder ist abgelaufen. Bitte geben Sie den Code ein, "
                                  "den Ihre App gerade anzeigt."))
    if form.errors:
        form.fields["token"].widget.attrs.update({"aria-invalid": "true", "aria-describedby": "token-error"})
    context = {
        **admin.site.each_context(request),
        "title": _("Anmeldung mit zweitem Faktor"),
        "form": form,
        "next": next_url,
        "enrolling": enrolling,
    }
    if enrolling:
        secret = base64.b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
        context["qr_code"] = mark_safe(segno.make(device.config_url, error="m").svg_inline(
            scale=5, border=4, title=_("QR-Code für Ihre Authenticator-App")))
    return render(request, "admin/portal/second_factor.html", context)
