#!/usr/bin/python3
"""The ministry summary (annexc summary) on generated offices:
- mixed quarters: a warning, a quarter column, each quarter ranked on its
  own with its own subtotal and average; --quarter N keeps one quarter and
  lists the others as left out;
- a register of expected offices (CSV): offices that did not report, and
  offices whose data is invalid, listed by name on the sheet of offices
  left out; a register that is not CSV named with file and line;
- a sheet per level (division, district): every subtotal row equals the
  sum of its group's offices and the run report's scores, read back with
  openpyxl and again after LibreOffice recalculated every formula; ranks
  within the group;
- the ministry's letter and signatories from the summary data file, in the
  workbook's letter sheet and on the PDF's first page; a summary data file
  of another quarter refused with file and line;
- the charts: the plan's maximum on the value axis, Bengali digits.
usage: summary_check.py ANNEXC WORKDIR [ignored...]
Ends with "summary: N passed, N failed".
"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import openpyxl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import Checks, run  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = [sys.executable, os.path.join(TOP, "scripts", "gen-offices.py")]
LETTER = os.path.join(TOP, "tests", "summary", "ministry-q2.xml")
BN = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
check = Checks("summary")


def build(annexc, work, name, *gen_args):
    src, out = os.path.join(work, name + "-in"), os.path.join(work, name + "-run")
    subprocess.run(GEN + [gen_args[0], src] + list(gen_args[1:]), check=True)
    r = run([annexc, "build", "-q", "-o", out, src])
    check(r.returncode in (0, 1), name + ": build", r.stderr[-300:])
    with open(os.path.join(out, "annexc-run.json"), encoding="utf-8") as f:
        return os.path.join(out, "annexc-run.json"), json.load(f)


def summary(annexc, out, *args):
    return run([annexc, "summary", "-o", out] + list(args))


def sheet_rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def body(rows):
    """The rows after a one-row table header (first cell ক্রম)."""
    for i, row in enumerate(rows):
        if row and row[0] == "ক্রম":
            return [r for r in rows[i + 1:] if isinstance(r[0], (int, float))]
    return []


def header(rows):
    """Column of each heading in the two header rows of an office table."""
    for i, row in enumerate(rows):
        if row and row[0] == "ক্রম":
            cols = {}
            for r in rows[i:i + 2]:
                for c, v in enumerate(r):
                    if isinstance(v, str) and v not in cols:
                        cols[v] = c
            return i, cols
    return None, {}


def groups(rows, first, cols):
    """Office rows of each group, with the group's subtotal and average rows."""
    out, cur = [], []
    for r in rows[first:]:
        lead = r[0]
        if isinstance(lead, (int, float)):
            cur.append(r)
        elif isinstance(lead, str) and lead.startswith("উপমোট"):
            out.append({"name": lead.split(": ", 1)[-1], "offices": cur, "subtotal": r})
        elif isinstance(lead, str) and lead.startswith("গড়"):
            if out and out[-1]["offices"] is cur:
                out[-1]["average"] = r
            else:
                out.append({"name": lead.split(": ", 1)[-1], "offices": cur, "average": r})
            cur = []
    return out


