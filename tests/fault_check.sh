#!/usr/bin/env bash
# Faults while writing: a disk that fills up part-way (a small tmpfs, at
# several sizes), a read-only OUTDIR, an OUTDIR of mode 555 written by an
# unprivileged user. After each: every output present is complete (the
# workbook a valid zip, the PDF readable by pdfinfo), nothing half-written is
# left or stamped (the resume after freeing space rebuilds exactly what a
# clean run writes), and the messages name the cause, with none of
# libxlsxwriter's own "[ERROR]" lines. Faults the machine cannot stage (no
# mount, no unprivileged user) are skipped with a message saying why.
# Ends with "fault: N passed, N failed".
# usage: fault_check.sh ANNEXC WORKDIR
set -u
annexc=$1
work=$2
top=$(cd "$(dirname "$0")/.." && pwd)
gen="/usr/bin/python3 $top/scripts/gen-offices.py"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL fault $1"; [ -n "${2:-}" ] && sed 's/^/     /' <<<"$2" | head -20; return 0; }
skip() { echo "SKIP fault $1"; }
rm -rf "$work" && mkdir -p "$work"
mnt=$work/mnt
mkdir -p "$mnt"
trap 'umount "$mnt" 2>/dev/null' EXIT

# every output in $1 is complete: workbooks are whole zip files, PDFs parse
complete() {
	local f out=""
	for f in "$1"/*.xlsx; do [ -e "$f" ] || continue; unzip -tq "$f" >/dev/null 2>&1 || out="$out $f"; done
	for f in "$1"/*.pdf; do [ -e "$f" ] || continue; pdfinfo "$f" >/dev/null 2>&1 || out="$out $f"; done
	[ -z "$out" ] || { echo "incomplete:$out"; return 1; }
}

# no temporary file is left in $1 or its stamps directory
no_temps() {
	local t
	t=$(find "$1" -name '*.tmp' 2>/dev/null)
	[ -z "$t" ] || { echo "left behind: $t"; return 1; }
}

# every output in $1 is byte for byte the one of the clean run in $2
same_as() {
	local f out=""
	for f in "$2"/*.xlsx "$2"/*.pdf; do cmp -s "$f" "$1/$(basename "$f")" || out="$out $(basename "$f")"; done
	[ -z "$out" ] || { echo "differs from a clean run:$out"; return 1; }
}

export SOURCE_DATE_EPOCH=1700000000
$gen 12 "$work/in" >/dev/null
"$annexc" build -q -j 2 -o "$work/ref" "$work/in" 2>"$work/err-ref" || bad "clean run" "$(cat "$work/err-ref")"

# 1. the disk fills up part-way through the run, then space is freed and the
#    run resumed
if ! mount -t tmpfs -o size=64k tmpfs "$mnt" 2>"$work/err-mount"; then
	skip "disk full: cannot mount a tmpfs here ($(head -n 1 "$work/err-mount")); run as root to test it"
else
	umount "$mnt"
	for size in 96k 256k 512k 768k; do
		tag="disk full at $size"
		mount -t tmpfs -o size=$size tmpfs "$mnt"
		# an earlier run built one office: the stamps file has room to append to
		"$annexc" build -q -o "$mnt/out" "$work/in/office-00001.xml" 2>/dev/null || bad "$tag: first office"
		"$annexc" build -q -j 2 -o "$mnt/out" "$work/in" 2>"$work/err-full"
		code=$?
		[ "$code" = 3 ] && ok || bad "$tag: exit $code, expected 3" "$(cat "$work/err-full")"
		grep -q 'No space left on device' "$work/err-full" && ok || bad "$tag: the cause is named" "$(cat "$work/err-full")"
		grep -q '\[ERROR\]' "$work/err-full" && bad "$tag: libxlsxwriter's own messages" "$(cat "$work/err-full")" || ok
		msg=$(complete "$mnt/out") && ok || bad "$tag: outputs present are complete" "$msg"
		msg=$(no_temps "$mnt/out") && ok || bad "$tag: temporary files" "$msg"
		mount -o remount,size=64m "$mnt"
		"$annexc" build -q -j 2 -o "$mnt/out" "$work/in" 2>"$work/err-resume"
		code=$?
		[ "$code" = 0 ] && ok || bad "$tag: resume: exit $code" "$(cat "$work/err-resume")"
		msg=$(same_as "$mnt/out" "$work/ref") && ok || bad "$tag: resume rebuilds what was not written whole" "$msg"
		st=$(jq -r '[.inputs[].status | select(. != "built" and . != "up-to-date")] | length' "$mnt/out/annexc-run.json" 2>&1)
		[ "$st" = 0 ] && ok || bad "$tag: resume: every office built or up to date" "$st"
		umount "$mnt"
	done
	# one office whose workbook cannot be written whole, in this process (-j 1)
	mount -t tmpfs -o size=8k tmpfs "$mnt"
	"$annexc" build -q -j 1 --format xlsx -o "$mnt/out" "$work/in/office-00001.xml" 2>"$work/err-x"
	code=$?
	want="$work/in/office-00001.xml: error: $mnt/out/office-00001.xlsx: No space left on device"
	[ "$code" = 3 ] && grep -qxF "$want" "$work/err-x" && ok || bad "workbook on a full disk: exit $code" "$(cat "$work/err-x")"
	[ ! -e "$mnt/out/office-00001.xlsx" ] && ok || bad "no workbook left on a full disk"
	[ ! -s "$mnt/out/.annexc/stamps" ] && ok || bad "no stamp for a workbook not written" "$(cat "$mnt/out/.annexc/stamps")"
	umount "$mnt"
fi

# 2. a read-only OUTDIR, new and from an earlier run
if ! mount -t tmpfs -o size=4m tmpfs "$mnt" 2>/dev/null; then
	skip "read-only OUTDIR: cannot mount a tmpfs here; run as root to test it"
else
	mkdir -p "$mnt/old/.annexc"
	mount -o remount,ro "$mnt"
	"$annexc" build -q -o "$mnt/new" "$work/in" 2>"$work/err-ro"
	code=$?
	[ "$code" = 3 ] && grep -qxF "$mnt/new: cannot create directory: Read-only file system" "$work/err-ro" &&
		[ "$(wc -l <"$work/err-ro")" = 1 ] && ok || bad "read-only OUTDIR: exit $code" "$(cat "$work/err-ro")"
	"$annexc" build -q -o "$mnt/old" "$work/in" 2>"$work/err-ro2"
	code=$?
	[ "$code" = 3 ] && grep -q 'Read-only file system' "$work/err-ro2" && ok ||
		bad "read-only OUTDIR of an earlier run: exit $code" "$(cat "$work/err-ro2")"
	grep -q '\[ERROR\]' "$work/err-ro2" && bad "read-only OUTDIR: libxlsxwriter's own messages" "$(cat "$work/err-ro2")" || ok
	[ -z "$(ls -A "$mnt/old")" ] || [ "$(ls -A "$mnt/old")" = .annexc ] && ok || bad "read-only OUTDIR: nothing written"
	umount "$mnt"
fi

# 3. OUTDIR of mode 555 (its stamps directory writable) as an unprivileged user
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
if ! as_nobody true 2>/dev/null; then
	skip "OUTDIR mode 555: cannot run as user nobody here (setpriv needs root)"
else
	pub=$(mktemp -d)
	chmod 755 "$pub"
	cp -r "$work/in" "$pub/in"
	mkdir -p "$pub/out/.annexc"
	chown nobody "$pub/out/.annexc"
	chmod 555 "$pub/out"
	as_nobody "$annexc" build -q -j 2 -o "$pub/out" "$pub/in" 2>"$work/err-555"
	code=$?
	[ "$code" = 3 ] && [ "$(cat "$work/err-555")" = "$pub/out: cannot write here: Permission denied" ] && ok ||
		bad "OUTDIR mode 555: exit $code, one message before any office" "$(cat "$work/err-555")"
	grep -q '\[ERROR\]' "$work/err-555" && bad "OUTDIR mode 555: libxlsxwriter's own messages" "$(cat "$work/err-555")" || ok
	[ -z "$(find "$pub/out" -name '*.xlsx' -o -name '*.pdf' -o -name '*.tmp')" ] && ok ||
		bad "OUTDIR mode 555: nothing written" "$(ls -la "$pub/out")"
	[ ! -s "$pub/out/.annexc/stamps" ] && ok || bad "OUTDIR mode 555: nothing stamped" "$(cat "$pub/out/.annexc/stamps")"
	chown nobody "$pub/out"
	chmod 755 "$pub/out"
	as_nobody "$annexc" build -q -j 2 -o "$pub/out" "$pub/in" 2>"$work/err-555b"
	code=$?
	[ "$code" = 0 ] && msg=$(same_as "$pub/out" "$work/ref") && ok || bad "OUTDIR writable again: exit $code" "$msg
$(cat "$work/err-555b")"
	rm -rf "$pub"
fi

# 4. a table row taller than a page (a comment within the text limit, in a
#    narrow column): the PDF is refused, not cut at the page's foot
cat >"$work/tall.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<report template="egov-innovation/2023-24/field" quarter="2" fiscal-year="2023-24">
  <office><name>Test office</name></office>
  <results>
    <indicator ref="1.1.1"><achieved quarter="2">16/03/2024</achieved>
      <comment>$(printf 'শব্দ %.0s' $(seq 1 6000))</comment></indicator>
  </results>
</report>
EOF
"$annexc" build -q --format pdf -o "$work/tall" "$work/tall.xml" 2>"$work/err-tall"
code=$?
[ "$code" = 3 ] && grep -q "tall.xml: error: $work/tall/tall.pdf: a table row is taller than a page (.* pt, the page has room for .*): its text would be cut; shorten the text \"শব্দ শব্দ" "$work/err-tall" &&
	ok || bad "row taller than a page: exit $code" "$(cut -c1-300 "$work/err-tall")"
[ ! -e "$work/tall/tall.pdf" ] && ok || bad "row taller than a page: no PDF"

echo "fault: $pass passed, $fail failed"
