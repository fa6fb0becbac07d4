#!/usr/bin/python3
"""Writes N synthetic offices' data for the field template, for tests and the
benchmark: deterministic (seeded) achievements, Bengali office names.

usage: gen-offices.py N OUTDIR [--broken K] [--quarter Q] [--register FILE [--missing M]]
  --broken K     the first K offices get an impossible date (invalid data)
  --quarter Q    every office reports quarter Q (default: a quarter drawn for each)
  --register F   the offices sit in 8 districts of 2 divisions (their names say
                 which district) and F gets the register of expected offices:
                 CSV, a header row (office, division, district), one row per office
  --missing M    the last M offices of the register write no data (did not report)
Writes OUTDIR/office-00001.xml … (and F), nothing else.
"""
import csv
import os
import random
import sys

BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
DISTRICTS = ["ঢাকা", "চট্টগ্রাম", "রাজশাহী", "খুলনা", "বরিশাল", "সিলেট", "রংপুর", "ময়মনসিংহ",
             "কুমিল্লা", "যশোর", "বগুড়া", "দিনাজপুর", "পাবনা", "টাঙ্গাইল", "নোয়াখালী", "ফরিদপুর"]


# The hierarchy of --register: two divisions of four districts each.
DIVISIONS = [("ঢাকা", ["ঢাকা", "গাজীপুর", "টাঙ্গাইল", "ফরিদপুর"]),
             ("চট্টগ্রাম", ["চট্টগ্রাম", "কুমিল্লা", "নোয়াখালী", "কক্সবাজার"])]
PLACES = [(div, dist) for div, dists in DIVISIONS for dist in dists]
REGISTER_HEAD = ["কার্যালয়", "বিভাগ", "জেলা"]


def bn(x):
    return str(x).translate(BN)


def office_name(i, hierarchy):
    district = PLACES[i % len(PLACES)][1] if hierarchy else DISTRICTS[i % len(DISTRICTS)]
    return "উপজেলা কার্যালয় %s, %s" % (bn("%04d" % i), district)


def office(i, rng, broken, quarter=0, hierarchy=False):
    q = rng.choice([1, 2, 3, 4])
    q = quarter or q
    name = office_name(i, hierarchy)
    res = []
    for ind, unit in (("1.1.1", "date"), ("2.1.1", "count"), ("3.1.1", "date"), ("4.1.1", "percent"),
                      ("5.1.1", "count"), ("5.1.2", "count"), ("6.1.1", "count"), ("6.1.2", "date")):
        vals = []
        for qq in range(1, q + 1):
            if unit == "date":
                v = "-" if qq < q else "%02d/%02d/2024" % (rng.randint(1, 28), rng.choice([3, 4, 5]))
                if broken and ind == "1.1.1" and qq == q:
                    v = "31/02/2024"
            elif unit == "percent":
                v = "%d%%" % rng.randint(50, 95)
            else:
                v = str(rng.randint(0, 2))
            vals.append('<achieved quarter="%d">%s</achieved>' % (qq, bn(v)))
        res.append('    <indicator ref="%s">%s<comment>%s</comment></indicator>'
                   % (ind, "".join(vals), "নিয়মিত পর্যবেক্ষণ করা হচ্ছে" if rng.random() < 0.3 else ""))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<report template="egov-innovation/2023-24/field" quarter="%d">\n'
            '  <office><name>%s</name></office>\n  <results>\n%s\n  </results>\n'
            '  <signatures><signatory><name>কর্মকর্তা %s</name><designation>উপজেলা নির্বাহী অফিসার</designation>'
            '<date>%s</date></signatory></signatures>\n</report>\n'
            % (q, name, "\n".join(res), bn(i), bn("%02d/05/2024" % (1 + i % 28))))


def option(name, default=0):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    broken, quarter, missing = int(option("--broken")), int(option("--quarter")), int(option("--missing"))
    register = option("--register", None)
    os.makedirs(out, exist_ok=True)
    rng = random.Random(2024)
    for i in range(1, n + 1):
        text = office(i, rng, i <= broken, quarter, register is not None)
        if register is None or i <= n - missing:
            with open(os.path.join(out, "office-%05d.xml" % i), "w", encoding="utf-8") as f:
                f.write(text)
    if register is not None:
        with open(register, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(REGISTER_HEAD)
            for i in range(1, n + 1):
                w.writerow([office_name(i, True)] + list(PLACES[i % len(PLACES)]))


main()
