#!/usr/bin/python3
"""Checks the PDF of every example and of a generated stress report.

usage: pdf_check.py ANNEXC WORKDIR EXAMPLE_DIR...

For each: builds it twice (byte-identical); every font is embedded; the page
count is as expected; pdftotext gives back every cell, title, signature and
letter line of the document model (`annexc dump`) exactly, whitespace aside;
every header text that no other text of the document contains is printed on
every table page; the link annotations are exactly the dump's link cells,
each with the exact URL of an evidence link of the data, and every evidence
link of the data is a link or printed; the metadata names the office. The
stress report (64 indicators, long comments, target/achievement pairs, a
distinct evidence link each) must paginate with its header on every page and
never part a target row from its achievement row. An example without an
expected page count below, or a page count for an example that is not
given, fails. Ends with "pdf: N passed, N failed".
"""
import os
import re
import sys

from checklib import Checks, check_links, dump_cells, evidence_links, run

check = Checks("pdf")
# table pages of each example (after the letter page, where there is one)
PAGES = {"barishal-library-q1": 1, "planning-division-q2": 2, "khulna-info-q2": 1,
         "khulna-ict-q2": 3, "lged-sirajganj-q2": 1, "nis-upazila-q2": 2, "grs-district-q2": 1,
         "charter-upazila-q2": 1, "rti-district-q3": 2, "ministry-apa-annual": 1}


def squash(s):
    return re.sub(r"\s+", "", s)


def unique_headers(dump):
    """Texts of header cells that no other text of the document contains: only
    a printed header can put them on a page."""
    head = int(re.search(r"^document \S+ header (\d+)", dump, re.M).group(1))
    cells = dump_cells(dump)
    others = [squash(t) for r, _, t in cells if r >= head]
    others += [squash(t) for t in dump_texts(dump, cells=False)]
    heads = [squash(t) for r, _, t in cells if r < head]
    return sorted(set(h for h in heads if h and not any(h in o for o in others)))


def pdf_string(raw, i):
    """The PDF literal string starting at raw[i] == '(' (escapes resolved)."""
    out, depth, i = bytearray(), 0, i + 1
    esc = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
    while i < len(raw):
        ch = raw[i]
        if ch == ord("\\"):
            nx = raw[i + 1]
            if nx in esc:
                out += esc[nx]
            elif 48 <= nx <= 55:
                oct_digits = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4]).group(0)
                out.append(int(oct_digits, 8))
                i += len(oct_digits) - 1
            elif nx not in b"\r\n":
                out.append(nx)
            i += 2
            continue
        if ch == ord("("):
            depth += 1
        elif ch == ord(")"):
            if depth == 0:
                break
            depth -= 1
        out.append(ch)
        i += 1
    return bytes(out).decode("utf-8", "replace")


def pdf_links(raw):
    """The URI of every link annotation, in file order."""
    links = []
    for m in re.finditer(rb"/URI\s*([(<])", raw):
        if m.group(1) == b"(":
            links.append(pdf_string(raw, m.start(1)))
        else:
            hexs = re.match(rb"<([0-9A-Fa-f\s]*)>", raw[m.start(1):]).group(1)
            links.append(bytes.fromhex(hexs.decode().replace(" ", "")).decode("utf-8", "replace"))
    return links


def dump_texts(dump, cells=True):
    """Every piece of text the document model says must be printed."""
    out = []
    for line in dump.splitlines():
        tag, _, rest = line.partition(" ")
        if tag == "cell" and cells:
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
        r = run([annexc, "build", "--force", "--format", "pdf", "-o", d, data])  # a reused WORKDIR too
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
    else:
        check(name == "stress", name + ": no expected page count (add it to PAGES in tests/pdf_check.py)")
    pages = pages_text(pdfs[0], n)
    whole = squash("".join(pages))
    missing = [t for t in dump_texts(dump) if squash(t) not in whole]
    check(not missing, name + ": every text of the document comes back out exactly", missing[:5])
    heads = unique_headers(dump)
    check(heads, name + ": a header text that no other text contains")
    # a table page is one with indicator rows ([১.১.১]); the signatures may stand alone after them
    table_pages = [p for p in (pages[1:] if has_letter else pages) if "[" in p]
    for i, p in enumerate(table_pages, 1):
        lost = [h for h in heads if h not in squash(p)]
        check(not lost, name + ": header on table page %d" % i, lost[:3])
    check(table_pages, name + ": table pages")
    check(bool(re.search(r"পৃষ্ঠা\s*১/", pages[0])), name + ": page numbers in Bengali digits")
    info = run(["pdfinfo", pdfs[0]]).stdout
    office = re.search(r'"office": "([^"]*)"', run([annexc, "score", "--json", data]).stdout).group(1)
    check(("Author:          " + office) in info, name + ": author is the office")
    check_links(check, name, pdf_links(raw), dump, data)
    return pages, heads


def check_stress(annexc, work):
    here = os.path.dirname(os.path.abspath(__file__))
    d = os.path.join(work, "stress")
    r = run(["/usr/bin/python3", os.path.join(here, "stress", "generate.py"), d])
    check(r.returncode == 0, "stress: generate", r.stderr)
    data = os.path.join(d, "data.xml")
    got = check_pdf("stress", annexc, data, work)
    if got is None:
        return
    pages, heads = got
    check(len(pages) >= 10, "stress: paginates", len(pages))
    # the checks above must have had something to check
    check("অর্জিতমান" in heads, "stress: the score column's heading is a header text found nowhere else", heads)
    check(len(set(evidence_links(data))) == 64, "stress: 64 distinct evidence links")
    for i, p in enumerate(pages, 1):
        flat = squash(p)
        targets = flat.count("লক্ষ্যমাত্রা")
        achieved = flat.count("অর্জন") - flat.count("অর্জনযোগ্য")
        check(targets == achieved and targets > 0, "stress page %d: target rows and achievement rows together" % i,
              (targets, achieved))


def main():
    annexc, work, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
    names = [os.path.basename(os.path.normpath(ex)) for ex in examples]
    for ex, name in zip(examples, names):
        check_pdf(name, annexc, os.path.join(ex, "data.xml"), work, PAGES.get(name))
    for name in sorted(set(PAGES) - set(names)):
        check(False, name + ": has an expected page count but is not an example given (renamed?)")
    check_stress(annexc, work)
    check.finish()


main()
