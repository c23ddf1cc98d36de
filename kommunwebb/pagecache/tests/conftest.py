import pytest

from kommunwebb.news.factories import NewsIndexPageFactory


@pytest.fixture
def news_index(home, commit):
    with commit():
        index = NewsIndexPageFactory(parent=home)
        index.save_revision().publish()
    return index
