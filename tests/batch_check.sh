#!/usr/bin/env bash
# Batch compilation: a broken office among good ones, a run killed with
# kill -9 five times and resumed, shards whose summaries merge into the same
# workbook as one run, output names that do not collide; directory discovery
# by the parsed first element; symbolic links in OUTDIR; faults (a worker
# killed, an input deleted during the run, two runs into one OUTDIR, an
# OUTDIR that cannot be written) and their messages; look-ups in a large
# plan; outputs committed in groups, an output that cannot be put in place
# failing its office alone. Ends with "batch: N passed, N failed".
# usage: batch_check.sh ANNEXC WORKDIR
set -u
annexc=$(realpath "$1")
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

# every office with a stamp has all its outputs, complete
stamped_complete() {
	local fp name out=""
	[ -f "$1/.annexc/stamps" ] || return 0
	while read -r fp name; do
		for f in "$1/$name.xlsx" "$1/$name.pdf"; do
			case $f in
			*.xlsx) unzip -tq "$f" >/dev/null 2>&1 || out="$out $f" ;;
			*.pdf) pdfinfo "$f" >/dev/null 2>&1 && [ "$(tail -c 6 "$f" | tr -d '\n\r')" = "%%EOF" ] || out="$out $f" ;;
			esac
		done
	done <"$1/.annexc/stamps"
	[ -z "$out" ] || { echo "stamped but incomplete:$out"; return 1; }
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

# 2. a run whose whole process group is killed with kill -9 five times
# part-way, then resumed, equals an uninterrupted run
$gen 150 "$work/in2"
"$annexc" build -q -j 2 -o "$work/whole" "$work/in2" 2>/dev/null || bad "uninterrupted run"
for round in 1 2 3 4 5; do
	before=$(ls "$work/killed" 2>/dev/null | grep -c '\.pdf$')
	setsid "$annexc" build -q -j 2 -o "$work/killed" "$work/in2" 2>/dev/null &
	pid=$!
	for _ in $(seq 1 400); do
		[ "$(ls "$work/killed" 2>/dev/null | grep -c '\.pdf$')" -ge $((before + 12)) ] && break
		sleep 0.02
	done
	kill -9 -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	msg=$(complete "$work/killed") && ok || bad "kill $round: a killed run leaves only complete files" "$msg"
	msg=$(stamped_complete "$work/killed") && ok || bad "kill $round: nothing incomplete is stamped" "$msg"
done
done_before=$(ls "$work/killed" | grep -c '\.pdf$')
[ "$done_before" -lt 150 ] && ok || bad "the runs were killed part-way (they had finished: $done_before)"
"$annexc" build -q -j 2 -o "$work/killed" "$work/in2" 2>/dev/null && ok || bad "resumed run"
up=$(jq '.counts["up-to-date"] // 0' "$work/killed/annexc-run.json")
[ "$up" -ge 1 ] && [ "$up" -lt 150 ] && ok || bad "the resumed run rebuilt only what was missing" "up-to-date: $up"
diffs=$(cd "$work/whole" && for f in *.xlsx *.pdf; do cmp -s "$f" "$work/killed/$f" || echo "$f"; done)
[ -z "$diffs" ] && ok || bad "resumed outputs equal the uninterrupted run's" "$diffs"
[ -z "$(ls -A "$work/killed" "$work/killed/.annexc" | grep '\.tmp$')" ] && ok || bad "no temporary files after the resumed run"
msg=$(stamped_complete "$work/killed") && ok || bad "after the resumed run, every stamped office is complete" "$msg"
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

