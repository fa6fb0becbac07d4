#!/usr/bin/python3
"""Print fidelity of every example and of the stress report (issue 11).

usage: print_check.py ANNEXC WORKDIR EXAMPLE_DIR...

Our PDF: every word of every cell of `annexc dump` comes back whole on one
line of pdftotext (raw or reading order); no hyphen is inserted into a word;
no table page but the last is more than a quarter empty; the signatures
stand alone on the last page only when they did not fit on the page before.
The workbook printed by LibreOffice: its table text within 10 % of the
PDF's size (median word height of pdftotext -bbox), no merged region parted
by a page break (openpyxl: its row breaks; LibreOffice: one page per break),
the letter sheet first. Ends with "print: N passed, N failed".
"""
import os
import re
import shutil
import statistics
import sys
import xml.etree.ElementTree as ET

import openpyxl

from checklib import Checks, run

check = Checks("print")
MAX_EMPTY = 0.25


def cell_words(dump, links=False):
    """The words of every printed cell (helpers are not printed); links
    (printed whole, broken after a '/') only when asked."""
    words = set()
    for line in dump.splitlines():
        if line.startswith("cell ") and (links or line.split()[2] != "link"):
            text = line.split(": ", 1)[1].split(" = ")[0]
            words.update(w for w in text.split() if w)
    return words


def text_lines(pdf, first=1, last=None):
    lines = []
    for mode in (["-raw"], []):
        args = ["pdftotext"] + mode + ["-f", str(first)] + (["-l", str(last)] if last else []) + [pdf, "-"]
        lines += run(args).stdout.splitlines()
    return lines


def words_whole(words, lines):
    """The words that appear on no single line (so are broken across lines)."""
    squashed = [re.sub(r"\s+", "", l) for l in lines]
    joined = "\n".join(lines)
    broken = []
    for w in sorted(words):
        if w in joined:
            continue
        # a word that runs into its neighbour cell on one line is still whole
        if any(w in s for s in squashed):
            continue
        broken.append(w)
    return broken


def inserted_hyphens(words, lines):
    """Line ends of the form 'fragment-' where fragment+'-' is no word of the document."""
    hy = []
    for l in lines:
        m = re.search(r"(\S+)-$", l.rstrip())
        frag = m.group(1) + "-" if m else ""
        if m and not any(frag in w for w in words):
            hy.append(m.group(0))
    return hy


def bbox_pages(pdf):
    """Per page: (width, height, [(xmin, ymin, xmax, ymax, word)])."""
    html = run(["pdftotext", "-bbox", pdf, "-"]).stdout
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html).replace("&nbsp;", " ")
    root = ET.fromstring(re.sub(r'xmlns="[^"]*"', "", html))
    pages = []
    for p in root.iter("page"):
        ws = [(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")),
               w.text or "") for w in p.iter("word")]
        pages.append((float(p.get("width")), float(p.get("height")), ws))
    return pages


def body_words(page):
    """Words above the page-number footer."""
    w, h, ws = page
    return [x for x in ws if x[3] < h - 24]


def emptiness(page):
    w, h, ws = page
    top, bottom = 28.0, h - 32.0
    ys = [x[3] for x in body_words(page)]
    return (bottom - max(ys)) / (bottom - top) if ys else 1.0


def first_pair_too_tall(page, nxt):
    """Whether the first target/achievement pair of the next page (paired
    layouts: the row-kind words) is taller than what this page has free."""
    ys = sorted(x[1] for x in body_words(nxt) if x[4] == "লক্ষ্যমাত্রা")
    if len(ys) < 2:
        return False
    free = (page[1] - 32.0) - max(x[3] for x in body_words(page))
    return ys[1] - ys[0] > free


def starts_with_subtotal(page):
    """The page's first body row (below the repeated header) is a subtotal."""
    sub = [x[1] for x in body_words(page) if x[4] == "উপমোট"]
    ids = [x[1] for x in body_words(page) if re.match(r"\[\S*[০-৯]", x[4])]  # [১.১], [এম.১.১]
    return bool(sub) and (not ids or min(sub) < min(ids))


def check_phones(name, data, dump, pdf):
    """Each signatory's phone printed after the label ফোন: when the data gives a bare number."""
    with open(data, encoding="utf-8") as f:
        phones = re.findall(r"<phone>([^<]*)</phone>", f.read())
    text = re.sub(r"\s+", "", run(["pdftotext", pdf, "-"]).stdout)
    for p in phones:
        want = ("ফোন: " + p) if re.match(r"[0-9০-৯+(]", p) else p
        check(re.search(r"^(signature|letter-line) " + re.escape(want) + "$", dump, re.M) is not None and
              re.sub(r"\s+", "", want) in text, name + ": phone printed as " + want)


