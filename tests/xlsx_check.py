#!/usr/bin/python3
"""Reads every example workbook back and checks it against annexc's own scores.

usage: xlsx_check.py ANNEXC WORKDIR EXAMPLE_DIR...

For each example: builds it twice (byte-identical), reads the workbook with
openpyxl (cell values, number formats, merged ranges, formulas, links,
properties, row heights), then has headless LibreOffice recalculate every
formula (cached values first overwritten, so only a real recalculation can
pass) and export the displayed text, and compares that with `annexc score
--json`. Every hyperlink is a link cell of `annexc dump` with the exact URL
of an evidence link of the data, and every evidence link is a hyperlink (or
printed). Finally converts each workbook to PDF and checks that every cell's
text is printed and no cell shows ###. An example that check_layout looks
at by name and that is not given fails. Prints one line per check and ends
with "N passed, N failed".
"""
import csv
import datetime
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

from checklib import Checks, check_links, run

BN = "০১২৩৪৫৬৭৮৯"
TO_ASCII = str.maketrans(BN, "0123456789")
check = Checks("xlsx")


def bn_id(ascii_id):
    s = ascii_id.translate(str.maketrans("0123456789", BN))
    return "এম" + s[1:] if s.startswith("M") else s


def indicators(scores):
    for area in scores["plan"]["areas"]:
        for ind in area["indicators"]:
            yield ind


def find_col(ws, text, max_row=12):
    for row in ws.iter_rows(min_row=1, max_row=max_row):
        for c in row:
            if isinstance(c.value, str) and c.value.strip() == text:
                return c.column
    return None


def indicator_rows(ws, scores):
    """Row of each indicator: the cell that starts with its bracketed Bengali id."""
    rows = {}
    wanted = {"[%s]" % bn_id(i["id"]): i["id"] for i in indicators(scores)}
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str):
                head = c.value.split(" ", 1)[0]
                if head in wanted and wanted[head] not in rows:
                    rows[wanted[head]] = c.row
    return rows


def check_workbook(name, path, scores, data_has_letter):
    wb = openpyxl.load_workbook(path)
    wbv = openpyxl.load_workbook(path, data_only=True)
    ws, wsv = table_sheet(wb), table_sheet(wbv)
    check(len(wb.worksheets) == (2 if data_has_letter else 1), name + ": sheets", wb.sheetnames)
    check(all(ord(ch) > 127 or ch in " ৫" for ch in ws.title), name + ": sheet named in Bengali", ws.title)
    score_col = find_col(ws, "অর্জিত মান")
    check(score_col is not None, name + ": score column")
    rows = indicator_rows(ws, scores)
    check(len(rows) == len(list(indicators(scores))), name + ": every indicator has a row",
          sorted(set(i["id"] for i in indicators(scores)) - set(rows)))
    for ind in indicators(scores):
        r = rows.get(ind["id"])
        if r is None:
            continue
        f = ws.cell(r, score_col)
        v = wsv.cell(r, score_col).value
        if ind["status"] == "not-applicable":
            check(v == "-", "%s [%s]: not applicable shows -" % (name, ind["id"]), v)
            continue
        check(isinstance(f.value, str) and f.value.startswith("=IF(ISNUMBER("),
              "%s [%s]: score is a live formula" % (name, ind["id"]), f.value)
        check(isinstance(v, (int, float)) and abs(v - ind["score"]) < 1e-9,
              "%s [%s]: cached score %s" % (name, ind["id"], ind["score"]), v)
        check("[$-5000845]" in f.number_format, "%s [%s]: Bengali digits format" % (name, ind["id"]),
              f.number_format)
    # the total row: a SUM whose cached value is the plan score
    total = [c for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.startswith("মোট (")]
    check(len(total) == 1, name + ": one total row")
    if total and score_col:
        t = ws.cell(total[0].row, score_col)
        tv = wsv.cell(total[0].row, score_col).value
        check(str(t.value).startswith("=SUM("), name + ": total is a SUM", t.value)
        check(abs(tv - scores["plan"]["score"]) < 1e-7, name + ": cached total", tv)
    # every date, percent and number cell is numeric with a Bengali-digit format
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, datetime.datetime):
                check(c.number_format == "[$-5000845]dd\\/mm\\/yyyy", name + ": date format " + c.coordinate,
                      c.number_format)
            elif isinstance(c.value, (int, float)):
                check(c.number_format.startswith("[$-5000845]"), name + ": number format " + c.coordinate,
                      c.number_format)
    # every row of the sheet that holds text has a fitted height
    for row in ws.iter_rows():
        if any(isinstance(c.value, str) and c.value for c in row):
            h = ws.row_dimensions[row[0].row].height
            check(h is not None and h >= 12, name + ": row %d height" % row[0].row, h)
    props = wb.properties
    check(props.creator and props.creator == scores["office"], name + ": author is the office", props.creator)
    check(props.title, name + ": title property")
    check(ws.page_setup.paperSize in (9, "9"), name + ": A4", ws.page_setup.paperSize)
    check(ws.print_title_rows, name + ": header rows repeat", ws.print_title_rows)
    return wb, ws, rows, score_col


