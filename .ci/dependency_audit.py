"""Dependency audit for `make quality`: pip-audit on requirements/lock.txt (issue 9).

Known vulnerabilities fail the check. A vulnerability database that cannot be reached does not
fail it (CI may run without it), but it is never a silent pass: the check then says in one line
how many packages it could not audit and why.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

LOCK = Path(__file__).resolve().parent.parent / "requirements" / "lock.txt"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "audit.json"
        # The lock is fully pinned (every transitive dependency listed), so no resolving.
        run = subprocess.run(
            [
                *(sys.executable, "-m", "pip_audit"),
                *("-r", str(LOCK), "--no-deps", "--disable-pip"),
                *("--progress-spinner", "off", "-f", "json", "-o", str(report)),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if not report.exists():
            last = (run.stderr.strip().splitlines() or ["inget felmeddelande"])[-1]
            print(f"beroendegranskning EJ GJORD: pip-audit nådde inte sårbarhetsdatabasen ({last})")
            return 0
        data = json.loads(report.read_text())
    dependencies = data.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if "skip_reason" in d]
    for dep in vulnerable:
        ids = ", ".join(v["id"] for v in dep["vulns"])
        print(
            f"beroendegranskning: {dep['name']} {dep.get('version', '')} har kända sårbarheter: {ids}"
        )
    if vulnerable:
        return 1
    audited = len(dependencies) - len(skipped)
    if skipped:
        reason = skipped[0]["skip_reason"].split(":")[0]
        print(
            f"beroendegranskning OFULLSTÄNDIG: {len(skipped)} av {len(dependencies)} paket kunde "
            f"inte granskas ({reason}); sårbarhetsdatabasen gick inte att nå härifrån. "
            f"0 kända sårbarheter bland de {audited} som granskades."
        )
        return 0
    print(f"beroendegranskning: 0 kända sårbarheter i {audited} paket (requirements/lock.txt)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
