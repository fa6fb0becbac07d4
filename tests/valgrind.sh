#!/usr/bin/env bash
# Runs every example and every bad input through valgrind; non-zero on any error or leak.
set -u
annexc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
rc=0
vg() { valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions="$top/tests/valgrind.supp" --error-exitcode=99 "$@"; }
for d in "$top"/examples/*/; do
	vg "$annexc" build -o "$(mktemp -d)" "$d/data.xml" >/dev/null 2>&1; [ $? = 99 ] && { echo "valgrind: $d"; rc=1; }
done
for d in "$top"/tests/bad/*/; do
	read -r -a args <"$d/cmd"
	(cd "$d" && vg "$annexc" "${args[@]}" >/dev/null 2>&1); [ $? = 99 ] && { echo "valgrind: $d"; rc=1; }
done
[ $rc = 0 ] && echo "valgrind: clean"
exit $rc
