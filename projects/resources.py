"""CSV import and export of the directory for staff (django-import-export).

Rows are matched by `slug`, so re-importing the same file changes nothing; empty cells stay empty; topics,
municipalities, languages and target groups are given by their slugs/codes, separated by "|".
"""

from import_export import fields, resources, widgets

from portal.models import Municipality, SpokenLanguage, TargetGroup, Topic

from .models import Organisation


def _many(model, field):
    return widgets.ManyToManyWidget(model, separator="|", field=field)


class OrganisationResource(resources.ModelResource):
    topics = fields.Field(attribute="topics", column_name="topics", widget=_many(Topic, "slug"))
    municipalities = fields.Field(attribute="municipalities", column_name="municipalities",
                                  widget=_many(Municipality, "slug"))
    spoken_languages = fields.Field(attribute="spoken_languages", column_name="languages",
                                    widget=_many(SpokenLanguage, "code"))
    target_groups = fields.Field(attribute="target_groups", column_name="target_groups",
                                 widget=_many(TargetGroup, "slug"))

    class Meta:
        model = Organisation
        import_id_fields = ["slug"]
        fields = [
            "slug", "name", "kind", "status", "description_de", "description_en", "street", "postcode", "city",
            "latitude", "longitude", "phone", "email", "website", "by_appointment", "opening_notes_de",
            "step_free", "contact_person", "topics", "municipalities", "spoken_languages", "target_groups",
        ]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        # Spreadsheets leave stray spaces; a cell with only spaces is an empty cell.
        for key, value in list(row.items()):
            if isinstance(value, str):
                row[key] = value.strip()
