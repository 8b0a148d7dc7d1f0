from django import forms
from django.utils.text import capfirst

from trajectories.models import PlannedMoment


class PlanForm(forms.Form):
    """One optional date per moment; an empty date removes that moment from the plan."""

    def __init__(self, *args, initial_dates=None, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in PlannedMoment.Moment.choices:
            self.fields[value] = forms.DateField(
                label=capfirst(label),
                required=False,
                initial=(initial_dates or {}).get(value),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )

    def dates(self) -> dict:
        return {value: self.cleaned_data.get(value) for value in PlannedMoment.Moment.values}