# 6. directories: a file is a report when the first element libxml2 parses is
# <report>; a .xml file that cannot be parsed that far is compiled (so
# reported invalid, with check's message); other roots are counted as skipped
$gen 2 "$work/in6"
/usr/bin/python3 - "$work/in6" <<'PY'
import sys
d = sys.argv[1]
src = open(d + "/office-00001.xml", encoding="utf-8").read()
decl, rest = src.split("\n", 1)
open(d + "/long-comment.xml", "w").write(decl + "\n<!-- " + "x" * 5200 + " -->\n" + rest)
open(d + "/tag-in-comment.xml", "w").write(decl + "\n<!-- an old copy: <b>bold</b> -->\n" + rest)
cut = (decl + "\n<!-- " + "note " * 100 + " -->\n" + rest).encode()
open(d + "/cut-off.xml", "wb").write(cut[:300])
open(d + "/nul-byte.xml", "wb").write((decl + "\n<!-- a \0 byte -->\n" + rest).encode())
PY
cp "$top/examples/khulna-info-q2/khulna-info-2023-24.xml" "$work/in6/"
"$annexc" build -q -v -j 2 -o "$work/out6" "$work/in6" 2>"$work/err6"
code=$?
[ "$code" = 1 ] && ok || bad "discovery: exit $code, expected 1 (invalid data)" "$(cat "$work/err6")"
c=$(jq -cS .counts "$work/out6/annexc-run.json")
[ "$c" = '{"built":4,"inputs":6,"invalid":2,"skipped":1}' ] && ok || bad "discovery: counts" "$c"
for n in long-comment tag-in-comment; do
	[ -s "$work/out6/$n.xlsx" ] && [ -s "$work/out6/$n.pdf" ] && ok || bad "discovery: $n.xml is built" "$(cat "$work/err6")"
done
(cd "$work" && "$annexc" check in6/cut-off.xml in6/nul-byte.xml 2>&1 >/dev/null) >"$work/check6"
from_build=$(grep -E '^in6/(cut-off|nul-byte)\.xml:[0-9]+: ' <(sed "s|^$work/||" "$work/err6"))
[ -s "$work/check6" ] && [ "$from_build" = "$(cat "$work/check6")" ] && ok ||
	bad "discovery: unparsable files get check's messages" "build:
$from_build
check:
$(cat "$work/check6")"
grep -qx "in6/cut-off.xml:2: error: Comment not terminated" "$work/check6" && ok || bad "discovery: the cut-off file's message" "$(cat "$work/check6")"
grep -qxF "$work/in6/khulna-info-2023-24.xml: skipped (its first element is <template>, not <report>)" "$work/err6" && ok ||
	bad "discovery: --verbose lists the skipped template" "$(cat "$work/err6")"

# 7. symbolic links in OUTDIR are never written through: a link at the
# stamps file is removed, one at an output name replaced by the output
mkdir -p "$work/out7/.annexc" "$work/victims"
echo "not annexc's" >"$work/victims/stamps"
echo "not annexc's either" >"$work/victims/office-00001.xlsx"
cp "$work/victims/stamps" "$work/victims/stamps.orig"
cp "$work/victims/office-00001.xlsx" "$work/victims/office-00001.xlsx.orig"
ln -s "$work/victims/stamps" "$work/out7/.annexc/stamps"
ln -s "$work/victims/office-00001.xlsx" "$work/out7/office-00001.xlsx"
"$annexc" build -q -j 2 -o "$work/out7" "$work/in3" 2>"$work/err7"
code=$?
[ "$code" = 0 ] && ok || bad "links: exit $code" "$(cat "$work/err7")"
cmp -s "$work/victims/stamps" "$work/victims/stamps.orig" && cmp -s "$work/victims/office-00001.xlsx" "$work/victims/office-00001.xlsx.orig" &&
	ok || bad "links: their targets are not modified"
[ -f "$work/out7/.annexc/stamps" ] && [ ! -L "$work/out7/.annexc/stamps" ] && [ "$(wc -l <"$work/out7/.annexc/stamps")" = 20 ] &&
	ok || bad "links: the stamps file is annexc's own" "$(ls -l "$work/out7/.annexc")"
[ ! -L "$work/out7/office-00001.xlsx" ] && unzip -tq "$work/out7/office-00001.xlsx" >/dev/null 2>&1 && ok ||
	bad "links: the output replaces the link" "$(ls -l "$work/out7/office-00001.xlsx")"
grep -qxF "$work/out7/.annexc/stamps: warning: was not a regular file (a symbolic link?): removed, its target is left alone; every office is built again" \
	"$work/err7" && ok || bad "links: the message names the stamps file" "$(cat "$work/err7")"
# an up-to-date office whose output became a link is built again
cp "$work/out7/office-00002.pdf" "$work/victims/office-00002.pdf"
cp "$work/victims/office-00002.pdf" "$work/victims/office-00002.pdf.orig"
rm "$work/out7/office-00002.pdf" && ln -s "$work/victims/office-00002.pdf" "$work/out7/office-00002.pdf"
"$annexc" build -q -j 2 -o "$work/out7" "$work/in3" 2>/dev/null
built=$(jq -r '[.inputs[] | select(.status == "built") | .name] | join(",")' "$work/out7/annexc-run.json")
[ "$built" = office-00002 ] && [ ! -L "$work/out7/office-00002.pdf" ] && cmp -s "$work/victims/office-00002.pdf" "$work/victims/office-00002.pdf.orig" &&
	ok || bad "links: an output that is a link is not up to date" "$built"
