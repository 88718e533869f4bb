#!/usr/bin/env python3
"""Checks the TCK reports of a build against expected-counts.properties.

Usage: transport-tck/check-tck-counts.py [REPO_ROOT]

For each provider listed in transport-tck/expected-counts.properties, finds
<module>/target/tck-report/<provider>.json under REPO_ROOT (default: the parent of this
script's folder) and fails when the report is missing, when the number of rules that ran
differs from the expected count, or when any rule failed. Prints one line per provider.
"""

import json
import pathlib
import sys


def read_expected(path):
    expected = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, count = line.partition("=")
        if not count.strip().isdigit():
            sys.exit(f"{path}:{number}: expected provider=count, got '{line}'")
        expected[name.strip()] = int(count)
    return expected


def find_report(root, provider):
    reports = sorted(root.glob(f"*/target/tck-report/{provider}.json"))
    return reports[0] if reports else None


def check(root, provider, count):
    report = find_report(root, provider)
    if report is None:
        return f"TCK {provider}: no report found under {root}/*/target/tck-report; did its TCK test run?"
    data = json.loads(report.read_text(encoding="utf-8"))
    counts = data["counts"]
    ran = counts["passed"] + counts["failed"] + counts["skipped"]
    if ran != count:
        return f"TCK {provider}: {ran} rules ran but {count} are expected ({report})"
    if counts["failed"] > 0:
        return f"TCK {provider}: {counts['failed']} rules failed ({report.with_suffix('.md')})"
    return None


def main():
    script_dir = pathlib.Path(__file__).resolve().parent
    root = pathlib.Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else script_dir.parent
    expected = read_expected(script_dir / "expected-counts.properties")
    errors = []
    for provider, count in expected.items():
        error = check(root, provider, count)
        print(error or f"TCK {provider}: {count} rules ran, none failed")
        if error:
            errors.append(error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
