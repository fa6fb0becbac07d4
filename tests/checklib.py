"""Shared by the Python checks (xlsx_check.py, pdf_check.py): counting
checks, running commands, and the closing "NAME: N passed, N failed" line."""
import subprocess
import sys


class Checks:
    """Counts checks; prints one FAIL line per failed check."""

    def __init__(self, name):
        self.name = name
        self.passed = self.failed = 0

    def __call__(self, cond, what, detail=""):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL %s %s%s" % (self.name, what, (": " + str(detail)[:600]) if detail != "" else ""))

    def finish(self):
        print("%s: %d passed, %d failed" % (self.name, self.passed, self.failed))
        sys.exit(1 if self.failed else 0)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)
