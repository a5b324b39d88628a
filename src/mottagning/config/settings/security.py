"""Security for development and tests; production.py tightens what depends on HTTPS and secrets."""

import os

from csp.constants import NONE, SELF

# A development key only: production.py refuses to start unless MOTTAGNING_SECRET_KEY is set.
SECRET_KEY = os.environ.get("MOTTAGNING_SECRET_KEY", "utveckling-endast-inte-for-produktion")
DEBUG = os.environ.get("MOTTAGNING_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"]

AUTHENTICATION_BACKENDS = [
    # axes first: it refuses a locked-out user before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "mottagning.accounts.backends.PasswordBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (accounts/throttle.py): five failures for the same user name from the same
# client address lock that name from that address for an hour, so an attacker cannot lock a
# user out from everywhere; an administrator can unlock earlier with `manage.py axes_reset`.
# A client address that fails MOTTAGNING_LOGIN_FAILURES_PER_ADDRESS times within the hour, over
# all user names, is refused too (an office behind one NAT address shares it, so it is higher).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "mottagning.accounts.throttle.client_address"
MOTTAGNING_LOGIN_FAILURES_PER_ADDRESS = int(
    os.environ.get("MOTTAGNING_LOGIN_FAILURES_PER_ADDRESS", "30")
)
# The reverse proxies whose X-Forwarded-For is believed (comma-separated addresses), e.g.
# nginx on the same machine, as docs/operations.md sets it up, by default. Set it to "" when
# gunicorn is reached without a proxy on loopback.
MOTTAGNING_TRUSTED_PROXIES = [
    a.strip()
    for a in os.environ.get("MOTTAGNING_TRUSTED_PROXIES", "127.0.0.1,::1").split(",")
    if a.strip()
]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"

OTP_TOTP_ISSUER = "mottagning"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Case files are sensitive: a session ends after 8 hours (a working day) and when the
# browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Strict CSP: only our own scripts, styles and images; no inline script or style at all
# (charts are SVG with presentation attributes, which CSP does not treat as inline style).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    },
}
