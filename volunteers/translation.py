from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Opportunity, Training


@register(Opportunity)
class OpportunityTranslation(TranslationOptions):
    fields = ("title", "description", "time_needed", "requirements")
    required_languages = ("de",)


@register(Training)
class TrainingTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "venue")
    required_languages = ("de",)


for model in (Opportunity, Training):
    register_history(model, app="volunteers")
