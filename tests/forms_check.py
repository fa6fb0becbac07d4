#!/usr/bin/python3
"""Data-entry forms round trip (docs/forms.md): for every example and every
shipped template, `annexc form` makes the blank form; openpyxl fills it (from
the example's data, or with synthetic values and an equivalent data file);
headless LibreOffice saves it again; then `score --json` and `dump` of the
filled workbook, and `dump` of its `annexc convert`, must equal those of the
XML data exactly. Checks that the workbook carries its validations and
protection, and that damaged workbooks and CSV files give their messages.
usage: forms_check.py ANNEXC WORKDIR EXAMPLE_DIR..."""
import datetime
import glob
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import Checks, run  # noqa: E402

BN = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAIN, INFO, META = "ফরম", "অফিস", "annexc"


def ascii_id(s):
    return s.strip().translate(BN).replace("এম", "M")


def squash(s):
    return " ".join((s or "").split())


def quarter_of(s):
    m = re.search(r"\d", (s or "").translate(BN))
    return int(m.group(0)) if m else 0


def as_date(text):
    """A datetime for the date forms people write, else None."""
    t = re.sub(r"\s*(খ্রি[^\d]*|খ্রী[^\d]*|ইং|ই)?[।.]?\s*$", "", squash(text).translate(BN))
    for fmt in ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d", "%d/%m/%y", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(t, fmt)
        except ValueError:
            pass
    return None


def as_number(text):
    t = squash(text).translate(BN).replace("%", "").replace("％", "").strip()
    try:
        return float(t)
    except ValueError:
        return None


def natural(text, kind):
    """How a person would type text into a cell of this kind."""
    text = squash(text)
    if text in ("", "-", "–", "—"):
        return text or None
    if kind == "date":
        return as_date(text) or text
    if kind in ("count", "percent", "score", "number"):
        n = as_number(text)
        return text if n is None else n
    return text


def soffice(src, outdir, work):
    prof = "file://" + os.path.join(work, "lo-profile")
    r = run(["soffice", "-env:UserInstallation=" + prof, "--headless", "--convert-to", "xlsx",
             "--outdir", outdir, src], timeout=180)
    out = os.path.join(outdir, os.path.basename(src))
    return out if os.path.exists(out) else None, r.stderr


def no_file(js):
    return re.sub(r'^\{"file": "[^"]*", ', "{", js)


class Form:
    """A blank form opened with openpyxl: its column keys and rows by id."""

    def __init__(self, path):
        self.wb = openpyxl.load_workbook(path)
        self.main = self.wb[MAIN]
        self.cols = {}
        for c in range(1, self.main.max_column + 1):
            k = self.main.cell(row=2, column=c).value
            if k:
                self.cols[k] = c
        self.rows = {}
        for r in range(4, self.main.max_row + 1):
            v = self.main.cell(row=r, column=1).value
            if v:
                self.rows[v] = r

    def put(self, ind, key, value):
        if value is None or key not in self.cols or ind not in self.rows:
            return False
        self.main.cell(row=self.rows[ind], column=self.cols[key]).value = value
        return True


def info_values(root):
    """Info-sheet key -> list of values, as the data gives them."""
    vals = {}
    for row in INFO_KEYS:
        key, attr = (row.split("@") + [None])[:2]
        parts = key.split("/")
        nodes = [root]
        for p in parts:
            name, _, nth = p.partition("#")
            nxt = []
            for n in nodes:
                found = n.findall(name)
                nxt += [found[int(nth) - 1]] if nth and len(found) >= int(nth) else ([] if nth else found)
            nodes = nxt
        vals[row] = [squash(n.get(attr) if attr else "".join(n.itertext())) for n in nodes]
    return vals


INFO_KEYS = []


def fill_info(wb, root):
    ws = wb[INFO]
    global INFO_KEYS
    INFO_KEYS = sorted({ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)} - {None})
    vals = info_values(root)
    seen = {}
    for r in range(2, ws.max_row + 1):
        key = ws.cell(row=r, column=1).value
        k = seen.get(key, 0)
        seen[key] = k + 1
        v = vals.get(key, [])
        if k < len(v) and v[k] != "":
            text = v[k]
            if key.endswith("date"):
                text = as_date(text) or text
            elif key.endswith("@count"):
                text = int(as_number(text))
            ws.cell(row=r, column=3).value = text


