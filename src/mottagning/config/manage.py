"""Django's management commands: `python -m mottagning.config.manage <command>`.

Development settings by default; set DJANGO_SETTINGS_MODULE=mottagning.config.settings.production
on a server.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mottagning.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