# the examples check_layout looks at by name: each must be given
LAYOUT_EXAMPLES = ("barishal-library-q1", "khulna-info-q2", "khulna-ict-q2", "planning-division-q2",
                   "lged-sirajganj-q2")


def check_layout(name, ws):
    merged = [str(m) for m in ws.merged_cells.ranges]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    if name == "barishal-library-q1":
        g = cells.get("লক্ষ্যমাত্রা ২০২৩-২০২৪")
        check(g is not None and any(m.startswith(g.coordinate + ":") and m.split(":")[1][0] == chr(ord(g.coordinate[0]) + 4)
                                    for m in merged), name + ": target group spans five grades", merged[:8])
        check("১০০%" in cells and "৬০%" in cells, name + ": grade percent row")
    if name == "khulna-info-q2":
        kinds = [c.value for row in ws.iter_rows() for c in row if c.value in ("লক্ষ্যমাত্রা", "অর্জন")]
        check(kinds.count("লক্ষ্যমাত্রা") == 7 and kinds.count("অর্জন") == 7, name + ": target/achievement pairs",
              kinds)
        nums = [c.value for row in ws.iter_rows() for c in row]
        check("১৪" in nums, name + ": column-number row")
    if name == "khulna-ict-q2":
        links = [c for row in ws.iter_rows() for c in row if c.hyperlink is not None]
        check(len(links) == 12, name + ": twelve evidence hyperlinks", len(links))
        check(any(str(c.value).startswith("*সাময়িক") for row in ws.iter_rows() for c in row),
              name + ": footnote")
        check(sum(1 for row in ws.iter_rows() for c in row if c.value == "উপমোট") == 5, name + ": area subtotals")
    if name == "planning-division-q2":
        check(any("৩০ পৌষ ১৪৩০" in str(c.value) for row in wb_letter(ws).iter_rows() for c in row),
              name + ": letter has the Bangla date")
    if name == "lged-sirajganj-q2":
        sig = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("(")]
        check(len(sig) == 3, name + ": three signature blocks", sig)


LETTER_SHEET = "পত্র"  # the letter sheet's default name (the template's sheet-label)


def table_sheet(wb):
    """The table sheet, found by name: every sheet but the letter's (which comes first)."""
    return next(ws for ws in wb.worksheets if ws.title != LETTER_SHEET)


def wb_letter(ws):
    wb = ws.parent
    return wb[LETTER_SHEET] if LETTER_SHEET in wb.sheetnames else ws


