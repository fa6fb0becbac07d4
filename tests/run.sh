#!/usr/bin/env bash
# The test suite: unit tests, every example through every binary (exact
# output of every command, expected scores), every bad input with its exact
# diagnostics, valgrind, the workbook, PDF and batch checks.
# usage: run.sh ANNEXC ANNEXC_ASAN [UNIT_TEST...]
# Ends with the line "N passed, N failed"; exits non-zero when anything failed.
#
# Expected outputs stored beside the inputs, compared byte for byte (paths in
# messages as tests/expected.sh makes them: relative, the tree as $TOP):
#   examples/NAME/expected/CMD.stdout, CMD.stderr  for CMD in check, score,
#       dump, build: run from the top of the tree as `annexc CMD
#       examples/NAME/data.xml` (build: --format xlsx,pdf,html -o $OUTDIR); every one must exit 0.
#   tests/bad/CASE/cmd     the arguments, run inside tests/bad/CASE
#   tests/bad/CASE/expect  first line "exit N", the exit status; further lines
#       (written by hand) must each appear in stderr
#   tests/bad/CASE/stderr  all of stderr, in order
#   tests/bad/CASE/stdout  all of stdout; absent: it must print nothing
# A missing expected file fails. `make regen` (tests/regen.sh) runs the same
# commands, shows the diff of every expected file that is new or changed and
# rewrites them when asked: `make regen` asks y/n for each on a terminal,
# `make regen YES=1` rewrites them all, otherwise it only shows the diffs
# (exit 1 if any differ). A new example or bad case needs only its inputs
# (and cmd); make regen writes the rest, to be reviewed before committing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
annexc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
asan=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
shift 2
. "$here/expected.sh"
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$here/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