def check_pdf_pages(name, pdf, dump, has_letter, words):
    lines = text_lines(pdf, 2 if has_letter else 1)
    broken = words_whole(words, lines)
    check(not broken, name + ": every word of the table whole (%d of %d)" % (len(words) - len(broken), len(words)),
          broken[:8])
    hy = inserted_hyphens(cell_words(dump, True), lines)
    check(not hy, name + ": no hyphen inserted into a word", hy[:8])
    pages = bbox_pages(pdf)[1 if has_letter else 0:]
    worst = max([(emptiness(p), i + 1) for i, p in enumerate(pages[:-1])
                 if not first_pair_too_tall(p, pages[i + 1])] or [(0.0, 0)])
    check(worst[0] <= MAX_EMPTY, name + ": no table page but the last more than a quarter empty "
          "(unless the next page's first target and achievement pair would not fit)",
          "page %d is %.0f %% empty" % (worst[1], 100 * worst[0]))
    starts = [i + 1 for i, p in enumerate(pages[1:], 1) if starts_with_subtotal(p)]
    check(not starts, name + ": no page starts with a subtotal row, parted from what it sums", starts)
    if len(pages) >= 2:
        last = body_words(pages[-1])
        # the last page holds no table cell: the tail must not have fitted on the page before
        table_words = words
        if last and not any(x[4] in table_words and x[4].startswith("[") for x in last):
            need = max(x[3] for x in last) - min(x[1] for x in last)
            free = (pages[-2][1] - 32.0) - max(x[3] for x in body_words(pages[-2]))
            check(need + 24 > free, name + ": the signatures share the last table page when they fit",
                  "they need %.0f pt, the page before has %.0f free" % (need, free))
    return pages


def median_height(page_list, words):
    hs = [x[3] - x[1] for p in page_list for x in body_words(p) if x[4] in words]
    return statistics.median(hs) if hs else 0.0


def check_workbook(name, xlsx, lo_pdf, our_pages, has_letter, words):
    wb = openpyxl.load_workbook(xlsx)
    if has_letter:
        check(len(wb.worksheets) == 2 and wb.worksheets[1].title != wb.worksheets[0].title and
              not any(isinstance(c.value, str) and c.value.startswith("[") for row in wb.worksheets[0].iter_rows()
                      for c in row), name + ": the letter sheet first", wb.sheetnames)
    table = [ws for ws in wb.worksheets if any(isinstance(c.value, str) and c.value.startswith("[")
                                                for row in ws.iter_rows() for c in row)]
    if not table:
        check(False, name + ": a table sheet")
        return
    ws = table[0]
    breaks = sorted(b.id for b in ws.row_breaks.brk)
    split = [str(m) for m in ws.merged_cells.ranges for b in breaks if m.min_row <= b < m.max_row]
    check(not split, name + ": no merged region parted by a row break", split[:5])
    if not os.path.exists(lo_pdf):
        check(False, name + ": LibreOffice printed the workbook")
        return
    lo = bbox_pages(lo_pdf)
    letter_pages = 1 if has_letter else 0
    lo_table = lo[letter_pages:]
    foot = [x[4] for p in lo for x in p[2] if x[1] > p[1] - 60 and re.search(r"[0-9]", x[4])]
    check(not foot and "&P" not in (ws.oddFooter.center.text or ""),
          name + ": no page number in ASCII digits at the foot of the printed workbook", foot[:4])
    check(len(lo_table) == len(breaks) + 1, name + ": LibreOffice prints one page per row break, no more",
          (len(lo_table), len(breaks) + 1))
    ours = median_height(our_pages, words)
    theirs = median_height(lo_table, words)
    ratio = theirs / ours if ours else 0
    check(0.9 <= ratio <= 1.1, name + ": the printed workbook's text within 10 % of the PDF's size",
          "%.2f of the PDF's" % ratio)


LONG_WORD = "প্রমাণক-সংযুক্ত-করা-হলো-এবং-পর্যালোচনা-সভায়-উপস্থাপিত।"
# wider than the column even at the floor size, with nowhere to break: pango
# must break it inside, and no hyphen may show
LONG2 = "অআইঈউঊঋএঐওঔকখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহ"