def mixed_quarters(annexc, work):
    report, rep = build(annexc, work, "mixed", "40")
    quarters = {}
    for rec in rep["inputs"]:
        quarters[rec["quarter"]] = quarters.get(rec["quarter"], 0) + 1
    out = os.path.join(work, "mixed.xlsx")
    r = summary(annexc, out, report)
    check(r.returncode == 0 and "offices report %d different quarters" % len(quarters) in r.stderr,
          "mixed quarters: summarised with a warning", r.stderr)
    rows = sheet_rows(openpyxl.load_workbook(out, data_only=True).worksheets[0])
    first, cols = header(rows)
    check("ত্রৈমাসিক" in cols, "mixed quarters: a quarter column", cols)
    gs = groups(rows, first + 2, cols)
    check(len(gs) == len(quarters) and all("subtotal" in g and "average" in g for g in gs),
          "mixed quarters: a subtotal and an average row per quarter", [g["name"] for g in gs])
    counts = sorted(len(g["offices"]) for g in gs)
    check(counts == sorted(quarters.values()), "mixed quarters: offices per quarter", (counts, quarters))
    rank = cols.get("অবস্থান")
    ok = all(max(o[rank] for o in g["offices"]) <= len(g["offices"]) and min(o[rank] for o in g["offices"]) == 1
             for g in gs)
    check(ok, "mixed quarters: ranked within each quarter")
    q = max(quarters, key=lambda k: (quarters[k], -k))
    r = summary(annexc, os.path.join(work, "q.xlsx"), "--quarter", str(q), report)
    check(r.returncode == 0 and "different quarters" not in r.stderr, "--quarter %d: no warning" % q, r.stderr)
    wb = openpyxl.load_workbook(os.path.join(work, "q.xlsx"), data_only=True)
    rows = sheet_rows(wb.worksheets[0])
    first, cols = header(rows)
    n = sum(1 for row in rows[first + 2:] if isinstance(row[0], (int, float)))
    check(n == quarters[q] and "ত্রৈমাসিক" not in cols, "--quarter %d: only that quarter's offices" % q,
          (n, quarters))
    title = " ".join(str(v) for row in rows[:first] for v in row if v)
    qname = ["১ম", "২য়", "৩য়", "৪র্থ"][q - 1] + " ত্রৈমাসিক"
    check(qname in title and "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ২০২৩-২০২৪" in title
          and "egov-innovation/" not in title, "title: the plan's title, fiscal year and quarter", title)
    left = sheet_rows(wb["বাদ পড়া কার্যালয়"])
    other = [row for row in body(left) if row[2] == "অন্য ত্রৈমাসিকের প্রতিবেদন"]
    check(len(other) == 40 - quarters[q], "--quarter: the other quarters' offices listed as left out",
          (len(other), quarters))
    r = run([annexc, "summary", "--quarter", "5", "-o", os.path.join(work, "x.xlsx"), report])
    check(r.returncode == 2 and "--quarter needs a quarter from 1 to 4, not '5'" in r.stderr,
          "--quarter 5 is a usage error", r.stderr)


def register_case(annexc, work):
    reg = os.path.join(work, "reg.csv")
    report, rep = build(annexc, work, "reg", "40", "--quarter", "2", "--register", reg, "--missing", "3",
                        "--broken", "2")
    with open(reg, encoding="utf-8") as f:
        register = list(csv.reader(f))[1:]
    out = os.path.join(work, "reg.xlsx")
    r = summary(annexc, out, "--register", reg, report)
    check(r.returncode == 0 and "not in the register" not in r.stderr, "register: summary", r.stderr)
    wb = openpyxl.load_workbook(out, data_only=True)
    left = sheet_rows(wb["বাদ পড়া কার্যালয়"])
    missing = sorted(row[1] for row in body(left) if row[4] == "প্রতিবেদন পাওয়া যায়নি")
    check(missing == sorted(x[0] for x in register[-3:]), "register: offices that did not report", missing)
    invalid = [row for row in body(left) if row[4] == "উপাত্ত অশুদ্ধ"]
    check(sorted(row[1] for row in invalid) == sorted(x[0] for x in register[:2]),
          "invalid offices listed by the name their data gives", invalid)
    check(all(re.search(r"office-0000[12]\.xml:\d+: .*impossible date", row[5] or "") for row in invalid),
          "invalid offices: their first error with file and line", invalid)
    check(all(row[2] and row[3] for row in body(left)), "left-out offices: their division and district", body(left))
    bad = os.path.join(work, "bad.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("কার্যালয়,বিভাগ,জেলা\nক,খ,গ\n\"ঘ,ঙ\",চ\n")
    r = summary(annexc, os.path.join(work, "bad.xlsx"), "--register", bad, report)
    check(r.returncode == 1 and "bad.csv:3: error: 2 fields where the header has 3" in r.stderr
          and not os.path.exists(os.path.join(work, "bad.xlsx")),
          "a register row of the wrong width: file:line, no output", r.stderr)
    with open(bad, "w", encoding="utf-8") as f:
        f.write("কার্যালয়,বিভাগ\nক,খ\nগ,\"ঘ\"x\n")
    r = summary(annexc, os.path.join(work, "bad.xlsx"), "--register", bad, report)
    check(r.returncode == 1 and "bad.csv:3: error: not CSV" in r.stderr, "a register that is not CSV", r.stderr)
    with open(bad, "w", encoding="utf-8") as f:
        f.write("কার্যালয়,বিভাগ\nক,খ\nক,গ\n")
    r = summary(annexc, os.path.join(work, "bad.xlsx"), "--register", bad, report)
    check(r.returncode == 1 and "bad.csv:3: error: office 'ক' is listed twice (first on line 2)" in r.stderr,
          "an office listed twice in the register", r.stderr)
    r = summary(annexc, os.path.join(work, "bad.xlsx"), "--register", os.path.join(work, "none.csv"), report)
    check(r.returncode == 3 and "none.csv: error: cannot read the register" in r.stderr,
          "a register that cannot be read: status 3", r.stderr)


