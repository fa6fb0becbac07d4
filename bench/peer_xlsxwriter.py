#!/usr/bin/python3
"""The peer a user would otherwise write: a Python XlsxWriter script that
reads each office's data (the same XML files) and writes the equivalent
workbook for the field template: title, two merged header rows with the five
grade targets, one row per indicator with Bengali-digit number formats, a
live score formula with its cached value, a total row, print setup.

usage: peer_xlsxwriter.py OUTDIR DATA.xml...   (all files in one process)
"""
import os
import sys
import xml.etree.ElementTree as ET

import xlsxwriter

BN = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
PLAN = [("1.1.1", "তারিখ", 10, ["16/03/2024", "23/03/2024", "30/03/2024", "06/04/2024", "13/04/2024"]),
        ("2.1.1", "সংখ্যা", 5, [4, 3, 2, 1, None]), ("3.1.1", "তারিখ", 8,
         ["09/05/2024", "16/05/2024", "23/05/2024", "30/05/2024", "08/06/2024"]),
        ("4.1.1", "%", 8, [0.8, 0.75, 0.7, 0.65, 0.6]), ("5.1.1", "সংখ্যা", 7, [4, 3, 2, 1, None]),
        ("5.1.2", "সংখ্যা", 3, [4, 3, 2, 1, None]), ("6.1.1", "সংখ্যা", 5, [2, None, 1, None, None]),
        ("6.1.2", "তারিখ", 4, ["25/03/2024", "08/04/2024", "15/04/2024", "22/04/2024", "29/04/2024"])]
GRADES = ["অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান", "চলতি মানের নিম্নে"]


def serial(d):
    import datetime
    day, mon, yr = (int(x) for x in d.translate(BN).split("/"))
    return (datetime.date(yr, mon, day) - datetime.date(1899, 12, 30)).days


def value(text, unit):
    t = (text or "").strip().translate(BN)
    if t in ("", "-"):
        return None
    if unit == "তারিখ":
        return serial(t)
    if unit == "%":
        return float(t.rstrip("%")) / 100
    return float(t)


def score(x, unit, weight, targets):
    if x is None:
        return 0.0
    better = (lambda a, b: a <= b) if unit == "তারিখ" else (lambda a, b: a >= b)
    given = [(t if unit != "তারিখ" else serial(t), p) for t, p in zip(targets, (100, 90, 80, 70, 60)) if t is not None]
    prev = None
    for t, p in given:
        if better(x, t):
            if prev is None:
                return weight * p / 100
            pt, pp = prev
            return weight * (p + (pp - p) * (x - t) / (pt - t)) / 100
        prev = (t, p)
    return 0.0


def formula(row, unit, targets):
    """The interpolating score formula over the row's cells, as annexc writes it."""
    cmp = "<=" if unit == "তারিখ" else ">="
    cols = [("EFGHI"[i], p) for i, (t, p) in enumerate(zip(targets, (100, 90, 80, 70, 60))) if t is not None]
    x = "J%d" % row
    expr = "0"
    for j in range(len(cols) - 1, -1, -1):
        c, p = cols[j]
        t = "%s%d" % (c, row)
        if j == 0:
            val = str(p)
        else:
            pc, pp = cols[j - 1]
            pt = "%s%d" % (pc, row)
            val = "%d+%d*(%s-%s)/(%s-%s)" % (p, pp - p, x, t, pt, t)
        expr = "IF(%s%s%s,%s,%s)" % (x, cmp, t, val, expr)
    return "=IF(ISNUMBER(%s),D%d*%s/100,0)" % (x, row, expr)


def write(path, data):
    root = ET.parse(data).getroot()
    office = root.find("office/name").text
    results = {}
    for ind in root.find("results"):
        vals = [value(a.text, "") if False else a.text for a in ind.findall("achieved")]
        results[ind.get("ref")] = vals[-1] if vals else None
    wb = xlsxwriter.Workbook(path)
    wb.set_properties({"title": office, "author": office})
    ws = wb.add_worksheet("সংযোজনী ৫")
    base = {"font_name": "Noto Sans Bengali", "font_size": 10, "border": 1, "text_wrap": True,
            "valign": "vcenter", "align": "center"}
    head = wb.add_format(dict(base, bold=True, bg_color="#E7E6E6"))
    text = wb.add_format(dict(base, align="left"))
    num = wb.add_format(dict(base, num_format="[$-5000845]0"))
    dec = wb.add_format(dict(base, num_format="[$-5000845]0.00"))
    pct = wb.add_format(dict(base, num_format="[$-5000845]0%"))
    date = wb.add_format(dict(base, num_format="[$-5000845]dd\\/mm\\/yyyy"))
    title = wb.add_format({"font_name": "Noto Sans Bengali", "font_size": 12, "bold": True, "align": "center"})
    ws.merge_range(0, 0, 0, 11, office + ": ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা প্রতিবেদন", title)
    for c, (h, w) in enumerate([("ক্রম", 5), ("কর্মসম্পাদন সূচক", 30), ("একক", 7), ("মান", 8)]):
        ws.merge_range(2, c, 3, c, h, head)
        ws.set_column(c, c, w)
    ws.merge_range(2, 4, 2, 8, "লক্ষ্যমাত্রা ২০২৩-২০২৪", head)
    for i, g in enumerate(GRADES):
        ws.write(3, 4 + i, g, head)
        ws.set_column(4 + i, 4 + i, 11)
    ws.merge_range(2, 9, 3, 9, "অর্জন", head)
    ws.merge_range(2, 10, 3, 10, "অর্জিত মান", head)
    ws.merge_range(2, 11, 3, 11, "মন্তব্য", head)
    total = 0.0
    for r, (iid, unit, weight, targets) in enumerate(PLAN, start=4):
        ws.set_row(r, 42)
        ws.write_number(r, 0, r - 3, num)
        ws.write_string(r, 1, "[%s] সূচক" % iid, text)
        ws.write_string(r, 2, unit, text)
        ws.write_number(r, 3, weight, num)
        fmt = date if unit == "তারিখ" else pct if unit == "%" else num
        for i, t in enumerate(targets):
            if t is None:
                ws.write_string(r, 4 + i, "-", text)
            else:
                ws.write_number(r, 4 + i, serial(t) if unit == "তারিখ" else t, fmt)
        x = value(results.get(iid), unit)
        if x is None:
            ws.write_string(r, 9, "-", text)
        else:
            ws.write_number(r, 9, x, fmt)
        s = score(x, unit, weight, targets)
        total += s
        ws.write_formula(r, 10, formula(r + 1, unit, targets), dec, s)
        ws.write_string(r, 11, "", text)
    ws.write_string(12, 1, "মোট", head)
    ws.write_formula(12, 10, "=SUM(K5:K12)", dec, total)
    ws.set_landscape()
    ws.set_paper(9)
    ws.repeat_rows(2, 3)
    ws.fit_to_pages(1, 0)
    wb.close()


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for data in sys.argv[2:]:
        write(os.path.join(out, os.path.splitext(os.path.basename(data))[0] + ".xlsx"), data)


main()
