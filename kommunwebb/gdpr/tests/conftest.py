from kommunwebb.retention.tests.conftest import isolated_registry  # noqa: F401
