import pytest

from assessments.selectors import SESSION_KEY
from assessments.services import Submission, complete_assessment, save_submission, start_assessment
from instruments.models import InstrumentVersion
from people.models import User

PASSWORD = "kleine-stapjes-2026"


@pytest.fixture
def quick():
    return InstrumentVersion.objects.get(instrument_id="bredeblik-kort")


@pytest.fixture
def make_user(db):
    def make(email: str = "anna@example.org") -> User:
        return User.objects.create_user(email=email, password=PASSWORD)

    return make


@pytest.fixture
def make_web(quick):
    """A web with an answer per item (5), a flag on the first item and a note on the first part."""

    def make(owner=None, completed: bool = True, instrument=None):
        instrument = instrument or quick
        web = start_assessment(instrument, owner=owner)
        definition = instrument.parsed
        first = definition.dimensions[0]
        save_submission(
            web,
            Submission(
                answers={item.id: 5 for item in definition.items},
                flags=[first.items[0].id],
                notes={first.id: "Ik slaap slecht"},
            ),
        )
        if completed:
            web = complete_assessment(web)
        web.refresh_from_db()
        return web

    return make


@pytest.fixture
def remember(client):
    """Put webs in the test client's session, as filling in anonymously does."""

    def put(*webs):
        session = client.session
        session[SESSION_KEY] = [w.access_token for w in webs]
        session.save()

    return put
