"""Small builders for webs in tests."""

from assessments.models import Assessment
from assessments.services import Submission, complete_assessment, save_submission, start_assessment
from instruments.models import InstrumentVersion
from instruments.selectors import latest_version


def instrument(instrument_id: str = "bredeblik-kort") -> InstrumentVersion:
    return latest_version(instrument_id)


def make_web(
    scores=(6, 7, 5, 8, 4, 6),
    *,
    instrument_id: str = "bredeblik-kort",
    owner=None,
    series=None,
    flags=(),
    complete: bool = True,
) -> Assessment:
    """A web whose every item in dimension i is answered with scores[i] (None skips it)."""
    version = instrument(instrument_id)
    answers = {}
    for dimension, score in zip(version.parsed.dimensions, scores, strict=False):
        for item in dimension.items:
            answers[item.id] = score
    web = start_assessment(version, owner=owner, series=series)
    save_submission(web, Submission(answers=answers, flags=flags))
    return complete_assessment(web) if complete else web
