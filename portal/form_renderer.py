"""The form renderer (settings.FORM_RENDERER): Django's own, except that the plain widgets — inputs, text areas,
selects, checkbox and radio lists — are written here instead of through Django's widget templates. Those
templates cost a template render per widget and per option (a third of the volunteer sign-up page's time, a
quarter of a filtered list's); this writes the same markup (the tests compare both). Every other template (file
inputs, date selects, admin widgets) still goes through Django."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"


def _attrs(attrs):
    # As attrs.html: False leaves an attribute out, True writes its bare name, anything else its text.
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items() if value is not False
    )


def _input(widget):
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _textarea(widget):
    text = conditional_escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def _option(option):
    label = conditional_escape(option["label"])
    return f'<option value="{escape(option["value"])}"{_attrs(option["attrs"])}>{label}</option>'


def _select(widget):
    parts = [f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{escape(group)}">')
        parts.extend(f"\n  {_option(option)}" for option in options)
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _choice(option):
    if not option["wrap_label"]:
        return _input(option)
    target = f' for="{escape(option["attrs"]["id"])}"' if option["attrs"].get("id") else ""
    return f"<label{target}>{_input(option)} {conditional_escape(option['label'])}</label>"


def _choices(widget):
    attrs = {name: widget["attrs"][name] for name in ("id", "class") if widget["attrs"].get(name)}
    parts = [f"<div{_attrs(attrs)}>"]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{conditional_escape(group)}</label>")
        parts.extend(f"<div>\n    {_choice(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


WRITERS = {
    **{f"{WIDGETS}{kind}.html": _input for kind in (
        "input", "text", "email", "url", "number", "tel", "password", "hidden", "search", "date", "datetime",
        "time", "color", "checkbox")},
    f"{WIDGETS}textarea.html": _textarea,
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}checkbox_select.html": _choices,
    f"{WIDGETS}radio.html": _choices,
}


class PlainWidgetRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        write = WRITERS.get(template_name)
        if write is None:
            return super().render(template_name, context, request)
        return mark_safe(write(context["widget"]))  # every value above is escaped
