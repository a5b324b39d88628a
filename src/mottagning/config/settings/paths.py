"""Where the project's files are on disk."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[2]
# The checkout's root (src/mottagning/config/settings -> 4 levels up); var/ holds the SQLite
# database and collected static files, and is ignored by git.
BASE_DIR = PACKAGE_DIR.parents[1]
VAR_DIR = BASE_DIR / "var"