def zero_cached_values(src, dst):
    """Copy of a workbook with every formula's cached value replaced by 0."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1<v>0</v>", text)
                text = re.sub(r'(<c [^>]*?) t="str"([^>]*><f>)', r"\1\2", text)
                data = text.encode("utf-8")
            zout.writestr(item, data)


def lo_profile(work):
    prof = os.path.join(work, "lo-profile")
    user = os.path.join(prof, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
                '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
                '</oor:items>\n')
    return "file://" + prof


def soffice(work, fmt, outdir, files):
    os.makedirs(outdir, exist_ok=True)
    r = run(["soffice", "-env:UserInstallation=" + lo_profile(work), "--headless", "--norestore",
             "--convert-to", fmt, "--outdir", outdir] + files, timeout=600)
    return r


def check_recalculated(name, csv_path, scores, rows, score_col):
    with open(csv_path, encoding="utf-8") as f:
        table = list(csv.reader(f))
    for ind in indicators(scores):
        r = rows.get(ind["id"])
        if r is None or r > len(table) or score_col > len(table[r - 1]):
            check(False, "%s [%s]: row in LibreOffice's export" % (name, ind["id"]))
            continue
        shown = table[r - 1][score_col - 1]
        if ind["status"] == "not-applicable":
            check(shown == "-", "%s [%s]: LibreOffice shows -" % (name, ind["id"]), shown)
            continue
        check(shown and not re.search("[0-9]", shown), "%s [%s]: shown in Bengali digits" % (name, ind["id"]), shown)
        try:
            val = float(shown.translate(TO_ASCII))
        except ValueError:
            val = None
        check(val is not None and abs(val - ind["score"]) < 0.005,
              "%s [%s]: LibreOffice recalculates %s" % (name, ind["id"], ind["score"]), shown)
    check_subtotals(name, table, scores, score_col)
    totals = [row for row in table if row and row[0].startswith("মোট (")]
    check(len(totals) == 1, name + ": total row in LibreOffice's export")
    if totals:
        val = float(totals[0][score_col - 1].translate(TO_ASCII) or "nan")
        check(abs(val - scores["plan"]["score"]) < 0.005, name + ": LibreOffice's total", totals[0][score_col - 1])


# ---- live formulas: an achievement edited in the workbook, recalculated by
# LibreOffice, gives what annexc scores for the same edit made in the data.

REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]+)")


def refs(formula):
    return [m.group(1) + m.group(2) for m in REF.finditer(formula)]


def quarter_cells(ws, score_formula):
    """Cells of quarters 1, 2, … that the score formula depends on: the total
    achievement it tests, and the quarter cells that total adds up."""
    total = refs(score_formula)[0]
    f = ws[total].value
    if not (isinstance(f, str) and f.startswith("=")):
        return [total]
    cells = list(dict.fromkeys(refs(f)))
    return cells[::-1] if f.startswith("=IF(ISNUMBER(") else cells


def new_value(unit, old):
    """A changed achievement: (cell value, data text)."""
    if unit == "date":
        d = (old - datetime.timedelta(days=9)) if isinstance(old, datetime.datetime) else datetime.datetime(2024, 4, 3)
        return d, d.strftime("%d/%m/%Y")
    if unit == "percent":
        v = 0.69 if not isinstance(old, (int, float)) or old > 0.9 else round(old + 0.07, 2)
        return v, "%g%%" % round(v * 100, 2)
    v = (old if isinstance(old, (int, float)) else 0) + 1
    return v, "%g" % v


def ascii_digits(s):
    return s.translate(TO_ASCII) if s else s


def edit_data(src_dir, data_name, dst_dir, edits):
    """Copies the example directory and sets achievements: edits {(id, q): text}."""
    shutil.copytree(src_dir, dst_dir)
    path = os.path.join(dst_dir, data_name)
    tree = ET.parse(path)
    results = tree.getroot().find("results")
    by_id = {ascii_digits(e.get("ref")).replace("এম", "M"): e for e in results.findall("indicator")}
    for (ind, q), text in sorted(edits.items()):
        e = by_id.get(ind)
        if e is None:
            e = ET.SubElement(results, "indicator", ref=ind)
            by_id[ind] = e
        ach = [a for a in e.findall("achieved") if ascii_digits(a.get("quarter")) == str(q)]
        if not ach:
            a = ET.Element("achieved", quarter=str(q))
            e.insert(len(e.findall("achieved")), a)
            ach = [a]
        ach[0].text = text
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    return path


def make_edits(name, xlsx, scores, rows, score_col, out_xlsx):
    """Edits one quarter's achievement of every scored indicator in the
    workbook (quarters in turn, so earlier quarters are edited too); returns
    the same edits for the data, {(id, quarter): text}."""
    wb = openpyxl.load_workbook(xlsx)
    ws = table_sheet(wb)
    edits = {}
    k = 0
    for ind in indicators(scores):
        r = rows.get(ind["id"])
        if r is None or ind["status"] == "not-applicable":
            continue
        f = ws.cell(r, score_col).value
        cells = quarter_cells(ws, f)
        check(len(cells) == scores["quarter"], "%s [%s]: the score reaches every quarter's achievement"
              % (name, ind["id"]), (f, cells))
        if len(cells) != scores["quarter"]:
            continue
        q = k % len(cells) + 1
        k += 1
        cell = ws[cells[q - 1]]
        check(not (isinstance(cell.value, str) and cell.value.startswith("=")),
              "%s [%s]: quarter %d's achievement is a figure, not a formula" % (name, ind["id"], q), cell.value)
        value, text = new_value(ind["unit"], cell.value)
        cell.value = value
        edits[(ind["id"], q)] = text
    wb.save(out_xlsx)
    return edits


def check_subtotals(name, table, scores, score_col):
    areas = [a for a in scores["plan"]["areas"] if a["id"] is not None]
    subs = [row for row in table if row and row[0] == "উপমোট"]
    if not subs:
        return
    check(len(subs) == len(areas), name + ": a subtotal row per area", len(subs))
    for row, area in zip(subs, areas):
        val = float(row[score_col - 1].translate(TO_ASCII) or "nan")
        check(abs(val - area["score"]) < 0.005, "%s: LibreOffice's subtotal of area %s" % (name, area["id"]),
              (row[score_col - 1], area["score"]))


def table_csv(work, n):
    """LibreOffice's export of workbook n's table sheet (every sheet but the letter's)."""
    d = os.path.join(work, "lo-csv")
    names = sorted(f for f in os.listdir(d) if f.startswith(n + "-") and f.endswith(".csv") and
                   not f.endswith("-" + LETTER_SHEET + ".csv") and
                   not f[len(n) + 1:].startswith(("asis", "edited-"))) if os.path.isdir(d) else []
    return os.path.join(d, names[0] if names else n + ".csv")


def check_printed(name, pdf, dump):
    text = run(["pdftotext", pdf, "-"]).stdout
    # The words in either reading order (the default one can interleave a
    # wrapped header cell with its neighbour's); pdftotext joins a line
    # broken after a hyphen without the hyphen.
    raw = run(["pdftotext", "-raw", pdf, "-"]).stdout
    flat = re.sub(r"[\s-]+", "", text) + "\n" + re.sub(r"[\s-]+", "", raw)
    check("###" not in text, name + ": no ### in the printed workbook")
    missing = []
    for line in dump.splitlines():
        if not line.startswith("cell ") and not line.startswith("title ") and not line.startswith("signature "):
            continue
        body = line.split(": ", 1)[1] if line.startswith("cell ") else line.split(" ", 1)[1]
        body = body.split(" = ")[0]
        for word in body.split():
            if re.match(r"https?://", word):  # long links print as their host and an ellipsis
                word = re.sub(r"^https?://([^/]*).*", r"\1", word)
            if re.sub(r"[\s-]+", "", word) not in flat:
                missing.append(word)
    check(not missing, name + ": every cell's text is printed", missing[:10])


def check_text_stays_text(annexc, work):
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(here, "xlsx", "formula-text", "data.xml")
    out = os.path.join(work, "formula-text")
    r = run([annexc, "build", "-o", out, data])
    check(r.returncode == 0, "formula-text: build", r.stderr[-300:])
    if r.returncode != 0:
        return
    ws = table_sheet(openpyxl.load_workbook(os.path.join(out, "data.xlsx")))
    texts = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for t in ("=SUM(1,2)", "+8801700000000", "-বাকি", "@user"):
        c = texts.get(t)
        check(c is not None and c.data_type == "s", "formula-text: %r stays text" % t,
              c.data_type if c is not None else "missing")
    scores = json.loads(run([annexc, "score", "--json", data]).stdout)
    # 6.1.2 on 01/04/2024: between 25/03 (100 %) and 08/04 (90 %): 100 - 10 × 7/14 = 95 % of 4
    ind = [i for i in indicators(scores) if i["id"] == "6.1.2"][0]
    check(abs(ind["score"] - 3.8) < 1e-9, "formula-text: date interpolation", ind["score"])
    wbv = table_sheet(openpyxl.load_workbook(os.path.join(out, "data.xlsx"), data_only=True))
    rows = indicator_rows(ws, scores)
    col = find_col(ws, "অর্জিত মান")
    check(abs(wbv.cell(rows["6.1.2"], col).value - 3.8) < 1e-9, "formula-text: cached date score")
    return out


def main():
    annexc, work, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
    here = os.path.dirname(os.path.abspath(__file__))
    examples = examples + [os.path.join(here, "xlsx", "q3-field")]  # a Q3 report on the field layout
    os.makedirs(work, exist_ok=True)
    built = {}
    edited = {}
    for ex in examples:
        name = os.path.basename(os.path.normpath(ex))
        data = os.path.join(ex, "data.xml")
        outs = []
        for k in (1, 2):
            out = os.path.join(work, "build%d" % k, name)
            r = run([annexc, "build", "-o", out, data], env=dict(os.environ, SOURCE_DATE_EPOCH=""))
            check(r.returncode == 0, name + ": build", r.stderr[-500:])
            outs.append(os.path.join(out, "data.xlsx"))
        if not all(os.path.exists(o) for o in outs):
            continue
        with open(outs[0], "rb") as a, open(outs[1], "rb") as b:
            check(a.read() == b.read(), name + ": two builds are byte-identical")
        scores = json.loads(run([annexc, "score", "--json", data]).stdout)
        dump = run([annexc, "dump", data]).stdout
        has_letter = "<letter>" in open(data, encoding="utf-8").read()
        wb, ws, rows, score_col = check_workbook(name, outs[0], scores, has_letter)
        check_layout(name, ws)
        check_links(check, name, [c.hyperlink.target for w in wb.worksheets for row in w.iter_rows() for c in row
                                  if c.hyperlink is not None], dump, data)
        flat = os.path.join(work, "lo-in", name + ".xlsx")
        os.makedirs(os.path.dirname(flat), exist_ok=True)
        zero_cached_values(outs[0], flat)
        shutil.copy(outs[0], os.path.join(work, "lo-in", name + "-asis.xlsx"))
        built[name] = (scores, rows, score_col, dump)
        edits = make_edits(name, outs[0], scores, rows, score_col,
                           os.path.join(work, "lo-in", name + "-edited.xlsx"))
        check(len(edits) > 0, name + ": achievements edited", edits)
        data2 = edit_data(ex, "data.xml", os.path.join(work, "edited", name), edits)
        r = run([annexc, "score", "--json", data2])
        check(r.returncode == 0, name + ": the edited data scores", r.stderr[-500:])
        if r.returncode == 0:
            edited[name + "-edited"] = (json.loads(r.stdout), rows, score_col)
    for name in sorted(set(LAYOUT_EXAMPLES) - set(os.path.basename(os.path.normpath(ex)) for ex in examples)):
        check(False, name + ": its layout is checked by name, but it is not an example given (renamed?)")
    extra = check_text_stays_text(annexc, work)
    if extra:
        scores = json.loads(run([annexc, "score", "--json",
                                 os.path.join(os.path.dirname(os.path.abspath(__file__)), "xlsx", "formula-text",
                                              "data.xml")]).stdout)
        ws = table_sheet(openpyxl.load_workbook(os.path.join(extra, "data.xlsx")))
        zero_cached_values(os.path.join(extra, "data.xlsx"), os.path.join(work, "lo-in", "formula-text.xlsx"))
        built["formula-text"] = (scores, indicator_rows(ws, scores), find_col(ws, "অর্জিত মান"), None)
    if shutil.which("soffice") is None:
        check(False, "LibreOffice (soffice) is not installed")
    else:
        names = sorted(built)
        # every sheet (token 12: -1), each to NAME-SHEET.csv; the table's is read
        r = soffice(work, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
                    os.path.join(work, "lo-csv"), [os.path.join(work, "lo-in", n + ".xlsx")
                                                   for n in names + sorted(edited)])
        for n in sorted(edited):
            scores, rows, score_col = edited[n]
            csv_path = table_csv(work, n)
            check(os.path.exists(csv_path), n + ": LibreOffice export", r.stderr[-300:])
            if os.path.exists(csv_path):
                check_recalculated(n, csv_path, scores, rows, score_col)
        r2 = soffice(work, "pdf", os.path.join(work, "lo-pdf"),
                     [os.path.join(work, "lo-in", n + "-asis.xlsx") for n in names if built[n][3]])
        for n in names:
            scores, rows, score_col, dump = built[n]
            csv_path = table_csv(work, n)
            check(os.path.exists(csv_path), n + ": LibreOffice export", r.stderr[-300:])
            if os.path.exists(csv_path):
                check_recalculated(n, csv_path, scores, rows, score_col)
            if dump is None:
                continue
            pdf = os.path.join(work, "lo-pdf", n + "-asis.pdf")
            check(os.path.exists(pdf), n + ": LibreOffice PDF", r2.stderr[-300:])
            if os.path.exists(pdf):
                check_printed(n, pdf, dump)
    check.finish()


main()
