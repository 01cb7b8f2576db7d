# BUILD-file prelude (see [GLOBAL].build_file_prelude_globs in pants.toml).
# Every top-level name defined here is visible in every BUILD file.

ORCHARD_TEST_ENV = ["ORCHARD_LOG_LEVEL=warning"]


def common_test_config(timeout=60, **extra):
    """Fields shared by every python_tests target; spread with **common_test_config()."""
    config = dict(
        timeout=timeout,
        extra_env_vars=list(ORCHARD_TEST_ENV),
        batch_compatibility_tag="orchard-unit",
    )
    config.update(extra)
    return config