def fill_from_data(form, data, units, fields):
    root = ET.parse(data).getroot()
    for ind in root.iter("indicator"):
        i = ascii_id(ind.get("ref"))
        kind = units.get(i, "text")
        for c in ind:
            q = quarter_of(c.get("quarter"))
            if c.tag in ("achieved", "target"):
                form.put(i, "%s-%d" % ("achieved" if c.tag == "achieved" else "target", q),
                         natural("".join(c.itertext()), kind))
            elif c.tag in ("comment", "responsible"):
                form.put(i, c.tag, squash("".join(c.itertext())) or None)
            elif c.tag == "evidence":
                form.put(i, "evidence", c.get("href"))
                form.put(i, "evidence-label", squash("".join(c.itertext())) or None)
            elif c.tag == "value":
                key = "field:" + c.get("field") + (":%d" % q if q else "")
                form.put(i, key, natural("".join(c.itertext()), fields.get(c.get("field"), "text")))
    fill_info(form.wb, root)


def template_chain(tmpl, base_dir):
    """The template file for a file or id, and the ones it extends, base first."""
    f = tmpl if os.path.exists(tmpl) else os.path.join(TOP, "templates", tmpl + ".xml")
    chain = []
    while f and os.path.exists(f) and len(chain) < 8:
        chain.insert(0, f)
        ext = ET.parse(f).getroot().get("extends")
        near = os.path.join(os.path.dirname(f), ext + ".xml") if ext else None
        f = near if near and os.path.exists(near) else (os.path.join(TOP, "templates", ext + ".xml") if ext else None)
    return chain


def field_types(tfiles):
    out = {}
    for f in tfiles:
        for fd in ET.parse(f).getroot().iter("field"):
            out[fd.get("id")] = fd.get("type", "text")
    return out


def compare(ck, annexc, tag, tmpl, xml, book, work):
    t = ["-t", tmpl] if tmpl else []
    for cmd in (["score", "--json"], ["dump"]):
        a = run([annexc] + cmd + t + [xml])
        b = run([annexc] + cmd + t + [book])
        ck(a.returncode == 0 and b.returncode == 0, "%s: %s exits 0" % (tag, cmd[0]), b.stderr)
        ck(no_file(a.stdout) == no_file(b.stdout) and a.stdout, "%s: %s of the workbook equals the XML's" % (tag, cmd[0]),
           "\n".join(l for l in __import__("difflib").unified_diff(a.stdout.splitlines(), b.stdout.splitlines(), lineterm="", n=0))[:1500])
    conv = os.path.join(work, "converted.xml")
    r = run([annexc, "convert"] + t + ["-o", conv, book])
    ck(r.returncode == 0 and os.path.exists(conv), "%s: convert exits 0" % tag, r.stderr)
    a = run([annexc, "dump"] + t + [xml])
    b = run([annexc, "dump"] + t + [conv])
    ck(a.stdout == b.stdout and a.stdout, "%s: dump of the converted data equals the XML's" % tag, b.stderr)


def check_form_xml(ck, tag, path, units_by_row):
    """The validations and protection are in the workbook as written."""
    wb = openpyxl.load_workbook(path)
    ck(wb.sheetnames == [MAIN, INFO, "নির্দেশনা", META], "%s: sheets" % tag, wb.sheetnames)
    for ws in wb.worksheets:
        ck(bool(ws.protection.sheet), "%s: sheet %s is protected" % (tag, ws.title))
        ck(not ws.protection.password, "%s: sheet %s has no password" % (tag, ws.title))
    ck(wb[META].sheet_state == "hidden", "%s: meta sheet hidden" % tag)
    ws = wb[MAIN]
    dv = {}
    for v in ws.data_validations.dataValidation:
        for rng in v.sqref.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    dv[(r, c)] = (v, ws.cell(row=rng.min_row, column=rng.min_col).coordinate)
    cols = {ws.cell(row=2, column=c).value: c for c in range(1, ws.max_column + 1)}
    for key, c in cols.items():
        if not key or not key.startswith("achieved-"):
            continue
        for r, unit in units_by_row.items():
            v, a = dv.get((r, c), (None, None))
            ck(v is not None and v.showErrorMessage and v.prompt and v.error, "%s: %s row %d validated" % (tag, key, r))
            if v is None:
                continue
            f = v.formula1 or ""
            num = 'OR(%s="-",AND(ISNUMBER(%s),%s>=0' % (a, a, a)
            want = {"date": r'OR\(%s="-",AND\(ISNUMBER\(%s\),%s>=DATE\((\d{4}),7,1\),%s<=DATE\((\d{4}),9,30\)\)\)$' % (a, a, a, a),
                    "percent": re.escape(num + ",%s<=100))" % a) + "$",
                    "count": re.escape(num + "))") + "$", "score": re.escape(num + "))") + "$"}[unit]
            m = re.match(want, f)
            ck(m and (unit != "date" or int(m.group(2)) == int(m.group(1)) + 1),
               "%s: %s row %d checks a %s" % (tag, key, r, unit), f)
        ck(ws.cell(row=4, column=c).protection.locked is False, "%s: %s unlocked" % (tag, key))
    ck(ws.cell(row=4, column=cols["weight"]).protection.locked is not False, "%s: weight locked" % tag)
    for v in ws.data_validations.dataValidation:
        if v.type == "list":
            ck("হ্যাঁ" in (v.formula1 or "") and "-" in v.formula1, "%s: yes-no list" % tag, v.formula1)