ln -s "$work/victims" "$work/out7b-annexc"
mkdir -p "$work/out7b" && ln -s "$work/victims" "$work/out7b/.annexc"
"$annexc" build -q -o "$work/out7b" "$work/in3/office-00001.xml" 2>"$work/err7b"
[ -d "$work/out7b/.annexc" ] && [ ! -L "$work/out7b/.annexc" ] && [ ! -e "$work/victims/lock" ] && ok ||
	bad "links: a link at OUTDIR/.annexc is replaced by a directory" "$(ls -la "$work/out7b" "$work/victims")"
grep -qxF "$work/out7b/.annexc: warning: was a symbolic link: replaced by a directory (its target is left alone)" "$work/err7b" &&
	ok || bad "links: the message names .annexc" "$(cat "$work/err7b")"

# 8. a worker killed part-way: the office it was compiling is failed with the
# cause, offices already up to date stay up to date, the rest is compiled
# (80 offices: enough that the kill lands while the worker still has some,
# though outputs appear a group at a time)
$gen 80 "$work/in8"
"$annexc" build -q -j 2 -o "$work/out8" "$work/in8" 2>/dev/null
for i in $(seq 2 2 80); do  # the second worker's offices: edited, so rebuilt
	f=$(printf '%s/in8/office-%05d.xml' "$work" "$i")
	echo "<!-- edited -->" >>"$f"
done
"$annexc" build -q -j 2 -o "$work/out8" "$work/in8" 2>"$work/err8" &
pid=$!
for _ in $(seq 1 500); do
	[ "$(pgrep -P "$pid" | wc -l)" = 2 ] && [ "$(find "$work/out8" -name '*.pdf' -newer "$work/in8/office-00080.xml" | wc -l)" -ge 3 ] && break
	sleep 0.01
done
second=$(pgrep -P "$pid" | sort -n | sed -n 2p)
[ -n "$second" ] && kill -9 "$second"
wait "$pid"
code=$?
# the kill can land after the office's stamp (then it is up to date), but
# almost always lands while it is being compiled
f=$(jq '[.inputs[] | select(.status == "failed")] | length' "$work/out8/annexc-run.json")
st=$(jq -r '[.inputs[].status] | group_by(.) | map("\(.[0])=\(length)") | join(",")' "$work/out8/annexc-run.json")
{ [ "$st" = "built=39,failed=1,up-to-date=40" ] || [ "$st" = "built=39,up-to-date=41" ]; } && ok || bad "killed worker: statuses" "$st
$(cat "$work/err8")"
if [ "$f" = 1 ]; then
	[ "$code" = 3 ] && ok || bad "killed worker: exit $code, expected 3"
	grep -qE '^[^ ]*office-[0-9]*[02468]\.xml: error: not compiled: annexc.s worker was killed by signal 9 \(Killed\) while compiling this file$' "$work/err8" &&
		[ "$(grep -c error: "$work/err8")" = 1 ] && ok || bad "killed worker: one message naming the cause" "$(cat "$work/err8")"
else
	echo "batch: the worker was killed after its office was stamped; its message is not checked this time"
fi
msg=$(complete "$work/out8") && msg=$(stamped_complete "$work/out8") && ok || bad "killed worker: outputs complete" "$msg"
[ -z "$(ls -A "$work/out8" "$work/out8/.annexc" | grep '\.tmp$')" ] && ok || bad "killed worker: no temporary files left"
"$annexc" build -q -j 2 -o "$work/out8" "$work/in8" 2>/dev/null
c=$(jq -cS .counts "$work/out8/annexc-run.json")
[ "$c" = "{\"built\":1,\"inputs\":80,\"up-to-date\":79}" ] || { [ "$f" = 0 ] && [ "$c" = '{"inputs":80,"up-to-date":80}' ]; } && ok ||
	bad "killed worker: the next run builds only the failed office" "$c"

# 9. an input deleted during the run: named as unreadable, the rest complete
rm -rf "$work/in9" && cp -r "$work/in2" "$work/in9"
"$annexc" build -q -j 2 -o "$work/out9" "$work/in9" 2>"$work/err9" &
pid=$!
for _ in $(seq 1 400); do
	[ "$(ls "$work/out9" 2>/dev/null | grep -c '\.pdf$')" -ge 10 ] && break
	sleep 0.02