ok() { pass=$((pass + 1)); [ -n "${VERBOSE:-}" ] && echo "ok   $1"; return 0; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' <<<"$2"; return 0; }

# 1. unit tests (built with the sanitizers)
for t in "$@"; do
	if out=$("$t" 2>&1); then ok "unit $(basename "$t")"; else bad "unit $(basename "$t")" "$out"; fi
done

# same REL GOT: the generated file GOT equals the stored top/REL exactly
# (prints why not: missing, or the diff)
same() {
	if [ ! -f "$top/$1" ]; then
		echo "$1 is missing (make regen writes it)"
	elif [ ! -f "$2" ]; then
		echo "nothing was printed, but $1 is stored (make regen removes it)"
	elif ! cmp -s "$top/$1" "$2"; then
		diff -u --label "expected $1" --label "got" "$top/$1" "$2" | head -n 40
		echo "(if the change is right: make regen)"
	else
		return 0
	fi
	return 1
}

# 2. examples: every command's exact output (examples/NAME/expected/, see
#    tests/expected.sh), valid, the scores computed by hand in
#    tests/scores/NAME.expect, and every backend written, through both binaries
for dir in "$top"/examples/*/; do
	name=$(basename "$dir")
	[ -f "$here/scores/$name.expect" ] || bad "example $name: no tests/scores/$name.expect"
	for bin in "$annexc" "$asan"; do
		kind=normal; [ "$bin" = "$asan" ] && kind=asan
		tag="example $name ($kind)"
		got="$tmp/ex-$kind/$name"
		expected_example "$bin" "$top" "$name" "$got"
		codes=$(grep -v ' 0$' "$got.exit")
		if [ -n "$codes" ]; then bad "$tag: exit status" "$codes
$(cat "$got"/*.stderr)"; fi
		if grep -q 'Sanitizer\|runtime error' "$got"/*.stderr; then bad "$tag: sanitizer" "$(cat "$got"/*.stderr)"; fi
		for cmd in $EXPECTED_EXAMPLE_CMDS; do
			for f in "$cmd.stdout" "$cmd.stderr"; do
				if msg=$(same "examples/$name/expected/$f" "$got/$f"); then ok "$tag: $f"; else bad "$tag: $f" "$msg"; fi
			done
		done
		for f in "$dir"expected/*; do
			[ -e "$f" ] || continue
			case " $EXPECTED_EXAMPLE_CMDS " in *" $(basename "${f%.std*}") "*) continue ;; esac
			bad "$tag: $f is not produced by any command (make regen removes it)"
		done
		if [ -s "$got.build/data.xlsx" ] && [ -s "$got.build/data.pdf" ] && [ -s "$got.build/data.html" ]; then
			ok "$tag: build wrote all three"; else bad "$tag: build did not write all three" "$(ls "$got.build" 2>&1)"; fi
		if ls "$got.build"/*.tmp >/dev/null 2>&1; then bad "$tag: temporary file left behind"; fi
		exp="$here/scores/$name.expect"
		[ -f "$exp" ] || continue
		(cd "$top" && "$bin" score --json "examples/$name/data.xml") >"$tmp/s.json" 2>/dev/null
		n=0
		while IFS= read -r line; do
			case "$line" in ''|'#'*) continue ;; esac
			n=$((n + 1))
			if ! jq -e "$line" "$tmp/s.json" >/dev/null 2>&1; then
				bad "$tag: $line" "got: $(jq -c "${line%%==*}" "$tmp/s.json" 2>&1)"; continue 2
			fi
		done <"$exp"
		if [ "$n" -eq 0 ]; then bad "$tag: $exp asserts nothing"; else ok "$tag ($n assertions)"; fi
	done
done
# a score expectation whose example is gone (renamed?) checks nothing
for exp in "$here"/scores/*.expect; do
	name=$(basename "$exp" .expect)
	[ -f "$top/examples/$name/data.xml" ] || bad "tests/scores/$name.expect: no example examples/$name"
done

# 3. bad inputs: tests/bad/CASE/: cmd (the arguments, run inside the case
#    directory), expect (first line "exit N": the exit status; any further
#    lines must each appear in stderr, as written by hand), stderr (all of it,
#    exactly), stdout (exactly; absent: nothing may be printed). make regen
#    writes stderr, stdout and the exit line.
for dir in "$here"/bad/*/; do
	name=$(basename "$dir")
	rel=tests/bad/$name
	for bin in "$annexc" "$asan"; do
		kind=normal; [ "$bin" = "$asan" ] && kind=asan
		tag="bad $name ($kind)"
		got="$tmp/bad-$kind/$name"
		if [ ! -f "$dir/cmd" ]; then bad "$tag: no $rel/cmd"; continue; fi
		expected_bad "$bin" "$top" "${dir%/}" "$got"
		if grep -q 'Sanitizer\|runtime error' "$got/stderr"; then bad "$tag: sanitizer" "$(cat "$got/stderr")"; continue; fi
		if ! msg=$(same "$rel/expect" "$got/expect"); then bad "$tag: exit status" "$msg"; fi
		if [ -f "$got/stdout" ] && ! head -n 1 "$got/expect" | grep -qx 'exit 0'; then
			bad "$tag: wrote output despite errors" "$(cat "$got/stdout")"
		fi
		if ! msg=$(same "$rel/stderr" "$got/stderr"); then bad "$tag: stderr" "$msg"; continue; fi
		if [ -f "$got/stdout" ] || [ -f "$dir/stdout" ]; then
			if ! msg=$(same "$rel/stdout" "${got}/stdout"); then bad "$tag: stdout" "$msg"; continue; fi
		fi
		missing=$(tail -n +2 "$dir/expect" | while IFS= read -r l; do
			[ -z "$l" ] && continue
			grep -qF -- "$l" "$got/stderr" || echo "missing: $l"
		done)
		if [ -n "$missing" ]; then bad "$tag" "$missing"; else ok "$tag"; fi
	done
done

# 4. valgrind: every example through the normal binary, no leaks, no errors
if command -v valgrind >/dev/null 2>&1; then
	for dir in "$top"/examples/*/; do
		name=$(basename "$dir")
		if out=$(valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--suppressions="$here/valgrind.supp" --error-exitcode=99 \
			"$annexc" build --format xlsx,pdf,html -o "$tmp/vg-$name" "$dir/data.xml" 2>&1 >/dev/null); then
			ok "valgrind $name"
		else
			bad "valgrind $name" "$(grep -v 'warning:' <<<"$out")"
		fi
	done
else
	bad "valgrind is not installed"
fi

# 5. workbooks read back (openpyxl) and recalculated by LibreOffice;
# 6. PDFs: text back out exactly, fonts embedded, pagination (stress report);
#    HTML pages: tidy, the table against dump, printed in headless Chromium;
#    the command line: --help against docs/annexc.1, summary's output names
#    the ministry summary: quarters, register, levels, letter, charts
for check in xlsx pdf html cli summary forms print; do
	if [ ! -x /usr/bin/python3 ]; then bad "python3 is not installed"; break; fi
	out=$(/usr/bin/python3 "$here/${check}_check.py" "$annexc" "$tmp/$check" "$top"/examples/*/ 2>&1)
	p=$(sed -n "s/^$check: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p" <<<"$out")
	f=$(sed -n "s/^$check: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p" <<<"$out")
	if [ -z "$p" ]; then bad "${check}_check.py did not finish" "$out"; else
		pass=$((pass + p)); fail=$((fail + f))
		grep '^FAIL' <<<"$out" || true
	fi
done

# 7. batch: a broken office among good ones, kill -9 and resume, shards, names
out=$(bash "$here/batch_check.sh" "$annexc" "$tmp/batch" 2>&1)
p=$(sed -n 's/^batch: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$out")
f=$(sed -n 's/^batch: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$out")
if [ -z "$p" ]; then bad "batch_check.sh did not finish" "$out"; else
	pass=$((pass + p)); fail=$((fail + f))
	grep '^FAIL' <<<"$out" || true
fi

# 8. faults while writing: disk full, read-only OUTDIR, OUTDIR mode 555
out=$(bash "$here/fault_check.sh" "$annexc" "$tmp/fault" 2>&1)
p=$(sed -n 's/^fault: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$out")
f=$(sed -n 's/^fault: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$out")
if [ -z "$p" ]; then bad "fault_check.sh did not finish" "$out"; else
	pass=$((pass + p)); fail=$((fail + f))
	grep '^FAIL\|^SKIP' <<<"$out" || true
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