def units_of(annexc, tmpl, xml):
    import json
    r = run([annexc, "score", "--json"] + (["-t", tmpl] if tmpl else []) + [xml])
    js = json.loads(r.stdout)
    return {i["id"]: i["unit"] for a in js["plan"]["areas"] for i in a["indicators"]}, js


def blank_form(ck, annexc, tag, tmpl, quarter, work):
    out = os.path.join(work, "blank")
    shutil.rmtree(out, ignore_errors=True)
    r = run([annexc, "form", "-t", tmpl, "--quarter", str(quarter), "-o", out])
    books = glob.glob(os.path.join(out, "*.xlsx"))
    ck(r.returncode == 0 and len(books) == 1, "%s: form writes one workbook" % tag, r.stderr)
    return books[0] if books else None


def example(ck, annexc, d, work):
    name = os.path.basename(d.rstrip("/"))
    work = os.path.join(work, name)
    os.makedirs(work, exist_ok=True)
    data = os.path.join(d, "data.xml")
    own = [f for f in glob.glob(os.path.join(d, "*.xml")) if not f.endswith("/data.xml")]
    root = ET.parse(data).getroot()
    tmpl = own[0] if own else root.get("template")
    units, js = units_of(annexc, tmpl, data)
    book = blank_form(ck, annexc, name, tmpl, js["quarter"], work)
    if book is None:
        return
    form = Form(book)
    check_form_xml(ck, name, book, {form.rows[i]: u for i, u in units.items()})
    tfiles = template_chain(tmpl, d)
    fill_from_data(form, data, units, field_types(tfiles))
    filled = os.path.join(work, "filled.xlsx")
    form.wb.save(filled)
    compare(ck, annexc, name + " (openpyxl)", tmpl, data, filled, work)
    lo, err = soffice(filled, os.path.join(work, "lo"), work)
    ck(lo is not None, "%s: LibreOffice saved the filled form" % name, err)
    if lo:
        compare(ck, annexc, name + " (LibreOffice)", tmpl, data, lo, work)
        check_form_xml(ck, name + " (LibreOffice)", lo, {form.rows[i]: u for i, u in units.items()})
    # a form pre-filled from the data gives the same
    pre = os.path.join(work, "prefilled")
    shutil.rmtree(pre, ignore_errors=True)
    r = run([annexc, "form", "-t", tmpl, "-o", pre, data])
    ck(r.returncode == 0, "%s: form from the data" % name, r.stderr)
    compare(ck, annexc, name + " (pre-filled)", tmpl, data, os.path.join(pre, "data.xlsx"), work)


SYNTH = {"count": (3, "3"), "score": (2, "2"), "percent": (75.5, "75.5")}


