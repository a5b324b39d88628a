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


def _database_options_in_each_module(url: str, show: str) -> dict[str, str]:
    """What `show` prints about the database settings, under the development and the production
    settings module, with `DATABASE_URL=url`."""
    check = (
        "import django; from django.conf import settings; django.setup(); "
        f"d = settings.DATABASES['default']; o = d['OPTIONS']; print({show})"
    )
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("MOTTAGNING_", "DATABASE_URL"))
    }
    printed = {}
    for module in ("mottagning.config.settings", "mottagning.config.settings.production"):
        result = subprocess.run(
            [sys.executable, "-c", check],
            env={
                **base,
                "DJANGO_SETTINGS_MODULE": module,
                "MOTTAGNING_SECRET_KEY": "x" * 64,
                "MOTTAGNING_ALLOWED_HOSTS": "mottagning.example.se",
                "DATABASE_URL": url,
            },
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        printed[module] = result.stdout.strip()
    return printed


def test_production_on_sqlite_gets_wal_immediate_and_a_busy_timeout() -> None:
    # Security probe 2026-11-29, finding 2: these were applied only without DATABASE_URL.
    printed = _database_options_in_each_module(
        "sqlite:////tmp/mottagning-settings-test.sqlite3",
        "o['transaction_mode'], o['timeout'], 'journal_mode=WAL' in o['init_command']",
    )
    assert set(printed.values()) == {"IMMEDIATE 20 True"}, printed


def test_postgresql_prepares_repeated_statements_in_every_settings_module() -> None:
    printed = _database_options_in_each_module(
        "postgres://u@127.0.0.1:5432/db",
        "o['server_side_binding'], o['prepare_threshold'], d['CONN_MAX_AGE']",
    )
    assert set(printed.values()) == {"True 5 60"}, printed


MAIL_CHECK = (
    "import warnings; warnings.simplefilter('error', DeprecationWarning); "
    "warnings.simplefilter('error', PendingDeprecationWarning); "
    "import django; django.setup(); from django.core import mail; "
    # Django 6.1 hands out the configured mailer; earlier versions build it from EMAIL_*.
    "c = mail.mailers.default if hasattr(mail, 'mailers') else mail.get_connection(); "
    "print(type(c).__module__, c.host, c.port, c.username, c.password, c.use_tls)"
)


def test_production_sends_mail_through_the_configured_smtp_server_without_deprecated_settings() -> (
    None
):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOTTAGNING_", "DATABASE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "mottagning.config.settings.production",
        "MOTTAGNING_SECRET_KEY": "x" * 64,
        "MOTTAGNING_ALLOWED_HOSTS": "mottagning.example.se",
        "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
        "MOTTAGNING_EMAIL_HOST": "smtp.example.se",
        "MOTTAGNING_EMAIL_PORT": "2525",
        "MOTTAGNING_EMAIL_USER": "mottagning",
        "MOTTAGNING_EMAIL_PASSWORD": "hemligt",
    }
    result = subprocess.run(
        [sys.executable, "-c", MAIL_CHECK], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp",
        "smtp.example.se",
        "2525",
        "mottagning",
        "hemligt",
        "True",
    ]
