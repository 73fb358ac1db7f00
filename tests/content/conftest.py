import pytest

from tests.content.content_helpers import ContentDir, make_content


@pytest.fixture
def content(tmp_path) -> ContentDir:
    """A fresh copy of tests/content/fixtures/good to break in one place."""
    return make_content(tmp_path)
