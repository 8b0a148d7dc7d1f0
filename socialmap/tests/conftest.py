import pytest
from django.contrib.auth import get_user_model

from socialmap import demo
from socialmap.models import Coordinator


@pytest.fixture
def demo_map(db):
    demo.load()


@pytest.fixture
def coordinator(db):
    user = get_user_model().objects.create_user("coordinator@example.org", "x")
    Coordinator.objects.create(user=user)
    return user


@pytest.fixture
def resident(db):
    return get_user_model().objects.create_user("resident@example.org", "x")
