#!/usr/bin/env bash
# The test suite: unit tests, every example through every binary (expected
# scores), every bad input with its expected diagnostics, and valgrind.
# usage: run.sh ANNEXC ANNEXC_ASAN [UNIT_TEST...]
# Ends with the line "N passed, N failed"; exits non-zero when anything failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
annexc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
asan=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
shift 2
pass=0 fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export LSAN_OPTIONS=suppressions=$here/lsan.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

ok() { pass=$((pass + 1)); [ -n "${VERBOSE:-}" ] && echo "ok   $1"; return 0; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' <<<"$2"; return 0; }

# 1. unit tests (built with the sanitizers)
for t in "$@"; do
	if out=$("$t" 2>&1); then ok "unit $(basename "$t")"; else bad "unit $(basename "$t")" "$out"; fi
done

# 2. examples: valid, and the scores computed by hand in tests/scores/NAME.expect
for dir in "$top"/examples/*/; do
	name=$(basename "$dir")
	for bin in "$annexc" "$asan"; do
		tag="example $name ($(basename "$(dirname "$bin")"))"
		if ! out=$("$bin" check "$dir/data.xml" 2>&1); then bad "$tag: check" "$out"; continue; fi
		if ! "$bin" score --json "$dir/data.xml" >"$tmp/s.json" 2>"$tmp/err"; then
			bad "$tag: score" "$(cat "$tmp/err")"; continue
		fi
		exp="$here/scores/$name.expect"
		if [ ! -f "$exp" ]; then bad "$tag: no $exp"; continue; fi
		n=0
		while IFS= read -r line; do
			case "$line" in ''|'#'*) continue ;; esac
			n=$((n + 1))
			if ! jq -e "$line" "$tmp/s.json" >/dev/null 2>&1; then
				bad "$tag: $line" "got: $(jq -c "${line%%==*}" "$tmp/s.json" 2>&1)"; continue 2
			fi
		done <"$exp"
		if [ "$n" -eq 0 ]; then bad "$tag: $exp asserts nothing"; else ok "$tag ($n assertions)"; fi
		# every input through every backend, in this binary too
		if out=$("$bin" build -o "$tmp/build-$name" "$dir/data.xml" 2>&1) && [ -s "$tmp/build-$name/data.xlsx" ] &&
			[ -s "$tmp/build-$name/data.pdf" ]; then
			ok "$tag: build"
		else
			bad "$tag: build" "$out"
		fi
		if ls "$tmp/build-$name"/*.tmp >/dev/null 2>&1; then bad "$tag: temporary file left behind"; fi
		rm -rf "$tmp/build-$name"
	done
done

# 3. bad inputs: tests/bad/CASE/{cmd,expect,...}; run inside the case directory.
#    expect: first line "exit N", then lines that must each appear in stderr.
for dir in "$here"/bad/*/; do
	name=$(basename "$dir")
	for bin in "$annexc" "$asan"; do
		tag="bad $name ($(basename "$(dirname "$bin")"))"
		read -r -a args <"$dir/cmd"
		(cd "$dir" && "$bin" "${args[@]}") >"$tmp/out" 2>"$tmp/err"
		code=$?
		want=$(head -n 1 "$dir/expect" | sed 's/^exit //')
		if [ "$code" != "$want" ]; then
			bad "$tag: exit $code, expected $want" "$(cat "$tmp/err")"; continue
		fi
		if grep -q 'Sanitizer\|runtime error' "$tmp/err"; then bad "$tag: sanitizer" "$(cat "$tmp/err")"; continue; fi
		if [ "$code" != 0 ] && [ -s "$tmp/out" ]; then bad "$tag: wrote output despite errors" "$(cat "$tmp/out")"; continue; fi
		missing=$(tail -n +2 "$dir/expect" | while IFS= read -r l; do
			[ -z "$l" ] && continue
			grep -qF -- "$l" "$tmp/err" || echo "missing: $l"
		done)
		if [ -n "$missing" ]; then bad "$tag" "$missing
got:
$(cat "$tmp/err")"; else ok "$tag"; fi
	done
done

# 4. valgrind: every example through the normal binary, no leaks, no errors
if command -v valgrind >/dev/null 2>&1; then
	for dir in "$top"/examples/*/; do
		name=$(basename "$dir")
		if out=$(valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
			--suppressions="$here/valgrind.supp" --error-exitcode=99 \
			"$annexc" build -o "$tmp/vg-$name" "$dir/data.xml" 2>&1 >/dev/null); then
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
#    the command line: --help against docs/annexc.1, summary's output names
for check in xlsx pdf cli print; do
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
