"""Translated fields (django-modeltranslation) and history (django-simple-history).

History is registered here, after the translation registration, so that every language column is recorded.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    AccessibilityStatement,
    ContactPerson,
    Download,
    Event,
    HomePage,
    Image,
    Municipality,
    NewsItem,
    Page,
    SpokenLanguage,
    TargetGroup,
    Topic,
)


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(TargetGroup)
class TargetGroupTranslation(TranslationOptions):
    fields = ("name",)


@register(SpokenLanguage)
class SpokenLanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(Image)
class ImageTranslation(TranslationOptions):
    fields = ("alt_text",)
    required_languages = ("de",)


@register(ContactPerson)
class ContactPersonTranslation(TranslationOptions):
    fields = ("role",)


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("de",)


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("de",)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "venue")
    required_languages = ("de",)


@register(Download)
class DownloadTranslation(TranslationOptions):
    fields = ("title",)


@register(AccessibilityStatement)
class AccessibilityStatementTranslation(TranslationOptions):
    fields = ("title", "introduction", "known_barriers", "feedback_contact", "enforcement", "review_method")


@register(HomePage)
class HomePageTranslation(TranslationOptions):
    fields = ("title", "introduction", "sign_language_title", "sign_language_text")


for model in (Page, NewsItem, Event, ContactPerson, Download, Image, AccessibilityStatement, HomePage, Topic,
              Municipality, TargetGroup):
    register_history(model, app="portal")
