#!/usr/bin/python3
"""Writes a stress template and office data: 64 indicators in 8 areas, long
comments, in the paired Annex-5 layout, so that the PDF must paginate. The
row-kind words (লক্ষ্যমাত্রা, অর্জন) appear nowhere else, so a test can count
them on each page; the score column's heading (অর্জিত মান) appears nowhere
else either, so a test can find the header on each page. Each indicator has
its own evidence link, some labelled, some with characters that must be
escaped in XML and in the PDF ((, ), &, ', %, non-ASCII).

usage: generate.py OUTDIR    (writes OUTDIR/stress-plan.xml and OUTDIR/data.xml)
"""
import os
import sys

BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
LONG = ("এই সূচকের অগ্রগতি পর্যালোচনা সভায় উপস্থাপিত হয়েছে এবং পরবর্তী ত্রৈমাসিকে বাকি কাজ শেষ করার জন্য "
        "দায়িত্বপ্রাপ্ত কর্মকর্তাকে নির্দেশনা দেওয়া হয়েছে; প্রমাণক সংযুক্ত করা হলো। ")

t = ['<?xml version="1.0" encoding="UTF-8"?>',
     '<template id="stress-plan">',
     '  <title>চাপ পরীক্ষার কর্মপরিকল্পনা</title>',
     '  <fiscal-year>2023-2024</fiscal-year>',
     '  <total>640</total>',
     '  <grades><grade percent="100">অসাধারণ</grade><grade percent="90">অতি উত্তম</grade>'
     '<grade percent="80">উত্তম</grade><grade percent="70">চলতি মান</grade>'
     '<grade percent="60">চলতি মানের নিম্নে</grade></grades>',
     '  <plan>']
d = ['<?xml version="1.0" encoding="UTF-8"?>',
     '<report template="stress-plan" quarter="2">',
     '  <office><name>পরীক্ষামূলক কার্যালয়, ঢাকা</name></office>',
     '  <results>']


def evidence(a, b, c):
    """A distinct evidence link for indicator a.b.c."""
    url = "https://example.org/stress/%d/%d/%d" % (a, b, c)
    if c == 2:
        url += "?file=report(%d)&amp;sheet='%d'&amp;q=50%%25&amp;name=প্রমাণক" % (b, a)
    label = "প্রমাণক %s" % ("%d.%d.%d" % (a, b, c)).translate(BN) if b % 2 else ""
    return '<evidence href="%s">%s</evidence>' % (url, label)


for a in range(1, 9):
    t.append('    <area id="%d" weight="80"><label>কর্মসম্পাদন ক্ষেত্র %s: সেবা সহজিকরণ ও ডিজিটাইজেশন</label>'
             % (a, str(a).translate(BN)))
    for b in range(1, 5):
        t.append('      <activity id="%d.%d"><label>কার্যক্রম %s: উদ্ভাবনী ধারণা বাস্তবায়ন ও সেবা প্রদান</label>'
                 % (a, b, ("%d.%d" % (a, b)).translate(BN)))
        for c in range(1, 3):
            i = "%d.%d.%d" % (a, b, c)
            t.append('        <indicator id="%s" unit="count" weight="10"><label>সূচক %s: আওতাধীন অফিসসমূহের '
                     'অংশগ্রহণে আয়োজিত কর্মশালা ও প্রশিক্ষণের সংখ্যা</label>'
                     '<targets>৪০ ৩৫ ৩০ ২৫ ২০</targets><responsible>সহকারী পরিচালক</responsible></indicator>'
                     % (i, i.translate(BN)))
            d.append('    <indicator ref="%s"><target quarter="1">১০</target><target quarter="2">১০</target>'
                     '<target quarter="3">১০</target><target quarter="4">১০</target>'
                     '<achieved quarter="1">%d</achieved><achieved quarter="2">%d</achieved>'
                     '<comment>%s</comment>%s</indicator>' % (i, 5 + a, 10 + b + c, LONG * (1 + (a + b) % 3),
                                                             evidence(a, b, c)))
        t.append('      </activity>')
    t.append('    </area>')
t.append('  </plan>')
t.append('''  <layout orientation="landscape" rows="paired" column-numbers="yes" subtotals="yes" total-row="yes">
    <title>{office}: চাপ পরীক্ষা, {quarter} ({quarter-period})</title>
    <columns>
      <column field="serial" width="5">ক্রম</column>
      <column field="area" width="12">ক্ষেত্র</column>
      <column field="area-weight" width="6">মান</column>
      <column field="activity" width="16">কার্যক্রম</column>
      <column field="indicator" width="20">সূচক</column>
      <column field="weight" width="6">সূচকের মান</column>
      <column field="responsible" width="10">দায়িত্বপ্রাপ্ত</column>
      <column field="annual-target" width="8">বার্ষিক</column>
      <group label="অগ্রগতি">
        <column field="row-kind" width="9">সারি</column>
        <column field="quarter" quarter="1" width="7">১ম</column>
        <column field="quarter" quarter="2" width="7">২য়</column>
        <column field="quarter" quarter="3" width="7">৩য়</column>
        <column field="quarter" quarter="4" width="7">৪র্থ</column>
        <column field="total" width="7">মোট</column>
      </group>
      <column field="score" width="7">অর্জিত মান</column>
      <column field="comment" width="26">মন্তব্য</column>
      <column field="evidence" width="14">প্রমাণক</column>
    </columns>
  </layout>
</template>''')
d.append('  </results>')
d.append('</report>')
with open(os.path.join(out, "stress-plan.xml"), "w", encoding="utf-8") as f:
    f.write("\n".join(t) + "\n")
with open(os.path.join(out, "data.xml"), "w", encoding="utf-8") as f:
    f.write("\n".join(d) + "\n")