def synthetic(ck, annexc, tfile, work):
    tag = os.path.relpath(tfile, TOP)
    work = os.path.join(work, tag.replace("/", "-"))
    os.makedirs(work, exist_ok=True)
    tid = ET.parse(tfile).getroot().get("id")
    book = blank_form(ck, annexc, tag, tfile, 2, work)
    if book is None:
        return
    form = Form(book)
    meta = openpyxl.load_workbook(book)[META]
    ck(meta["B2"].value == tid, "%s: meta names the template" % tag, meta["B2"].value)
    units = {}
    ws = form.main
    # the unit kind of each row: from a one-indicator-free data file's scores
    skel = os.path.join(work, "skel")
    shutil.rmtree(skel, ignore_errors=True)
    run([annexc, "form", "-t", tfile, "--quarter", "2", "--format", "xml", "-o", skel])
    sx = glob.glob(os.path.join(skel, "*.xml"))
    ck(len(sx) == 1, "%s: form --format xml writes a skeleton" % tag)
    if not sx:
        return
    sk = ET.parse(sx[0]).getroot()
    sk.find("office/name").text = "পরীক্ষা অফিস"
    ET.ElementTree(sk).write(sx[0], encoding="UTF-8", xml_declaration=True)
    units, js = units_of(annexc, tfile, sx[0])
    ck(len(units) == len(form.rows), "%s: skeleton has every indicator" % tag, (len(units), len(form.rows)))
    fy = int(js["plan"]["fiscal_year"][:4])
    for ind in sk.iter("indicator"):
        i = ind.get("ref")
        for a in ind.findall("achieved"):
            q = int(a.get("quarter"))
            if units[i] == "date":
                d = datetime.datetime(fy, 7 + 3 * q, 10) if q < 2 else datetime.datetime(fy, 12, 20)
                form.put(i, "achieved-%d" % q, d)
                a.text = d.strftime("%d/%m/%Y")
            else:
                v, t = SYNTH[units[i]]
                form.put(i, "achieved-%d" % q, v)
                a.text = t
        ET.SubElement(ind, "comment").text = "মন্তব্য " + i
        form.put(i, "comment", "মন্তব্য " + i)
    ET.ElementTree(sk).write(sx[0], encoding="UTF-8", xml_declaration=True)
    form.wb[INFO]["C2"] = "পরীক্ষা অফিস"
    check_form_xml(ck, tag, book, {form.rows[i]: u for i, u in units.items()})
    filled = os.path.join(work, "filled.xlsx")
    form.wb.save(filled)
    lo, err = soffice(filled, os.path.join(work, "lo"), work)
    ck(lo is not None, "%s: LibreOffice saved the filled form" % tag, err)
    if lo:
        compare(ck, annexc, tag + " (LibreOffice)", tfile, sx[0], lo, work)


def rezip(src, dst, edit):
    """Copies workbook src to dst with edit(name, bytes) -> bytes or None (drop)."""
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for it in zi.infolist():
            b = edit(it.filename, zi.read(it.filename))
            if b is not None:
                zo.writestr(it.filename, b)


