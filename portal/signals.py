from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import bump_content_version
from .translation_status import TranslationTracked
from .workflow import Publishable


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, **kwargs):
    if issubclass(sender, (Publishable, TranslationTracked)):
        bump_content_version()


@receiver(m2m_changed)
def content_relations_changed(sender, instance, **kwargs):
    if isinstance(instance, (Publishable, TranslationTracked)):
        bump_content_version()
