from people.tests.conftest import make_user, make_web, quick  # noqa: F401  (shared fixtures)