done
rm "$work"/in9/office-0014[0-9].xml
wait "$pid"
code=$?
[ "$code" = 3 ] && ok || bad "deleted input: exit $code, expected 3" "$(cat "$work/err9")"
unexpected=$(grep -v -E '^[^ ]*/office-0014[0-9]\.xml: (error: cannot read: No such file or directory|warning: changed or removed while it was compiled: .*)$' "$work/err9")
[ -z "$unexpected" ] && [ "$(grep -c 'cannot read: No such file or directory' "$work/err9")" -ge 5 ] && ok ||
	bad "deleted input: the messages name the cause" "$(cat "$work/err9")"
msg=$(complete "$work/out9") && msg=$(stamped_complete "$work/out9") && ok || bad "deleted input: outputs complete" "$msg"
cp "$work"/in2/office-0014[0-9].xml "$work/in9/"
"$annexc" build -q -j 2 -o "$work/out9" "$work/in9" 2>/dev/null && ok || bad "deleted input: restored and resumed"
diffs=$(cd "$work/whole" && for f in *.xlsx *.pdf; do cmp -s "$f" "$work/out9/$f" || echo "$f"; done)
[ -z "$diffs" ] && ok || bad "deleted input: resumed outputs equal the uninterrupted run's" "$diffs"

# 10. two runs into one OUTDIR at once: the second is refused, saying why;
# the first finishes as if alone
"$annexc" build -q -j 2 -o "$work/out10" "$work/in2" 2>"$work/err10a" &
pid=$!
for _ in $(seq 1 400); do
	[ "$(ls "$work/out10" 2>/dev/null | grep -c '\.pdf$')" -ge 2 ] && break
	sleep 0.02
done
"$annexc" build -q -j 2 -o "$work/out10" "$work/in2" 2>"$work/err10b"
code=$?
"$annexc" build -q -j 2 --shard 1/2 -o "$work/out10" "$work/in2" 2>"$work/err10c"
code_c=$?
wait "$pid" && ok || bad "two runs: the first run" "$(cat "$work/err10a")"
[ "$code" = 3 ] && [ "$(cat "$work/err10b")" = "$work/out10: another annexc build is writing here; wait for it to finish, or use another OUTDIR" ] &&
	ok || bad "two runs: the second is refused (exit $code)" "$(cat "$work/err10b")"
[ "$code_c" = 3 ] && grep -q 'another annexc build is writing here (the same shard, or an unsharded run)' "$work/err10c" &&
	ok || bad "two runs: a shard beside a whole run is refused (exit $code_c)" "$(cat "$work/err10c")"
diffs=$(cd "$work/whole" && for f in *.xlsx *.pdf; do cmp -s "$f" "$work/out10/$f" || echo "$f"; done)
[ -z "$diffs" ] && [ "$(jq .counts.built "$work/out10/annexc-run.json")" = 150 ] && ok || bad "two runs: the first run's outputs are whole" "$diffs"
msg=$(stamped_complete "$work/out10") && ok || bad "two runs: stamps" "$msg"

# 11. an OUTDIR that cannot be written: one message, before any office. As
# root, run as nobody, in a directory nobody can reach ($work may be private)
as_user=() d11=$work
if [ "$(id -u)" = 0 ]; then
	as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
	d11=$(mktemp -d /tmp/annexc-555.XXXXXX) && chmod 755 "$d11" && cp -r "$work/in3" "$d11/in3"
fi
if [ "$(id -u)" = 0 ] && ! "${as_user[@]}" "$annexc" --version >/dev/null 2>&1; then
	echo "batch: skipped the OUTDIR mode 555 test: user nobody cannot run $annexc (setpriv missing, or a private directory)"
else
	mkdir -p "$d11/out11/.annexc" && chmod 777 "$d11/out11/.annexc" && chmod 555 "$d11/out11"
	"${as_user[@]}" "$annexc" build -q -j 2 -o "$d11/out11" "$d11/in3" 2>"$work/err11"
	code=$?
	[ "$code" = 3 ] && [ "$(cat "$work/err11")" = "$d11/out11: cannot write here: Permission denied" ] && ok ||
		bad "OUTDIR mode 555: exit $code and one message" "$(head -5 "$work/err11")"
	chmod 755 "$d11/out11"
