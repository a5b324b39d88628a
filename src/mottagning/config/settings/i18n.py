"""Language and time: Swedish first, English available."""

from django.utils.translation import gettext_lazy as _

from mottagning.config.settings.paths import PACKAGE_DIR

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Stockholm"
USE_TZ = True
