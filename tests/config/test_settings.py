import os
import subprocess
import sys

CHECK = (
    "import django; from django.conf import settings; django.setup(); "
    "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.DEBUG, "
    "settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'])"
)


def _run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("MOTTAGNING_", "DATABASE_URL"))
    }
    base["DJANGO_SETTINGS_MODULE"] = "mottagning.config.settings.production"
    return subprocess.run(
        [sys.executable, "-c", CHECK],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secrets() -> None:
    result = _run({})
    assert result.returncode != 0
    assert "MOTTAGNING_SECRET_KEY" in result.stderr
    assert "DATABASE_URL" in result.stderr


def test_production_refuses_a_short_key() -> None:
    result = _run(
        {
            "MOTTAGNING_SECRET_KEY": "kort",
            "MOTTAGNING_ALLOWED_HOSTS": "mottagning.example.se",
            "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
        }
    )
    assert result.returncode != 0
    assert "för kort" in result.stderr


def test_production_with_secrets_uses_secure_cookies() -> None:
    result = _run(
        {
            "MOTTAGNING_SECRET_KEY": "x" * 64,
            "MOTTAGNING_ALLOWED_HOSTS": "mottagning.example.se, api.example.se",
            "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
        }
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "True True False ['mottagning.example.se', 'api.example.se'] django.db.backends.postgresql"
    )


def test_production_on_sqlite_gets_wal_immediate_and_a_busy_timeout() -> None:
    # Security probe 2026-11-29, finding 2: these were applied only without DATABASE_URL.
    check = (
        "import django; from django.conf import settings; django.setup(); "
        "o = settings.DATABASES['default']['OPTIONS']; "
        "print(o['transaction_mode'], o['timeout'], 'journal_mode=WAL' in o['init_command'])"
    )
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("MOTTAGNING_", "DATABASE_URL"))
    }
    for module in ("mottagning.config.settings", "mottagning.config.settings.production"):
        result = subprocess.run(
            [sys.executable, "-c", check],
            env={
                **base,
                "DJANGO_SETTINGS_MODULE": module,
                "MOTTAGNING_SECRET_KEY": "x" * 64,
                "MOTTAGNING_ALLOWED_HOSTS": "mottagning.example.se",
                "DATABASE_URL": "sqlite:////tmp/mottagning-settings-test.sqlite3",
            },
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "IMMEDIATE 20 True", module


def test_postgresql_prepares_repeated_statements_in_every_settings_module() -> None:
    check = (
        "import django; from django.conf import settings; django.setup(); "
        "o = settings.DATABASES['default']['OPTIONS']; "
        "print(o['server_side_binding'], o['prepare_threshold'], "
        "settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("MOTTAGNING_", "DATABASE_URL"))
    }
    for module in ("mottagning.config.settings", "mottagning.config.settings.production"):
        result = subprocess.run(
            [sys.executable, "-c", check],
            env={
                **base,
                "DJANGO_SETTINGS_MODULE": module,
                "MOTTAGNING_SECRET_KEY": "x" * 64,
                "MOTTAGNING_ALLOWED_HOSTS": "mottagning.example.se",
                "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
            },
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "True 5 60", module
