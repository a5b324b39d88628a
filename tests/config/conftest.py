from tests.fixtures import *  # noqa: F403 - shared fixtures for the Django apps
