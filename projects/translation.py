from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Organisation, Project


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("description", "opening_notes")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "funding")
    required_languages = ("de",)


for model in (Organisation, Project):
    register_history(model, app="projects")
