from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Answer, Assessment
from assessments.tests.factories import make_web
from people.models import User


@pytest.mark.django_db
def test_abandoned_anonymous_drafts_go_after_a_year_and_nothing_else():
    old_draft = make_web(complete=False)
    fresh_draft = make_web(complete=False)
    old_finished = make_web()
    owner = User.objects.create_user("eigen@example.org", "lang-genoeg-wachtwoord")
    old_owned_draft = make_web(owner=owner, complete=False)
    long_ago = timezone.now() - timedelta(days=400)
    Assessment.objects.filter(pk__in=[old_draft.pk, old_finished.pk, old_owned_draft.pk]).update(
        updated_at=long_ago
    )
    call_command("purge_expired")
    remaining = set(Assessment.objects.values_list("pk", flat=True))
    assert remaining == {fresh_draft.pk, old_finished.pk, old_owned_draft.pk}
    assert not Answer.objects.filter(assessment_id=old_draft.pk).exists()