def scores_by(rep, register, level):
    """The run report's scores summed per group of the register at level."""
    where = {row[0]: row[1 + level] for row in register}
    sums = {}
    for rec in rep["inputs"]:
        if rec.get("score") is not None:
            g = where[rec["office"]]
            sums[g] = sums.get(g, 0) + rec["score"]
    return sums


def check_levels(wb, rep, register, how):
    for level, name in enumerate(["বিভাগ", "জেলা"]):
        rows = sheet_rows(wb[name])
        first, cols = header(rows)
        if first is None:
            check(False, "%s: level sheet %s has a header" % (how, name))
            continue
        gs = groups(rows, first + 2, cols)
        total, rank = cols["মোট অর্জিত মান"], cols["অবস্থান"]
        inds = [c for h, c in cols.items() if h.startswith("[")]
        ok, detail = True, []
        for g in gs:
            for c in inds + [total, cols["অর্জনযোগ্য সর্বোচ্চ মান"]]:
                want = sum(o[c] for o in g["offices"] if isinstance(o[c], (int, float)))
                if abs((g["subtotal"][c] or 0) - want) > 1e-6:
                    ok = False
                    detail.append((g["name"], c, g["subtotal"][c], want))
            n = len(g["offices"])
            if abs(g["average"][total] - sum(o[total] for o in g["offices"]) / n) > 1e-6:
                ok = False
                detail.append((g["name"], "average"))
            if sorted(o[rank] for o in g["offices"])[0] != 1 or max(o[rank] for o in g["offices"]) > n:
                ok = False
                detail.append((g["name"], "rank"))
        check(ok and gs, "%s: %s sheet: subtotals are the sums of their offices, averages, ranks" % (how, name),
              detail[:5])
        got = {g["name"]: g["subtotal"][total] for g in gs}
        want = scores_by(rep, register, level)
        check(set(got) == set(want) and all(abs(got[k] - want[k]) < 1e-6 for k in want),
              "%s: %s subtotals equal the run report's scores" % (how, name), (got, want))


def lo_profile(work):
    user = os.path.join(work, "lo-profile", "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" '
                'oor:op="fuse"><value>0</value></prop></item>\n</oor:items>\n')
    return "file://" + os.path.join(work, "lo-profile")


