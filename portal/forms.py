from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .models import FeedbackTicket
from .spam import HoneypotMixin


class PlainSelect(forms.Select):
    """Django's select, with its options written out here instead of through one template each: the stock
    widget made the filter forms (four selects, 60 options) a quarter of a list page's time. Same markup."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _choices, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '\n  <option value="{}"{}>{}</option>',
            ((option["value"], flatatt(option["attrs"]), option["label"])
             for _group, choices, _index in widget["optgroups"] for option in choices),
        )
        return format_html('<select name="{}"{}>{}\n</select>', widget["name"], flatatt(widget["attrs"]), options)


class FeedbackForm(HoneypotMixin, forms.ModelForm):
    """Barriere melden: what is wrong where, and optionally how to answer."""

    class Meta:
        model = FeedbackTicket
        fields = ["page_url", "description", "name", "email"]
        labels = {
            "page_url": _("Auf welcher Seite ist die Barriere?"),
            "description": _("Was ist das Problem?"),
            "name": _("Ihr Name (freiwillig)"),
            "email": _("Ihre E-Mail-Adresse (freiwillig)"),
        }
        help_texts = {
            "page_url": _("Die Adresse der Seite oder ihr Titel."),
            "description": _("Beschreiben Sie bitte, was nicht funktioniert und welche Hilfsmittel Sie nutzen."),
            "email": _("Nur wenn Sie eine Antwort möchten."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "page_url": {"required": _("Bitte geben Sie an, auf welcher Seite die Barriere ist.")},
            "description": {"required": _("Bitte beschreiben Sie die Barriere.")},
            "email": {"invalid": _("Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.")},
        }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), max_length=200, required=False)
