"""The select built in Python gives exactly the markup of Django's select templates."""

from django import forms
from hypothesis import given, settings
from hypothesis import strategies as st

from core.forms import QuickSelect

text = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=8)


@settings(deadline=None)
@given(
    st.lists(st.tuples(text, text), max_size=5),
    st.one_of(st.none(), text),
    st.booleans(),
    st.booleans(),
)
def test_same_markup_as_django(choices, value, grouped, disabled):
    if grouped and choices:
        choices = [('Groep <1> & "2"', choices)]
    attrs = {"class": "utrecht-select", "aria-invalid": "true", "disabled": disabled}
    name = 'wijk"&<'
    expected = forms.Select(choices=choices, attrs=attrs).render(name, value, {"id": "id_x"})
    assert QuickSelect(choices=choices, attrs=attrs).render(name, value, {"id": "id_x"}) == expected


def test_a_label_cannot_inject_markup():
    html = QuickSelect(choices=[("<b>", "<script>alert(1)</script>")]).render("x", "<b>")
    assert "<script>" not in html and "&lt;script&gt;" in html
