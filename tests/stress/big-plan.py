#!/usr/bin/python3
"""Writes a template with N indicators (areas of 10 activities of 10
indicators, weight 1 each) and one office's data reporting every one, to
measure how look-ups scale and to check that they stay correct.

usage: big-plan.py N OUTDIR [--duplicate-id] [--bad-results]
Writes OUTDIR/big-plan.xml and OUTDIR/data.xml. With --duplicate-id the
template repeats its last indicator's id; with --bad-results the data reports
its first indicator twice and an indicator the template does not have.
"""
import os
import sys

n = int(sys.argv[1])
out = sys.argv[2]
faults = "--duplicate-id" in sys.argv[3:]
bad_results = "--bad-results" in sys.argv[3:]
os.makedirs(out, exist_ok=True)
ids = ["%d.%d.%d" % (i // 100 + 1, i // 10 % 10 + 1, i % 10 + 1) for i in range(n)]

t = ['<?xml version="1.0" encoding="UTF-8"?>', '<template id="big-plan">', '  <title>Big plan</title>',
     '  <fiscal-year>2023-2024</fiscal-year>', '  <total>%d</total>' % (n + faults),
     '  <grades><grade percent="100">A</grade><grade percent="60">B</grade></grades>', '  <plan>']
for i, x in enumerate(ids):
    a, b, _ = x.split(".")
    if i % 100 == 0:
        t.append('    <area id="%s" weight="%d"><label>Area %s</label>' % (a, min(100, n - i) + (faults and i + 100 >= n), a))
    if i % 10 == 0:
        t.append('      <activity id="%s.%s"><label>Activity</label>' % (a, b))
    t.append('        <indicator id="%s" unit="count" weight="1"><label>Indicator %s</label>'
             '<targets>4 2</targets></indicator>' % (x, x))
    if faults and i == n - 1:
        t.append('        <indicator id="%s" unit="count" weight="1"><label>Again</label>'
                 '<targets>4 2</targets></indicator>' % x)
    if i % 10 == 9 or i == n - 1:
        t.append('      </activity>')
    if i % 100 == 99 or i == n - 1:
        t.append('    </area>')
t += ['  </plan>', '  <layout><columns><column field="indicator">Indicator</column>'
      '<column field="total">Total</column></columns></layout>', '</template>']

d = ['<?xml version="1.0" encoding="UTF-8"?>', '<report template="big-plan" quarter="1">',
     '  <office><name>Office</name></office>', '  <results>']
for i, x in enumerate(ids):
    d.append('    <indicator ref="%s"><achieved quarter="1">%d</achieved></indicator>' % (x, i % 5))
if bad_results:
    d.append('    <indicator ref="%s"><achieved quarter="1">1</achieved></indicator>' % ids[0])
    d.append('    <indicator ref="9999.1.1"><achieved quarter="1">1</achieved></indicator>')
d += ['  </results>', '</report>']
with open(os.path.join(out, "big-plan.xml"), "w") as f:
    f.write("\n".join(t) + "\n")
with open(os.path.join(out, "data.xml"), "w") as f:
    f.write("\n".join(d) + "\n")
