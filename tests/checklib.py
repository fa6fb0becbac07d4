"""Shared by the Python checks (xlsx_check.py, pdf_check.py): counting
checks, running commands, the closing "NAME: N passed, N failed" line, and
the link check both backends share."""
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


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


def dump_cells(dump):
    """(row, kind, text) of every cell of the dump."""
    out = []
    for m in re.finditer(r"^cell (\d+),\d+ (\w+) span \S+: (.*)$", dump, re.M):
        out.append((int(m.group(1)), m.group(2), m.group(3).split(" = ")[0]))
    return out


def evidence_links(data):
    """The data's links: evidence hrefs, and values of declared fields that are addresses."""
    root = ET.parse(data)
    links = [e.get("href") for e in root.iter("evidence") if e.get("href")]
    return links + [v.text.strip() for v in root.iter("value")
                    if v.text and re.match(r"https?://", v.text.strip())]


def check_links(check, name, links, dump, data):
    """links (the URLs of a PDF's link annotations or a workbook's hyperlinks)
    against the dump's link cells and the data's evidence links: one per link
    cell, each exactly an evidence link's URL, and every evidence link a link
    or printed as text."""
    cells = dump_cells(dump)
    hrefs = evidence_links(data)
    check(len(links) == sum(1 for _, k, _ in cells if k == "link"),
          name + ": one link per link cell of the document", (len(links), [k for _, k, _ in cells].count("link")))
    check(set(links) <= set(hrefs), name + ": every link is an evidence link of the data, exactly",
          sorted(set(links) - set(hrefs))[:5])
    lost = [h for h in hrefs if h not in links and h not in dump]
    check(not lost, name + ": every evidence link of the data is a link (or printed)", lost[:5])