def bad_books(ck, annexc, work):
    """Damaged forms: each gives its message, exit 1, and no output."""
    work = os.path.join(work, "bad")
    os.makedirs(work, exist_ok=True)
    tmpl = os.path.join(TOP, "templates/egov-innovation/2023-24/field.xml")
    book = blank_form(ck, annexc, "bad", tmpl, 2, work)
    if book is None:
        return
    form = Form(book)
    good = os.path.join(work, "good.xlsx")
    form.put("2.1.1", "achieved-1", 4)
    form.wb[INFO]["C2"] = "অফিস"
    form.wb.save(good)

    def case(name, expect, exit_code=1, path=None):
        path = path or os.path.join(work, name + ".xlsx")
        out = os.path.join(work, name + ".out")
        if os.path.exists(out):
            os.remove(out)
        r = run([annexc, "convert", "-o", out, path])
        ck(r.returncode == exit_code, "bad %s: exit %d" % (name, exit_code), (r.returncode, r.stderr))
        ck(expect in r.stderr, "bad %s: message" % name, r.stderr + " | wanted: " + expect)
        ck(not os.path.exists(out), "bad %s: no output" % name)
        ck("Sanitizer" not in r.stderr, "bad %s: no sanitizer report" % name, r.stderr)

    # a target edited in the locked part
    wb = openpyxl.load_workbook(good)
    ws = wb[MAIN]
    col = [c for c in range(1, ws.max_column + 1) if ws.cell(row=2, column=c).value == "grade-1"][0]
    ws.cell(row=5, column=col).value = "৯৯"
    wb.save(os.path.join(work, "target-edited.xlsx"))
    case("target-edited", ":ফরম!%s5: error: a cell of the plan was changed: it shows '৯৯'" % openpyxl.utils.get_column_letter(col))
    # a wrong value in an input cell, and a negative one: both reported
    wb = openpyxl.load_workbook(good)
    f = Form(good)
    f.put("2.1.1", "achieved-1", "অনেক")
    f.put("2.1.1", "achieved-2", -2)
    f.wb.save(os.path.join(work, "wrong-value.xlsx"))
    r = run([annexc, "check", os.path.join(work, "wrong-value.xlsx")])
    c1 = openpyxl.utils.get_column_letter(f.cols["achieved-1"])
    c2 = openpyxl.utils.get_column_letter(f.cols["achieved-2"])
    ck(r.returncode == 1 and ("wrong-value.xlsx:ফরম!%s5: error: [2.1.1] quarter 1:" % c1) in r.stderr
       and ("wrong-value.xlsx:ফরম!%s5: error: [2.1.1] quarter 2:" % c2) in r.stderr,
       "bad wrong-value: both cells named", r.stderr)
    # made for another template (meta edited) and another version (template edited)
    wb = openpyxl.load_workbook(good)
    wb[META]["B2"] = "egov-innovation/2023-24/ministry"
    wb.save(os.path.join(work, "other-template.xlsx"))
    case("other-template", "annexc!B3: error: the form was made for another version of template "
         "'egov-innovation/2023-24/ministry'")
    tcopy = os.path.join(work, "field.xml")
    shutil.copy(tmpl, tcopy)
    with open(tcopy, "a") as fp:
        fp.write("<!-- edited -->\n")
    r = run([annexc, "check", "-t", tcopy, good])
    ck(r.returncode == 1 and "error: the form was made for another version of template" in r.stderr,
       "bad other-version", r.stderr)
    # the checksum changed
    wb = openpyxl.load_workbook(good)
    wb[META]["B5"] = "0000000000000000"
    wb.save(os.path.join(work, "checksum.xlsx"))
    case("checksum", "annexc!B5: error: the form's checksum 0000000000000000 is not the template's")
    # a missing sheet, a missing part, not a form at all
    wb = openpyxl.load_workbook(good)
    del wb[INFO]
    wb.save(os.path.join(work, "missing-sheet.xlsx"))
    case("missing-sheet", "error: the form has no sheet 'অফিস'")
    rezip(good, os.path.join(work, "missing-part.xlsx"),
          lambda n, b: None if n == "xl/workbook.xml" else b)
    case("missing-part", "error: not a workbook: it has no xl/workbook.xml")
    wb = openpyxl.Workbook()
    wb.save(os.path.join(work, "not-a-form.xlsx"))
    case("not-a-form", "error: not a form made by annexc form: it has no sheet 'annexc'")
    with open(os.path.join(work, "truncated.xlsx"), "wb") as fp:
        fp.write(open(good, "rb").read()[:3000])
    case("truncated", "error: not a workbook (not a readable zip package)")
    # a zip bomb: one part that inflates to 200 MiB
    def bomb(n, b):
        return b"<x>" + b" " * (200 << 20) + b"</x>" if n == "xl/worksheets/sheet2.xml" else b
    rezip(good, os.path.join(work, "bomb.xlsx"), bomb)
    ck(os.path.getsize(os.path.join(work, "bomb.xlsx")) < 2 << 20, "bomb is small")
    case("bomb", "error: part xl/worksheets/sheet2.xml of the workbook is too large (209715207 bytes unpacked")
    # a sheet of a million rows
    def huge(n, b):
        if not n.endswith("sheet1.xml"):
            return b
        rows = "".join('<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 300001))
        return b.replace(b"</sheetData>", rows.encode() + b'<row r="1000000"><c r="A1000000"><v>1</v></c></row></sheetData>')
    rezip(good, os.path.join(work, "huge.xlsx"), lambda n, b: huge(n, b) if "worksheets" in n else b)
    case("huge", "error: a value outside the form (a sheet may have 20000 rows")


def offices_csv(ck, annexc, work):
    """annexc form with an offices CSV: one form per row, its office sheet pre-filled."""
    work = os.path.join(work, "offices")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    csv = os.path.join(work, "offices.csv")
    with open(csv, "w") as fp:
        fp.write("office/name,office/letterhead/line,office/letterhead/line,letter/signatory/name\n"
                 "অফিস ক,গণপ্রজাতন্ত্রী বাংলাদেশ সরকার,জেলা অফিস,নাম ক\n"
                 "অফিস খ,,,নাম খ\n")
    out = os.path.join(work, "f")
    r = run([annexc, "form", "-t", "egov-innovation/2023-24/field", "--quarter", "1", "-o", out, csv])
    books = sorted(os.listdir(out)) if os.path.isdir(out) else []
    ck(r.returncode == 0 and books == ["form-001.xlsx", "form-002.xlsx"], "offices: one form per row", (books, r.stderr))
    for b, name, lines in (("form-001.xlsx", "অফিস ক", 2), ("form-002.xlsx", "অফিস খ", 0)):
        if b not in books:
            continue
        ws = openpyxl.load_workbook(os.path.join(out, b))[INFO]
        got = [ws.cell(row=i, column=3).value for i in range(2, ws.max_row + 1)
               if ws.cell(row=i, column=1).value == "office/letterhead/line" and ws.cell(row=i, column=3).value]
        ck(len(got) == lines, "offices: %s letterhead lines" % b, got)
        s = run([annexc, "score", "--json", os.path.join(out, b)])
        ck('"office": "%s"' % name in s.stdout, "offices: %s names its office" % b, s.stdout[:200] + s.stderr)
    with open(os.path.join(work, "bad.csv"), "w") as fp:
        fp.write("office/nam\nx\n")
    r = run([annexc, "form", "-t", "egov-innovation/2023-24/field", "-o", os.path.join(work, "g"),
             os.path.join(work, "bad.csv")])
    ck(r.returncode == 1 and "bad.csv:1: error: column 'office/nam' is not a field of the form" in r.stderr,
       "offices: an unknown column", r.stderr)


def bad_csv(ck, annexc, work):
    work = os.path.join(work, "csv")
    os.makedirs(work, exist_ok=True)
    good = os.path.join(work, "good.csv")
    with open(good, "w") as fp:
        fp.write("office,indicator,quarter,value,comment,evidence\n"
                 "অফিস ক,২.১.১,১,৩,,\n"
                 "অফিস ক,২.১.১,২,৪,\"দুই, লাইন\nমন্তব্য\",https://example.gov.bd/a\n"
                 "অফিস খ,2.1.1,1,5,,\n")
    out = os.path.join(work, "out")
    r = run([annexc, "convert", "-t", "egov-innovation/2023-24/field", "-o", out, good])
    ck(r.returncode == 0 and sorted(os.listdir(out)) == ["office-001.xml", "office-002.xml"] if os.path.isdir(out) else False,
       "csv: one data file per office", r.stderr)
    if os.path.isdir(out):
        s = run([annexc, "score", "--json", os.path.join(out, "office-001.xml")])
        ck('"id": "2.1.1", "activity": "2.1", "unit": "count", "weight": 5, "total": 7' in s.stdout,
           "csv: quarters add up", s.stdout[:400] + s.stderr)
    with open(os.path.join(work, "bad.csv"), "w") as fp:
        fp.write("office,indicator,quarter,value\n"
                 "অফিস ক,৯.৯.৯,১,৩\n"
                 "অফিস ক,২.১.১,৫,৩\n"
                 "অফিস ক,২.১.১,১,অনেক\n")
    r = run([annexc, "convert", "-t", "egov-innovation/2023-24/field", "--quarter", "2", "-o", out + "2",
             os.path.join(work, "bad.csv")])
    ck(r.returncode == 1, "csv bad: exit 1", r.returncode)
    for want in ("bad.csv:2: error: unknown indicator [9.9.9]", "bad.csv:3: error: quarter '৫' is not 1 to 4",
                 "bad.csv:4: error: [2.1.1] quarter 1:"):
        ck(want in r.stderr, "csv bad: " + want, r.stderr)
    ck(not os.path.exists(out + "2") or not os.listdir(out + "2"), "csv bad: no output")


def main():
    annexc, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.makedirs(work, exist_ok=True)
    ck = Checks("forms")
    exdirs = sys.argv[3:]
    for d in exdirs:
        example(ck, annexc, d, work)
    for t in sorted(glob.glob(os.path.join(TOP, "templates", "**", "*.xml"), recursive=True)):
        if "/schema/" not in t:
            synthetic(ck, annexc, t, work)
    bad_books(ck, annexc, work)
    bad_csv(ck, annexc, work)
    offices_csv(ck, annexc, work)
    ck.finish()


if __name__ == "__main__":
    main()
