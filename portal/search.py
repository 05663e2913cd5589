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


def _columns(source, language):
    from portal.translation_status import translated_field_names

    translated = set(translated_field_names(source.model))
    columns = []
    for name in source.fields:
        if name in translated:
            columns.append(build_localized_fieldname(name, language))
            if language != settings.LANGUAGE_CODE:
                columns.append(build_localized_fieldname(name, settings.LANGUAGE_CODE))
        else:
            columns.append(name)
    return columns


def search(source, query, language):
    """A queryset of `source`'s published objects matching `query`, best first."""
    columns = _columns(source, language)
    queryset = source.base_queryset()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        config = POSTGRES_CONFIGS.get(language, "simple")
        # Every word as a prefix ("Sprach" finds "Sprachkurse"), all words required. Only word characters reach
        # the raw tsquery, so no input can break its syntax.
        words = re.findall(r"\w+", query)[:8]
        if not words:
            return queryset.none()
        vector = SearchVector(*columns, config=config)
        search_query = SearchQuery(" & ".join(f"{word}:*" for word in words), config=config, search_type="raw")
        return (
            queryset.annotate(rank=SearchRank(vector, search_query))
            .filter(rank__gt=0)
            .order_by("-rank", "pk")
        )
    words = query.split()[:8]
    condition = reduce(
        lambda acc, word: acc & reduce(or_, (Q(**{f"{col}__icontains": word}) for col in columns)),
        words,
        Q(),
    )
    return queryset.filter(condition).order_by("pk")
