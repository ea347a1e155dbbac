"""One running stack for all integration tests, on the sample directory."""

import pytest

from tests.integration.stack import Stack


@pytest.fixture(scope="session")
def stack(trained_model, tmp_path_factory):
    """Rasa, actions and web started like `lotse run` does, with the sample directory loaded."""
    stack = Stack(trained_model, tmp_path_factory.mktemp("var"))
    stack.prepare_database()
    stack.start_all()
    yield stack
    stack.stop_all()
