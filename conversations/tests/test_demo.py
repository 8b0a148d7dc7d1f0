import pytest
from django.utils import timezone

from conversations import demo
from conversations.models import Conversation, Step


@pytest.mark.django_db
def test_demo_is_idempotent_and_has_an_overdue_step():
    from organisations import demo as organisations_demo
    from sharing import demo as sharing_demo

    organisations_demo.load()
    sharing_demo.load()
    assert "two steps" in demo.load()
    demo.load()
    assert Conversation.objects.count() == 1
    assert Step.objects.count() == 2
    conversation = Conversation.objects.get()
    assert conversation.assessments.count() == 2
    assert set(conversation.assessments.values_list("moment", flat=True)) == {"intake", "midway"}
    assert Step.objects.filter(due_date__lt=timezone.localdate()).count() == 1