fi
[ "$d11" != "$work" ] && rm -rf "$d11"
mkdir -p "$work/out11b/annexc-run.json/x"
"$annexc" build -q -o "$work/out11b" "$work/in3/office-00001.xml" 2>"$work/err11b"
code=$?
[ "$code" = 3 ] && [ "$(cat "$work/err11b")" = "$work/out11b/annexc-run.json: error: cannot write the run report: $work/out11b/annexc-run.json: Is a directory" ] &&
	ok || bad "run report that cannot be renamed: exit $code, its own cause" "$(cat "$work/err11b")"

# 12. look-ups in a large plan are indexed and still find every fault
big="/usr/bin/python3 $top/tests/stress/big-plan.py"
$big 3000 "$work/big" && "$annexc" check "$work/big/data.xml" 2>"$work/err12" && [ ! -s "$work/err12" ] && ok ||
	bad "large plan: checks clean" "$(head "$work/err12")"
$big 3000 "$work/big-dup" --duplicate-id
"$annexc" check "$work/big-dup/data.xml" 2>"$work/err12"
[ $? = 2 ] && [ "$(cat "$work/err12")" = "$work/big-dup/big-plan.xml:3666: error: duplicate indicator id [30.10.10]" ] && ok ||
	bad "large plan: a repeated indicator id is found" "$(head "$work/err12")"
$big 3000 "$work/big-res" --bad-results
"$annexc" check "$work/big-res/data.xml" 2>"$work/err12"
[ $? = 1 ] && [ "$(cat "$work/err12")" = "$work/big-res/data.xml:3005: error: indicator [1.1.1] given twice
$work/big-res/data.xml:3006: error: unknown indicator [9999.1.1] (not in template 'big-plan')" ] && ok ||
	bad "large plan: a result given twice and an unknown one are found" "$(head "$work/err12")"
s=$("$annexc" score --json "$work/big/data.xml" | jq -c '[.plan.score, .plan.max, ([.plan.areas[].indicators[]] | length)]')
[ "$s" = "[1440,3000,3000]" ] && ok || bad "large plan: every result is scored" "$s"

# 13. a file over 64 MiB is refused from its size, not read whole
truncate -s 200M "$work/huge.xml"
rss=$(/usr/bin/time -f %M "$annexc" check "$work/huge.xml" 2>&1 >/dev/null | tail -n 1)
msg=$("$annexc" check "$work/huge.xml" 2>&1)
[ "$msg" = "$work/huge.xml: error: file is larger than 64 MiB" ] && [ "$rss" -lt 40000 ] && ok ||
	bad "a 200 MB file is refused without being read (peak RSS ${rss} KiB)" "$msg"
rm -f "$work/huge.xml"

# 14. outputs are committed in groups (one sync for many): an output that
# cannot be put in place (a directory has its name) fails its office alone,
# with the cause, unstamped; the others of its group are built and stamped
$gen 6 "$work/in14"
mkdir -p "$work/out14/office-00003.pdf"
"$annexc" build -q -j 1 -o "$work/out14" "$work/in14" 2>"$work/err14"
code=$?
st=$(jq -r '[.inputs[] | "\(.name)=\(.status)"] | join(",")' "$work/out14/annexc-run.json")
[ "$code" = 3 ] && [ "$st" = "office-00001=built,office-00002=built,office-00003=failed,office-00004=built,office-00005=built,office-00006=built" ] &&
	[ "$(cat "$work/err14")" = "$work/in14/office-00003.xml: error: $work/out14/office-00003.pdf: Is a directory" ] && ok ||
	bad "an output that cannot be put in place: exit $code, statuses, message" "$st
$(cat "$work/err14")"
[ "$(cut -d' ' -f2 "$work/out14/.annexc/stamps" | sort | tr '\n' ,)" = "office-00001,office-00002,office-00004,office-00005,office-00006," ] &&
	[ "$(jq -c '.inputs[2].outputs' "$work/out14/annexc-run.json")" = "[\"$work/out14/office-00003.xlsx\"]" ] && ok ||
	bad "an output that cannot be put in place: its office is not stamped, its other output is listed" "$(cat "$work/out14/.annexc/stamps")"
[ -z "$(ls -A "$work/out14" "$work/out14/.annexc" | grep '\.tmp$')" ] && ok || bad "group commit: no temporary files left"

echo "batch: $pass passed, $fail failed"
[ "$fail" = 0 ]
