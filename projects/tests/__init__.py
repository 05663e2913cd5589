"""Tests of the projects app. The builders below are shared by the partner-area tests."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify


def build_organisation(name, status="published", **fields):
    from projects.models import Organisation

    return Organisation.objects.create(name=name, slug=slugify(name), status=status, **fields)


def build_partner(email, organisation, role="member"):
    """An active account with a membership of `organisation` (role "member" or "manager")."""
    from conftest import make_user
    from projects.models import Membership

    user = make_user(email)
    user.full_name = email.split("@")[0].title()
    user.save()
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def build_project(organisation, title, status="draft", **fields):
    from projects.models import Project

    fields.setdefault("summary_de", f"Kurzfassung von {title}")
    return Project.objects.create(lead_organisation=organisation, title_de=title, slug=slugify(title),
                                  status=status, **fields)


def png_upload(name="logo.png", size=(40, 30)):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def link_in(message):
    """The path of the first link to this site in a mail."""
    match = re.search(r"http://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)
