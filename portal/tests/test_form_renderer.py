"""The form renderer writes the plain widgets itself: the same markup as Django's widget templates."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test.html import parse_html
from django.utils.safestring import mark_safe

from portal.form_renderer import PlainWidgetRenderer

CHOICES = [("", "alle Themen"), ("a&b", 'Sprache <b> & "Kurse"'), ("beratung", mark_safe("<i>Beratung</i>"))]
GROUPED = [("Sprache & Kurse", [("a&b", "A & B"), ("c", "C")]), ("beratung", "Beratung")]
ATTRS = {"id": "id_feld", "aria-describedby": "id_feld_helptext", "aria-invalid": "true", "disabled": False,
         "required": True, "class": 'x"y'}

WIDGETS = [
    (forms.TextInput(), 'Ein "Wert" & <mehr>'),
    (forms.TextInput(), None),
    (forms.EmailInput(), "name@beispiel.de"),
    (forms.NumberInput(), 3),
    (forms.URLInput(), "https://example.org/?a=1&b=2"),
    (forms.HiddenInput(), "x"),
    (forms.PasswordInput(render_value=True), "geheim"),
    (forms.DateInput(), "2026-11-26"),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.Textarea(), "Zeile 1\n<script>Zeile 2</script>"),
    (forms.Textarea(), ""),
    (forms.Select(choices=CHOICES), "a&b"),
    (forms.Select(choices=CHOICES), None),
    (forms.Select(choices=GROUPED), "c"),
    (forms.SelectMultiple(choices=CHOICES), ["a&b", "beratung"]),
    (forms.CheckboxSelectMultiple(choices=CHOICES), ["a&b"]),
    (forms.CheckboxSelectMultiple(choices=GROUPED), ["c"]),
    (forms.RadioSelect(choices=CHOICES), "beratung"),
]


@pytest.mark.parametrize(("widget", "value"), WIDGETS, ids=lambda item: type(item).__name__)
@pytest.mark.parametrize("attrs", [ATTRS, {}], ids=["attrs", "no-attrs"])
def test_plain_widgets_write_the_same_markup_as_djangos_templates(widget, value, attrs):
    expected = widget.render("feld", value, dict(attrs), renderer=DjangoTemplates())
    written = widget.render("feld", value, dict(attrs), renderer=PlainWidgetRenderer())
    assert parse_html(written) == parse_html(expected)
    assert "<script>" not in written and "<b>" not in written  # escaped like the template does


def test_the_renderer_is_the_sites_and_other_widgets_still_use_djangos_templates(settings):
    from django.forms.renderers import get_default_renderer

    assert isinstance(get_default_renderer(), PlainWidgetRenderer)
    widget = forms.ClearableFileInput()
    written = widget.render("datei", None, {"id": "id_datei"}, renderer=PlainWidgetRenderer())
    assert written == widget.render("datei", None, {"id": "id_datei"}, renderer=DjangoTemplates())
    assert 'type="file"' in written
