"""Site search over everything published, whichever app it lives in.

Apps register their models in their AppConfig.ready():

    search.register(Organisation, fields=("name", "description"), label=_("Organisationen"), key="organisationen")

On PostgreSQL the search is full-text (every word also as a prefix), with the language's own text search
configuration where PostgreSQL has one (German, English, Russian, Turkish) and "simple" otherwise; elsewhere
(SQLite) it is a plain substring match. Both search the visitor's language and German, so untranslated content
is found too.
"""

import hashlib
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

RESULT_FIELDS = ("title", "summary")  # what templates/portal/partials/search_result.html shows
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


def _vector(source, language):
    """The search document: the title (first registered field) with weight A, the other fields with weight B,
    so that a hit in the title ranks first."""
    from django.contrib.postgres.search import SearchVector

    config = POSTGRES_CONFIGS.get(language, "simple")
    title, *others = source.fields
    vector = SearchVector(*_columns(source, language, (title,)), config=config, weight="A")
    if others:
        vector = vector + SearchVector(*_columns(source, language, others), config=config, weight="B")
    return vector


def document_column(language):
    """The stored column (PostgreSQL) holding the search document of one language."""
    return f"search_{language.replace('-', '_')}"


def _tsquery(text, language):
    """Every word as a prefix ("Sprach" finds "Sprachkurse"), all words required; None without a word. Only word
    characters reach the raw tsquery, so no input can break its syntax."""
    from django.contrib.postgres.search import SearchQuery

    words = re.findall(r"\w+", text)[:8]
    if not words:
        return None
    config = POSTGRES_CONFIGS.get(language, "simple")
    return SearchQuery(" & ".join(f"{word}:*" for word in words), config=config, search_type="raw")


def _document(source, language):
    """The stored, weighted search document (ensure_documents()): neither matching nor ranking parses any text.
    A word found in all of 5,000 organisations took 160 ms when every description was parsed again."""
    from django.contrib.postgres.search import SearchVectorField
    from django.db.models.expressions import RawSQL

    return RawSQL(f'"{source.model._meta.db_table}"."{document_column(language)}"', [],
                  output_field=SearchVectorField())


def condition(key, text, language=None):
    """A filter condition: the object's text in `language` (default: the visitor's) or German contains every word
    of `text`. The site search and the lists' "Suchbegriff" fields share it, so both find the same: on
    PostgreSQL through the stored documents and their index, each word also as a prefix; elsewhere (SQLite) as
    substrings."""
    source = _sources[key]
    language = language or translation.get_language()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVectorExact

        search_query = _tsquery(text, language)
        return Q(SearchVectorExact(_document(source, language), search_query)) if search_query else Q(pk__in=[])
    columns = _columns(source, language)
    return reduce(and_, (reduce(or_, (Q(**{f"{column}__icontains": word}) for column in columns))
                         for word in text.split()[:8]), Q())


def search(source, query, language):
    """A queryset of `source`'s published objects matching `query`, best first."""
    from portal.translation_status import defer_translated, translated_field_names

    # A result shows its title and summary: the long texts stay in the database (a count over thousands of hits
    # carried them all).
    long_texts = [name for name in translated_field_names(source.model) if name not in RESULT_FIELDS]
    queryset = defer_translated(source.base_queryset(), *long_texts).filter(condition(source.key, query, language))
    search_query = _tsquery(query, language) if connection.vendor == "postgresql" else None
    if search_query:  # best first: a hit in the title (weight A) before one in the text
        from django.contrib.postgres.search import SearchRank

        return queryset.annotate(rank=SearchRank(_document(source, language), search_query)).order_by("-rank", "pk")
    return queryset.order_by("pk")


def _expression(source, language):
    query = source.model._default_manager.all().query
    compiler = query.get_compiler(connection=connection)
    sql, params = _vector(source, language).resolve_expression(query).as_sql(compiler, connection)
    return connection.ops.compose_sql(sql, params)


def _drop_documents(table):
    columns = ", ".join(f'DROP COLUMN IF EXISTS "{document_column(code)}"' for code, _name in settings.LANGUAGES)
    return f'ALTER TABLE IF EXISTS "{table}" {columns}'  # their indexes go with them


def document_statements(source):
    """SQL (PostgreSQL) for the stored search documents of one registered model: one generated column per
    language over the registered fields (that language and German) and a GIN index on each."""
    table = source.model._meta.db_table
    columns = ", ".join(
        f'ADD COLUMN IF NOT EXISTS "{document_column(language)}" tsvector '
        f"GENERATED ALWAYS AS ({_expression(source, language)}) STORED"
        for language, _name in settings.LANGUAGES
    )
    statements = [f'ALTER TABLE "{table}" {columns}']  # one statement: the table is rewritten once
    for language, _name in settings.LANGUAGES:
        column = document_column(language)
        index = f"{table}_{column}"[:63]
        statements.append(f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ("{column}")')
        earlier = f"search_{table}_{column.removeprefix('search_')}"[:63]  # expression index, now unused
        statements.append(f'DROP INDEX IF EXISTS "{earlier}"')
    return statements


def drop_documents(using="default", plan=None, **kwargs):
    """pre_migrate, when there are migrations to apply: drop the stored search documents. PostgreSQL refuses to
    change a column that a generated column reads, so a migration could not alter a title otherwise."""
    from django.db import connections

    if connections[using].vendor != "postgresql" or not plan:
        return
    with connections[using].cursor() as cursor:
        for source in sources():
            cursor.execute(_drop_documents(source.model._meta.db_table))


def ensure_documents(using="default", **kwargs):
    """post_migrate: build the stored search documents of every registered model that has none or has them
    defined differently (a field registered since, another language): the German column's comment holds a
    fingerprint of the definition. Nothing to do when all are current, and nothing on SQLite."""
    from django.db import connections

    if connections[using].vendor != "postgresql":
        return
    marked = document_column(settings.LANGUAGE_CODE)
    with connections[using].cursor() as cursor:
        for source in sources():
            table = source.model._meta.db_table
            statements = document_statements(source)
            fingerprint = hashlib.sha256("\n".join(statements).encode()).hexdigest()[:16]
            cursor.execute("SELECT col_description(attrelid, attnum) FROM pg_attribute "
                           "WHERE attrelid = %s::regclass AND attname = %s", [table, marked])
            if cursor.fetchone() == (fingerprint,):
                continue
            cursor.execute(_drop_documents(table))
            for statement in statements:
                cursor.execute(statement)
            cursor.execute(f"COMMENT ON COLUMN \"{table}\".\"{marked}\" IS '{fingerprint}'")
