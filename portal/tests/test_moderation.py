"""The moderation queue: submissions and proposed changes, decided by the editorial team only."""

import pytest
from django.core import mail

from conftest import make_user
from portal.models import Page, PendingChange
from portal.workflow import Status


@pytest.fixture
def author(db):
    return make_user("autorin@verein.example")


def test_editor_publishes_a_submission_from_the_queue(client, editor, page_factory, author):
    page = page_factory("vorschlag", status=Status.SUBMITTED, author=author, title_de="Vorschlag")
    client.force_login(editor)
    html = client.get("/admin/werkzeuge/moderation/").content.decode()
    assert "Vorschlag" in html
    from django.contrib.contenttypes.models import ContentType

    key = f"object:{ContentType.objects.get_for_model(Page).pk}-{page.pk}"
    client.post("/admin/werkzeuge/moderation/", {"item": key, "decision": "publish", "message": ""})
    page.refresh_from_db()
    assert page.status == Status.PUBLISHED and mail.outbox[-1].to == [author.email]


def test_rejecting_needs_a_message_and_changes_are_shown_and_applied(client, editor, page_factory, author):
    page = page_factory("seite", title_de="Alt")
    change = PendingChange.propose(page, {"title_de": "Neu"}, author)
    client.force_login(editor)
    html = client.get("/admin/werkzeuge/moderation/").content.decode()
    assert "Alt" in html and "Neu" in html
    client.post("/admin/werkzeuge/moderation/", {"item": f"change:{change.pk}", "decision": "reject", "message": ""})
    assert PendingChange.objects.open().count() == 1
    client.post("/admin/werkzeuge/moderation/", {"item": f"change:{change.pk}", "decision": "publish"})
    page.refresh_from_db()
    assert page.title_de == "Neu" and PendingChange.objects.open().count() == 0


@pytest.mark.parametrize("item", ["object:999999-1", "object:abc", "change:999", "object:1-1", "", "x:y"])
def test_bad_queue_items_give_a_message_not_an_error(client, editor, item):
    client.force_login(editor)
    response = client.post("/admin/werkzeuge/moderation/", {"item": item, "decision": "publish"}, follow=True)
    assert response.status_code == 200


def test_translators_and_partners_have_no_queue(client, translator, author):
    for user in (translator, author):
        client.force_login(user)
        assert client.get("/admin/werkzeuge/moderation/").status_code in (302, 403)
