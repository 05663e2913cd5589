from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .cache import bump_content_version
from .translation_status import TranslationTracked
from .workflow import Publishable


def _content_changed():
    """A new version now (this request sees its own change) and again once the change is committed: another
    worker may have built navigation from the data as it was before the commit under the first new version."""
    bump_content_version()
    transaction.on_commit(bump_content_version)


@receiver(post_save)
@receiver(post_delete)
def content_changed(sender, **kwargs):
    if issubclass(sender, (Publishable, TranslationTracked)):
        _content_changed()


@receiver(m2m_changed)
def content_relations_changed(sender, instance, **kwargs):
    if isinstance(instance, (Publishable, TranslationTracked)):
        _content_changed()
