#!/usr/bin/python3
"""Checks the PDF of every example and of a generated stress report.

usage: pdf_check.py ANNEXC WORKDIR EXAMPLE_DIR...

For each: builds it twice (byte-identical); every font is embedded; the page
count is as expected; pdftotext gives back every cell, title, signature and
letter line of the document model (`annexc dump`) exactly, whitespace aside;
the first header cell is printed on every table page; links are link
annotations; the metadata names the office. The stress report (64
indicators, long comments, target/achievement pairs) must paginate with its
header on every page and never part a target row from its achievement row.
Ends with "pdf: N passed, N failed".
"""
import os
import re
import sys

from checklib import Checks, run

check = Checks("pdf")
# table pages of each example (after the letter page, where there is one)
PAGES = {"barishal-library-q1": 1, "planning-division-q2": 2, "khulna-info-q2": 1,
         "khulna-ict-q2": 3, "lged-sirajganj-q2": 1}


def squash(s):
    return re.sub(r"\s+", "", s)


def dump_texts(dump):
    """Every piece of text the document model says must be printed."""
    out = []
    for line in dump.splitlines():
        tag, _, rest = line.partition(" ")
        if tag == "cell":
            out.append(rest.split(": ", 1)[1].split(" = ")[0])
        elif tag in ("title", "footnote", "signature") or tag.startswith("letter-"):
            out.append(rest)
    return [t for t in out if t.strip()]


def pages_text(pdf, n):
    return [run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), pdf, "-"]).stdout for i in range(1, n + 1)]


def npages(pdf):
    m = re.search(r"^Pages:\s+(\d+)", run(["pdfinfo", pdf]).stdout, re.M)
    return int(m.group(1)) if m else 0


def check_pdf(name, annexc, data, out, expect_pages=None):
    pdfs = []
    for k in (1, 2):
        d = os.path.join(out, "pdf%d" % k, name)
        r = run([annexc, "build", "--format", "pdf", "-o", d, data])
        check(r.returncode == 0, name + ": build", r.stderr[-400:])
        pdfs.append(os.path.join(d, "data.pdf"))
    if not all(os.path.exists(p) for p in pdfs):
        return None
    with open(pdfs[0], "rb") as a, open(pdfs[1], "rb") as b:
        raw = a.read()
        check(raw == b.read(), name + ": two builds are byte-identical")
    fonts = run(["pdffonts", pdfs[0]]).stdout.splitlines()[2:]
    check(fonts and all(l.split()[-5] == "yes" and l.split()[-4] == "yes" for l in fonts),
          name + ": every font embedded and subset", fonts)
    dump = run([annexc, "dump", data]).stdout
    has_letter = "letter-head" in dump or "letter-body" in dump
    n = npages(pdfs[0])
    if expect_pages is not None:
        check(n == expect_pages + has_letter, name + ": %d pages" % (expect_pages + has_letter), n)
    pages = pages_text(pdfs[0], n)
    whole = squash("".join(pages))
    missing = [t for t in dump_texts(dump) if squash(t) not in whole]
    check(not missing, name + ": every text of the document comes back out exactly", missing[:5])
    first_head = re.search(r"^cell 0,0 \w+ span \S+: (.*)$", dump, re.M).group(1)
    # a table page is one with indicator rows ([১.১.১]); the signatures may stand alone after them
    table_pages = [p for p in (pages[1:] if has_letter else pages) if "[" in p]
    check(table_pages and all(squash(first_head) in squash(p) for p in table_pages),
          name + ": header on every table page")
    check(bool(re.search(r"পৃষ্ঠা\s*১/", pages[0])), name + ": page numbers in Bengali digits")
    info = run(["pdfinfo", pdfs[0]]).stdout
    office = re.search(r'"office": "([^"]*)"', run([annexc, "score", "--json", data]).stdout).group(1)
    check(("Author:          " + office) in info, name + ": author is the office")
    links = re.findall(rb"/URI \(([^)]*)\)", raw)
    urls = re.findall(r"https?://[^\s\"<]+", open(data, encoding="utf-8").read())
    check(len(links) >= len([u for u in urls if "drive.google" in u]), name + ": links are annotations",
          (len(links), len(urls)))
    return pages


def check_stress(annexc, work):
    here = os.path.dirname(os.path.abspath(__file__))
    d = os.path.join(work, "stress")
    r = run(["/usr/bin/python3", os.path.join(here, "stress", "generate.py"), d])
    check(r.returncode == 0, "stress: generate", r.stderr)
    pages = check_pdf("stress", annexc, os.path.join(d, "data.xml"), work)
    if pages is None:
        return
    check(len(pages) >= 10, "stress: paginates", len(pages))
    for i, p in enumerate(pages, 1):
        flat = squash(p)
        targets = flat.count("লক্ষ্যমাত্রা")
        achieved = flat.count("অর্জন") - flat.count("অর্জনযোগ্য")
        check(targets == achieved and targets > 0, "stress page %d: target rows and achievement rows together" % i,
              (targets, achieved))
        check("সূচকেরমান" in flat or "সূচক" in flat, "stress page %d: header repeated" % i)


def main():
    annexc, work, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
    for ex in examples:
        name = os.path.basename(os.path.normpath(ex))
        check_pdf(name, annexc, os.path.join(ex, "data.xml"), work, PAGES.get(name))
    check_stress(annexc, work)
    check.finish()


main()
