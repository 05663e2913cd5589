"""The warm-up gunicorn's master does before it forks (portal/warmup.py)."""

import gc
import importlib.util
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.template import engines
from django.urls import clear_url_caches, reverse
from django.utils import translation

from portal import warmup


def cached_loader():
    return engines["django"].engine.template_loaders[0]


def test_warm_up_compiles_every_template_without_touching_the_database():
    # No `db` fixture: pytest-django fails any query, so this also proves the master opens no connection that its
    # forked workers would share.
    loader = cached_loader()
    loader.reset()
    try:
        warmup.prepare_process()
    finally:
        gc.unfreeze()
    names = warmup.project_templates()
    assert "base.html" in names and any(name.endswith(".txt") for name in names)  # pages and mails
    assert set(names) <= set(loader.get_template_cache)


def test_after_the_warm_up_no_address_in_any_language_builds_a_reverse_table(monkeypatch):
    from django.urls.resolvers import URLResolver

    clear_url_caches()  # a resolver that has built nothing yet, as in a new process
    try:
        warmup.prepare_process()
    finally:
        gc.unfreeze()

    def refuse(resolver):
        raise AssertionError(f"{resolver!r} built its reverse table after the warm-up")

    monkeypatch.setattr(URLResolver, "_populate", refuse)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            prefix = f"/{code}/"
            assert reverse("portal:home") == prefix
            assert reverse("projects:directory").startswith(prefix)
            assert reverse("volunteers:opportunity_list").startswith(prefix)
            assert reverse("projects:partner_dashboard") == f"{prefix}partner/"
            assert reverse("volunteers:partner_opportunity_list", args=["verein"]).startswith(prefix)
            assert reverse("admin:index") == "/admin/"


def test_gunicorn_warms_up_in_the_master_only_when_the_app_is_preloaded(monkeypatch):
    calls = []
    monkeypatch.setattr(warmup, "prepare_process", lambda: calls.append("warmed"))
    path = Path(settings.BASE_DIR) / "gifhorn_integration" / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)

    config.when_ready(SimpleNamespace(cfg=SimpleNamespace(preload_app=False)))
    assert calls == []
    config.when_ready(SimpleNamespace(cfg=SimpleNamespace(preload_app=True)))
    assert calls == ["warmed"]
