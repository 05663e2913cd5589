"""Fixtures shared by every app's tests: users in each role and small content builders."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from portal import roles


@pytest.fixture(autouse=True)
def _clear_cache():
    from portal.cache import forget_version

    cache.clear()
    forget_version()  # code run outside a request keeps the version it read, as within one request
    yield
    cache.clear()


def make_user(email, *groups, staff=False, superuser=False):
    from portal.models import User

    user = User.objects.create_user(email=email, password="correct-horse-battery", is_staff=staff,
                                    is_superuser=superuser)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def editor(db):
    return make_user("redaktion@gifhorn.example", roles.EDITOR, staff=True)


@pytest.fixture
def translator(db):
    return make_user("uebersetzung@gifhorn.example", roles.TRANSLATOR, staff=True)


@pytest.fixture
def stabsstelle_admin(db):
    return make_user("admin@gifhorn.example", roles.ADMIN, staff=True, superuser=True)


@pytest.fixture
def page_factory(db):
    from portal.models import Page

    def build(slug="seite", parent=None, status="published", **fields):
        fields.setdefault("title_de", slug.replace("-", " ").title())
        return Page.objects.create(slug=slug, parent=parent, status=status, **fields)

    return build
