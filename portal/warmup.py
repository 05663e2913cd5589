"""What a new server process would otherwise do on its first requests, done once in gunicorn's master process
before it forks the workers (gifhorn_integration/gunicorn.conf.py, `when_ready`).

gunicorn replaces a worker after `max_requests` (the guard against slow leaks), which under load is every few
seconds. A new worker used to compile every template, read every language's catalogue and fill the URL
resolver's reverse tables for each language on its first requests: tens of milliseconds while requests queued
behind it, which was most of the p99 latency of the benchmark (docs/performance.md). Forked from a master that did
this once, every worker starts with it done.

Nothing here touches the database: a connection opened in the master would be shared by every forked worker.
"""

import gc
from pathlib import Path

from django.conf import settings
from django.template import engines
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import formats, translation

TEMPLATE_SUFFIXES = (".html", ".txt")


def project_templates():
    """The names of the project's own templates (templates/), as the loaders find them."""
    root = Path(settings.BASE_DIR) / "templates"
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.suffix in TEMPLATE_SUFFIXES)


def _fill_reverse_tables():
    """Reverse one name of every namespace in the active language. Each namespace under the language prefix has
    a resolver of its own per language (django.urls.resolvers.get_ns_resolver), which builds its table on first
    use: 14 ms for each language."""
    for namespace, (_prefix, included) in get_resolver().namespace_dict.items():
        name = next(name for name in included.reverse_dict if isinstance(name, str))
        try:
            reverse(f"{namespace}:{name}")
        except NoReverseMatch:
            pass  # the name wants arguments; the table was built before they were matched


def prepare_process():
    """Compile the project's templates, load every language's catalogue, formats and reverse URL table, then
    freeze what exists so far: the garbage collector of a worker never walks (and so never copies) the objects
    it shares with the master."""
    engine = engines["django"]
    for name in project_templates():
        engine.get_template(name)
    engine.engine.template_context_processors  # noqa: B018 (imports the context processors)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Startseite")
            formats.get_format("DATETIME_FORMAT")
            _fill_reverse_tables()
    gc.freeze()
