"""Site search over everything published, whichever app it lives in.

Apps register their models in their AppConfig.ready():

    search.register(Organisation, fields=("name", "description"), label=_("Organisationen"), key="organisationen")

On PostgreSQL the search is full-text (every word also as a prefix), with the language's own text search
configuration where PostgreSQL has one (German, English, Russian, Turkish) and "simple" otherwise; elsewhere
(SQLite) it is a plain substring match. Both search the visitor's language and German, so untranslated content
is found too.
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection
from django.db.models import Q
from modeltranslation.utils import build_localized_fieldname

POSTGRES_CONFIGS = {"de": "german", "de-x-ls": "german", "en": "english", "ru": "russian", "tr": "turkish"}


@dataclass
class Source:
    model: type
    fields: tuple
    label: str
    key: str
    queryset: callable = None
    order_by: tuple = field(default_factory=tuple)

    def base_queryset(self):
        return self.queryset() if self.queryset else self.model.objects.published()


_sources = {}


def register(model, fields, label, key, queryset=None):
    """Make published objects of `model` findable by the text of `fields` (translated or not)."""
    _sources[key] = Source(model=model, fields=tuple(fields), label=label, key=key, queryset=queryset)


def sources():
    return list(_sources.values())


def get_source(key):
    return _sources.get(key)


def _columns(source, language, fields=None):
    from portal.translation_status import translated_field_names

    translated = set(translated_field_names(source.model))
    columns = []
    for name in fields or source.fields:
        if name in translated:
            columns.append(build_localized_fieldname(name, language))
            if language != settings.LANGUAGE_CODE:
                columns.append(build_localized_fieldname(name, settings.LANGUAGE_CODE))
        else:
            columns.append(name)
    return columns


def _vector(source, language, fields=None):
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*_columns(source, language, fields), config=POSTGRES_CONFIGS.get(language, "simple"))


def search(source, query, language):
    """A queryset of `source`'s published objects matching `query`, best first."""
    columns = _columns(source, language)
    queryset = source.base_queryset()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        # Every word as a prefix ("Sprach" finds "Sprachkurse"), all words required. Only word characters reach
        # the raw tsquery, so no input can break its syntax.
        words = re.findall(r"\w+", query)[:8]
        if not words:
            return queryset.none()
        config = POSTGRES_CONFIGS.get(language, "simple")
        search_query = SearchQuery(" & ".join(f"{word}:*" for word in words), config=config, search_type="raw")
        # "document @@ query" is answered by the GIN index of ensure_indexes(). The rank looks at the title (the
        # first registered field) only: hits in the title come first, best first. Ranking the whole text would
        # parse every matching description again — 130 ms for a word found in 5,000 organisations.
        return (
            queryset.annotate(document=_vector(source, language)).filter(document=search_query)
            .annotate(rank=SearchRank(_vector(source, language, source.fields[:1]), search_query))
            .order_by("-rank", "pk")
        )
    words = query.split()[:8]
    condition = reduce(
        lambda acc, word: acc & reduce(or_, (Q(**{f"{col}__icontains": word}) for col in columns)),
        words,
        Q(),
    )
    return queryset.filter(condition).order_by("pk")


def index_statements():
    """CREATE INDEX statements (PostgreSQL): one GIN index per registered model and language over exactly the
    expression search() filters with, so the planner answers the @@ condition from the index."""
    statements = []
    for source in sources():
        table = source.model._meta.db_table
        for language, _name in settings.LANGUAGES:
            query = source.model._default_manager.all().query
            compiler = query.get_compiler(connection=connection)
            sql, params = _vector(source, language).resolve_expression(query).as_sql(compiler, connection)
            expression = connection.ops.compose_sql(sql, params)
            name = f"search_{table}_{language.replace('-', '_')}"[:63]
            statements.append(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({expression}))')
    return statements


def ensure_indexes(using="default", **kwargs):
    """post_migrate: create the search indexes that are missing. Idempotent; nothing to do on SQLite."""
    from django.db import connections

    if connections[using].vendor != "postgresql":
        return
    with connections[using].cursor() as cursor:
        for statement in index_statements():
            cursor.execute(statement)
