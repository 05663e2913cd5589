"""Staff editing in admin: roles, language tabs without CDN, minor edits, life cycle, history restore."""

import pytest
from django.contrib.auth.models import Group

from portal import roles
from portal.models import Page
from portal.translation_status import State
from portal.workflow import Status


def change_form_data(page, **changes):
    data = {
        "slug": page.slug, "position": page.position, "role": page.role, "parent": "",
        "publish_from_0": "", "publish_from_1": "", "publish_until_0": "", "publish_until_1": "",
        "last_reviewed": "", "review_due": "", "image": "",
        "downloads-TOTAL_FORMS": "0", "downloads-INITIAL_FORMS": "0",
        "downloads-MIN_NUM_FORMS": "0", "downloads-MAX_NUM_FORMS": "1000",
    }
    from django.conf import settings

    for code, _name in settings.LANGUAGES:
        suffix = code.replace("-", "_")
        for field in ("title", "summary", "body"):
            data[f"{field}_{suffix}"] = getattr(page, f"{field}_{suffix}") or ""
    data.update(changes)
    return data


def test_staff_groups_exist_with_their_permissions(db):
    editor = Group.objects.get(name=roles.EDITOR)
    translator = Group.objects.get(name=roles.TRANSLATOR)
    assert editor.permissions.filter(codename="add_page").exists()
    assert translator.permissions.filter(codename="change_page").exists()
    assert not translator.permissions.filter(codename="add_page").exists()
    assert not translator.permissions.filter(codename="delete_page").exists()


def test_admin_tabs_use_our_own_jquery_ui_not_a_cdn(client, editor, page_factory):
    page = page_factory("seite")
    client.force_login(editor)
    html = client.get(f"/admin/portal/page/{page.pk}/change/").content.decode()
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    assert "googleapis" not in html and "//ajax." not in html


def test_editor_publishes_through_the_change_form(client, editor, page_factory):
    page = page_factory("seite", status=Status.DRAFT)
    client.force_login(editor)
    response = client.post(f"/admin/portal/page/{page.pk}/change/",
                           change_form_data(page, title_de="Neu", workflow_action="publish"))
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED and page.title_de == "Neu"


def test_translator_edits_a_translation_but_not_german_nor_the_status(client, translator, page_factory):
    page = page_factory("seite", status=Status.DRAFT, title_de="Sprache")
    client.force_login(translator)
    form = client.get(f"/admin/portal/page/{page.pk}/change/").content.decode()
    assert 'name="title_en"' in form
    assert 'name="title_de"' not in form
    assert 'name="workflow_action"' not in form
    response = client.post(f"/admin/portal/page/{page.pk}/change/",
                           change_form_data(page, title_de="Gehackt", title_en="Language", workflow_action="publish"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    page.refresh_from_db()
    assert page.title_en == "Language"
    assert page.title_de == "Sprache"
    assert page.status == Status.DRAFT


def test_translator_cannot_add_or_delete(client, translator, page_factory):
    page = page_factory("seite")
    client.force_login(translator)
    assert client.get("/admin/portal/page/add/").status_code == 403
    assert client.get(f"/admin/portal/page/{page.pk}/delete/").status_code == 403


def test_minor_edit_tick_in_admin_keeps_translations_current(client, editor, page_factory):
    page = page_factory("seite", title_de="Sprache", title_en="Language")
    client.force_login(editor)
    client.post(f"/admin/portal/page/{page.pk}/change/", change_form_data(page, title_de="Sprache!", minor_edit="on"))
    assert Page.objects.get(pk=page.pk).translation_state("en") == State.CURRENT
    client.post(f"/admin/portal/page/{page.pk}/change/", change_form_data(page, title_de="Sprache lernen"))
    assert Page.objects.get(pk=page.pk).translation_state("en") == State.OUTDATED


@pytest.mark.parametrize("url", ["/admin/portal/page/", "/admin/portal/newsitem/", "/admin/portal/event/",
                                 "/admin/portal/feedbackticket/", "/admin/portal/image/", "/admin/portal/topic/",
                                 "/admin/portal/homepage/", "/admin/portal/accessibilitystatement/"])
def test_admin_lists_open_for_the_stabsstelle_admin(client, stabsstelle_admin, url):
    client.force_login(stabsstelle_admin)
    assert client.get(url).status_code == 200


def test_history_keeps_every_language_and_restores_a_version(client, stabsstelle_admin, page_factory):
    page = page_factory("seite", title_de="Alt", title_ar="قديم")
    page.title_de = "Neu"
    page.title_ar = "جديد"
    page.save()
    first = page.history.earliest()
    assert first.title_ar == "قديم"
    first.instance.save()
    page.refresh_from_db()
    assert (page.title_de, page.title_ar) == ("Alt", "قديم")
    client.force_login(stabsstelle_admin)
    assert client.get(f"/admin/portal/page/{page.pk}/history/").status_code == 200