def check_narrow(annexc, work, here):
    """The stress layout printed portrait, one comment word longer than any
    column: check warns at the two layout columns whose type shrinks, and
    every other word still prints whole."""
    d = os.path.join(work, "narrow-in")
    run(["/usr/bin/python3", os.path.join(here, "stress", "generate.py"), d])
    tpl = os.path.join(d, "stress-plan.xml")
    with open(tpl, encoding="utf-8") as f:
        t = f.read()
    with open(tpl, "w", encoding="utf-8") as f:
        f.write(t.replace('orientation="landscape"', 'orientation="portrait"'))
    data = os.path.join(d, "data.xml")
    with open(data, encoding="utf-8") as f:
        x = f.read()
    with open(data, "w", encoding="utf-8") as f:
        f.write(x.replace("প্রমাণক সংযুক্ত করা হলো।", LONG_WORD, 1).replace("প্রমাণক সংযুক্ত করা হলো।", LONG2, 1))
    lines = t.splitlines()
    line_of = {h: i + 1 for i, l in enumerate(lines) for h in ("ক্ষেত্র", "মন্তব্য") if ">%s<" % h in l}
    err = run([annexc, "check", data]).stderr
    for col, head, word, tail in ((2, "ক্ষেত্র", "ডিজিটাইজেশন", " pt instead of 8"),
                                  (16, "মন্তব্য", LONG2, " pt instead of 8, and broken")):
        want = '%s:%d: warning: layout column %d (%s) is too narrow for the page: "%s" is printed at ' % (
            tpl, line_of.get(head, 0), col, head, word)
        check(any(l.startswith(want) and tail in l for l in err.splitlines()),
              "narrow: check warns that column %d shrinks" % col, [l for l in err.splitlines() if "narrow" in l])
    # words check says still break at the floor size
    at_floor = set(re.findall(r'"([^"]*)" is printed at [0-9.]+ pt instead of 8, and broken', err))
    err = run([annexc, "check", os.path.join(work, "stress-in", "data.xml")]).stderr
    check("too narrow" not in err, "stress: no warning in landscape", err[-300:])
    pdf, _ = build(annexc, data, os.path.join(work, "narrow"))
    if os.path.exists(pdf):
        words = cell_words(run([annexc, "dump", data]).stdout)
        lines = text_lines(pdf)
        broken = words_whole(words - {LONG_WORD, LONG2} - at_floor, lines)
        check(not broken, "narrow: every word whole that check does not say breaks", broken[:8])
        check(LONG2 not in "\n".join(lines), "narrow: a word wider than its column at the floor size breaks")
        hy = inserted_hyphens(words, lines)
        check(not hy, "narrow: no hyphen inserted where a word must break", hy[:8])


def build(annexc, data, out):
    r = run([annexc, "build", "-o", out, data])
    check(r.returncode == 0, out + ": build", r.stderr[-400:])
    return os.path.join(out, "data.pdf"), os.path.join(out, "data.xlsx")


def lo_profile(work):
    prof = os.path.join(work, "lo-profile")
    os.makedirs(prof, exist_ok=True)
    return "file://" + prof


def main():
    annexc, work, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(work, exist_ok=True)
    cases = [(os.path.basename(os.path.normpath(ex)), os.path.join(ex, "data.xml")) for ex in examples]
    r = run(["/usr/bin/python3", os.path.join(here, "stress", "generate.py"), os.path.join(work, "stress-in")])
    check(r.returncode == 0, "stress: generate", r.stderr)
    cases.append(("stress", os.path.join(work, "stress-in", "data.xml")))
    check_narrow(annexc, work, here)
    built = {}
    for name, data in cases:
        pdf, xlsx = build(annexc, data, os.path.join(work, name))
        if not os.path.exists(pdf):
            continue
        dump = run([annexc, "dump", data]).stdout
        has_letter = "letter-head" in dump or "letter-body" in dump
        words = cell_words(dump)
        pages = check_pdf_pages(name, pdf, dump, has_letter, words)
        check_phones(name, data, dump, pdf)
        built[name] = (xlsx, pages, has_letter, words)
    if shutil.which("soffice") is None:
        check(False, "LibreOffice (soffice) is not installed")
    else:
        lo_in = os.path.join(work, "lo-in")
        os.makedirs(lo_in, exist_ok=True)
        for n, (xlsx, _, _, _) in built.items():
            shutil.copy(xlsx, os.path.join(lo_in, n + ".xlsx"))
        run(["soffice", "-env:UserInstallation=" + lo_profile(work), "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", os.path.join(work, "lo-pdf")] +
            [os.path.join(lo_in, n + ".xlsx") for n in sorted(built)], timeout=900)
        for n, (xlsx, pages, has_letter, words) in sorted(built.items()):
            check_workbook(n, xlsx, os.path.join(work, "lo-pdf", n + ".pdf"), pages, has_letter, words)
    check.finish()


main()
