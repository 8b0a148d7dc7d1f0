"""Every Django form renders through the NL Design System field and form templates."""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# The design system's class for each kind of control.
CONTROL_CLASSES = {
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "checkbox": "utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom",
}
# Django puts a choice group's class on its container as well as on every option, so a group
# takes no class here (the container would shrink to one radio's width); CSS styles its inputs.
GROUPS = {"radioselect", "checkboxselectmultiple"}
TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"


class DesignSystemBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = widget.__class__.__name__.lower()
        css = CONTROL_CLASSES.get(kind)
        if (
            css is None
            and kind not in GROUPS
            and getattr(widget, "input_type", None)
            not in (
                None,
                "hidden",
                "file",
            )
        ):
            css = TEXTBOX
        if css:
            existing = attrs.get("class", "")
            attrs["class"] = f"{existing} {css}".strip()
        if self.errors:
            attrs["aria-invalid"] = "true"
        return attrs


class DesignSystemFormRenderer(DjangoTemplates):
    form_template_name = "components/form.html"
    field_template_name = "components/form_field.html"
    bound_field_class = DesignSystemBoundField


def _attrs(attrs: dict) -> SafeString:
    """Django's widgets/attrs.html in Python; each part is escaped by format_html."""
    return mark_safe(
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class QuickSelect(forms.Select):
    """A select with the exact markup of Django's select templates, built in Python: Django
    renders every option through two templates, which makes a list of a few dozen options the
    slowest part of a search page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in group_choices:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _attrs(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every part above is escaped by format_html