def zero_cached(src, dst):
    """A copy of a workbook whose formulas' cached values are all 0, so only a recalculation shows sums."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = re.sub(r"(<f>[^<]*</f>)<v>[^<]*</v>", r"\1<v>0</v>", data.decode("utf-8"))
                data = re.sub(r'(<c [^>]*?) t="str"([^>]*><f>)', r"\1\2", text).encode("utf-8")
            zout.writestr(item, data)


def levels_and_letter(annexc, work):
    reg = os.path.join(work, "big.csv")
    report, rep = build(annexc, work, "big", "300", "--quarter", "2", "--register", reg, "--missing", "4",
                        "--broken", "3")
    with open(reg, encoding="utf-8") as f:
        register = list(csv.reader(f))[1:]
    districts = {row[2] for row in register}
    divisions = {row[1] for row in register}
    check(len(register) == 300 and len(districts) == 8 and len(divisions) == 2,
          "300 generated offices in 8 districts of 2 divisions", (len(register), districts, divisions))
    out = os.path.join(work, "big.xlsx")
    r = summary(annexc, out, "--register", reg, "--letter", LETTER, report)
    check(r.returncode == 0, "summary of 300 offices with register and letter", r.stderr)
    wb = openpyxl.load_workbook(out, data_only=True)
    check_levels(wb, rep, register, "openpyxl")
    if shutil.which("soffice") is None:
        check(False, "LibreOffice (soffice) is not installed")
    else:
        lo_in, lo_out = os.path.join(work, "lo-in"), os.path.join(work, "lo-out")
        os.makedirs(lo_in, exist_ok=True)
        zero_cached(out, os.path.join(lo_in, "big.xlsx"))
        r2 = run(["soffice", "-env:UserInstallation=" + lo_profile(work), "--headless", "--norestore",
                  "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", lo_out, os.path.join(lo_in, "big.xlsx")],
                 timeout=600)
        path = os.path.join(lo_out, "big.xlsx")
        check(os.path.exists(path), "LibreOffice recalculated the summary", r2.stderr[-300:])
        if os.path.exists(path):
            check_levels(openpyxl.load_workbook(path, data_only=True), rep, register, "LibreOffice")
    letter_checks(annexc, work, out, wb, report)
    chart_checks(out)


def letter_checks(annexc, work, out, wb, report):
    check("পত্র" in wb.sheetnames, "the letter sheet", wb.sheetnames)
    if "পত্র" in wb.sheetnames:
        text = " ".join(str(v) for row in sheet_rows(wb["পত্র"]) for v in row if v)
        for part in ["স্থানীয় সরকার বিভাগ", "নং-৪৬.০০.০০০০.০৭৪.৩৯.০০১.২৪.১২", "সমন্বিত প্রতিবেদন প্রেরণ।",
                     "(মো: রফিকুল ইসলাম)", "অনুলিপি", "২। বর্ণিতাবস্থায়"]:
            check(part in text, "letter sheet: " + part, text[:300])
    main = " ".join(str(v) for row in sheet_rows(next(ws for ws in wb.worksheets if ws.title != "পত্র")) for v in row if v)
    check("(ড. নাসরিন আক্তার)" in main and "যুগ্মসচিব ও চিফ ইনোভেশন অফিসার" in main,
          "the summary's signatories under the table", main[-400:])
    pdf = out[:-5] + ".pdf"
    page1 = run(["pdftotext", "-f", "1", "-l", "1", pdf, "-"]).stdout
    check("সমন্বিত প্রতিবেদন প্রেরণ" in page1.replace("\n", " ") and "ict@lgd.gov.bd" in page1,
          "PDF: the letter is the first page", page1[:300])
    other = os.path.join(work, "q3.xml")
    with open(LETTER, encoding="utf-8") as f:
        text = f.read().replace('quarter="২"', 'quarter="৩"')
    with open(other, "w", encoding="utf-8") as f:
        f.write(text)
    r = summary(annexc, os.path.join(work, "q3.xlsx"), "--letter", other, report)
    check(r.returncode == 1 and re.search(r"q3\.xml:\d+: error: the summary is for quarter 3, but the offices "
                                          r"report quarter 2", r.stderr)
          and not os.path.exists(os.path.join(work, "q3.xlsx")),
          "a summary data file of another quarter: file:line, no output", r.stderr)


def chart_checks(out):
    with zipfile.ZipFile(out) as z:
        charts = [z.read(n).decode("utf-8") for n in sorted(z.namelist()) if n.startswith("xl/charts/chart")]
    check(len(charts) == 5, "five charts: grade bands, top ten, bottom ten, two levels' averages", len(charts))
    with_max = [c for c in charts if '<c:max val="50"/>' in c]
    check(len(with_max) == 4, "the plan's maximum (50) on the value axis of the score charts", len(with_max))
    check(all('formatCode="[$-5000845]0"' in c for c in charts), "Bengali digits on every value axis")


def main():
    annexc, work = sys.argv[1], sys.argv[2]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    only = os.environ.get("SUMMARY_ONLY", "")  # while developing: one part, e.g. "register_case"
    for part in (mixed_quarters, register_case, levels_and_letter):
        if not only or part.__name__ == only:
            part(annexc, work)
    check.finish()


main()
