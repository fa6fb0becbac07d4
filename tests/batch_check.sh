#!/usr/bin/env bash
# Batch compilation: a broken office among good ones, a run killed with
# kill -9 and resumed, shards whose summaries merge into the same workbook as
# one run, output names that do not collide. Ends with "batch: N passed, N failed".
# usage: batch_check.sh ANNEXC WORKDIR
set -u
annexc=$1
work=$2
top=$(cd "$(dirname "$0")/.." && pwd)
gen="/usr/bin/python3 $top/scripts/gen-offices.py"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL batch $1"; [ -n "${2:-}" ] && sed 's/^/     /' <<<"$2" | head -20; return 0; }
rm -rf "$work" && mkdir -p "$work"

# every finished output is complete: workbooks are whole zip files, PDFs parse
complete() {
	local f out=""
	for f in "$1"/*.xlsx; do [ -e "$f" ] || continue; unzip -tq "$f" >/dev/null 2>&1 || out="$out $f"; done
	for f in "$1"/*.pdf; do [ -e "$f" ] || continue; pdfinfo "$f" >/dev/null 2>&1 || out="$out $f"; done
	[ -z "$out" ] || { echo "incomplete:$out"; return 1; }
}

# 1. one broken office among good ones
$gen 12 "$work/in1" --broken 2
"$annexc" build -q -j 2 -o "$work/out1" "$work/in1" 2>"$work/err1"
code=$?
[ "$code" = 1 ] && ok || bad "broken office: exit $code, expected 1" "$(cat "$work/err1")"
grep -q "office-00001.xml:[0-9]*: error: .*impossible date" "$work/err1" && ok || bad "broken office named with file and line" "$(cat "$work/err1")"
for i in $(seq -f %05g 3 12); do
	[ -s "$work/out1/office-$i.xlsx" ] && [ -s "$work/out1/office-$i.pdf" ] && ok || bad "good office $i has its outputs"
done
[ ! -e "$work/out1/office-00001.xlsx" ] && [ ! -e "$work/out1/office-00001.pdf" ] && ok || bad "no outputs for the broken office"
msg=$(complete "$work/out1") && ok || bad "outputs of the run are complete" "$msg"
st=$(jq -r '[.inputs[].status] | group_by(.) | map("\(.[0])=\(length)") | join(",")' "$work/out1/annexc-run.json")
[ "$st" = "built=10,invalid=2" ] && ok || bad "run report statuses" "$st"
n=$(jq '[.inputs[] | select(.status == "built") | select(.score != null and .max != null and (.outputs | length) == 2)] | length' "$work/out1/annexc-run.json")
[ "$n" = 10 ] && ok || bad "run report has scores and outputs" "$n"

# 2. a run killed with kill -9 part-way, then resumed, equals an uninterrupted run
$gen 150 "$work/in2"
"$annexc" build -q -j 2 -o "$work/whole" "$work/in2" 2>/dev/null || bad "uninterrupted run"
setsid "$annexc" build -q -j 2 -o "$work/killed" "$work/in2" 2>/dev/null &
pid=$!
for _ in $(seq 1 400); do
	[ "$(ls "$work/killed" 2>/dev/null | grep -c '\.pdf$')" -ge 20 ] && break
	sleep 0.02
done
kill -9 -- -"$pid" 2>/dev/null
wait "$pid" 2>/dev/null
done_before=$(ls "$work/killed" | grep -c '\.pdf$')
[ "$done_before" -lt 150 ] && ok || bad "the run was killed part-way (it had finished: $done_before)"
msg=$(complete "$work/killed") && ok || bad "a killed run leaves only complete files" "$msg"
"$annexc" build -q -j 2 -o "$work/killed" "$work/in2" 2>/dev/null && ok || bad "resumed run"
up=$(jq '.counts["up-to-date"] // 0' "$work/killed/annexc-run.json")
[ "$up" -ge 1 ] && [ "$up" -lt 150 ] && ok || bad "the resumed run rebuilt only what was missing" "up-to-date: $up"
diffs=$(cd "$work/whole" && for f in *.xlsx *.pdf; do cmp -s "$f" "$work/killed/$f" || echo "$f"; done)
[ -z "$diffs" ] && ok || bad "resumed outputs equal the uninterrupted run's" "$diffs"
[ -z "$(ls -A "$work/killed" | grep '\.tmp$')" ] && ok || bad "no temporary files after the resumed run"
"$annexc" build -q -j 2 -o "$work/killed" "$work/in2" 2>/dev/null
up=$(jq '.counts["up-to-date"] // 0' "$work/killed/annexc-run.json")
[ "$up" = 150 ] && ok || bad "a third run finds everything up to date" "$up"
touch "$work/in2/office-00007.xml" && echo "<!-- edited -->" >>"$work/in2/office-00007.xml"
"$annexc" build -q -o "$work/killed" "$work/in2" 2>/dev/null
built=$(jq -r '[.inputs[] | select(.status == "built") | .name] | join(",")' "$work/killed/annexc-run.json")
[ "$built" = "office-00007" ] && ok || bad "an edited input is rebuilt, and only it" "$built"
"$annexc" build -q --force -o "$work/killed" "$work/in2" 2>/dev/null
built=$(jq '.counts.built' "$work/killed/annexc-run.json")
[ "$built" = 150 ] && ok || bad "--force rebuilds all" "$built"

# 3. two shards' summaries merge into the same workbook as one run
$gen 20 "$work/in3"
"$annexc" build -q -o "$work/one" "$work/in3" 2>/dev/null
"$annexc" build -q --shard 1/2 -o "$work/s1" "$work/in3" 2>/dev/null
"$annexc" build -q --shard 2/2 -o "$work/s2" "$work/in3" 2>/dev/null
a=$(jq '.inputs | length' "$work/s1/annexc-run-1-of-2.json") b=$(jq '.inputs | length' "$work/s2/annexc-run-2-of-2.json")
[ "$a" = 10 ] && [ "$b" = 10 ] && ok || bad "shards split the inputs" "$a $b"
"$annexc" summary -o "$work/sum-one.xlsx" "$work/one/annexc-run.json" 2>/dev/null || bad "summary of one run"
"$annexc" summary -o "$work/sum-shards.xlsx" "$work/s2/annexc-run-2-of-2.json" "$work/s1/annexc-run-1-of-2.json" 2>/dev/null ||
	bad "summary of two shards"
cmp -s "$work/sum-one.xlsx" "$work/sum-shards.xlsx" && ok || bad "shard summaries equal the one-run summary (xlsx)"
cmp -s "$work/sum-one.pdf" "$work/sum-shards.pdf" && ok || bad "shard summaries equal the one-run summary (pdf)"
total=$(jq '[.inputs[].score] | add' "$work/one/annexc-run.json")
out=$(/usr/bin/python3 - "$work/sum-one.xlsx" "$total" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
wf = openpyxl.load_workbook(sys.argv[1])
ws, wsf = wb.worksheets[0], wf.worksheets[0]
hdr = {c.value: c.column for row in ws.iter_rows(max_row=8) for c in row if isinstance(c.value, str)}
col = hdr["মোট অর্জিত মান"]
rows = [r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, (int, float))]
vals = [ws.cell(r, col).value for r in rows]
assert len(rows) == 20, len(rows)
assert abs(sum(vals) - float(sys.argv[2])) < 1e-6, (sum(vals), sys.argv[2])
assert all(str(wsf.cell(r, col).value).startswith("=SUM(") for r in rows)
assert ws.auto_filter.ref, "autofilter"
assert len([n for n in wb.sheetnames if n.startswith("সূচক")]) == 8, wb.sheetnames
assert any(w._charts for w in wf.worksheets), "chart"
print("ok")
PY
)
[ "$out" = ok ] && ok || bad "summary workbook: totals, formulas, filter, sheets, chart" "$out"

# shards may share one directory: each writes its own run report
"$annexc" build -q --shard 1/2 -o "$work/shared" "$work/in3" 2>/dev/null &
"$annexc" build -q --shard 2/2 -o "$work/shared" "$work/in3" 2>/dev/null
wait
n=$(ls "$work/shared" | grep -c '\.xlsx$')
[ "$n" = 20 ] && [ -s "$work/shared/annexc-run-1-of-2.json" ] && [ -s "$work/shared/annexc-run-2-of-2.json" ] && ok ||
	bad "two shards in one directory" "$(ls "$work/shared")"
msg=$(complete "$work/shared") && ok || bad "two shards in one directory leave complete files" "$msg"

# a summary over offices of several plans (the examples) works and warns of nothing missing
"$annexc" build -q -o "$work/ex" "$top/examples" 2>/dev/null
"$annexc" summary -o "$work/ex-sum.xlsx" "$work/ex/annexc-run.json" 2>"$work/ex-sum.err"
[ $? = 0 ] && [ -s "$work/ex-sum.xlsx" ] && [ -s "$work/ex-sum.pdf" ] && ok || bad "summary of several plans" "$(cat "$work/ex-sum.err")"
"$annexc" summary -o "$work/bad-sum.xlsx" "$work/out1/annexc-run.json" 2>"$work/bad-sum.err"
grep -q "2 office(s) without scores" "$work/bad-sum.err" && ok || bad "a summary says which offices it left out" "$(cat "$work/bad-sum.err")"

# 4. the examples (all named data.xml) get distinct output names, and a file
# given twice is compiled once
"$annexc" build -q -o "$work/ex" "$top/examples" "$top/examples/khulna-ict-q2/data.xml" 2>/dev/null
nex=$(ls -d "$top"/examples/*/ | wc -l)
[ "$(jq '.inputs | length' "$work/ex/annexc-run.json")" = "$nex" ] && ok || bad "an input given twice is compiled once"
n=$(ls "$work/ex" | grep -c '\.xlsx$')
[ "$n" = "$nex" ] && ok || bad "every example, one workbook each" "$(ls "$work/ex")"

# 5. options
"$annexc" build -q --format pdfx -o "$work/x" "$work/in3" 2>/dev/null
[ $? = 2 ] && ok || bad "--format pdfx is a usage error"
"$annexc" build -q --shard 3/2 -o "$work/x" "$work/in3" 2>/dev/null
[ $? = 2 ] && ok || bad "--shard 3/2 is a usage error"

echo "batch: $pass passed, $fail failed"
[ "$fail" = 0 ]
