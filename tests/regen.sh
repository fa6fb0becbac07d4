#!/usr/bin/env bash
# make regen: rewrites the expected outputs stored beside the inputs.
# usage: regen.sh ANNEXC        (YES=1 in the environment: rewrite without asking)
#
# Runs every example (examples/NAME/expected/CMD.stdout and CMD.stderr for
# check, score, dump and build) and every bad case (tests/bad/CASE/stderr,
# stdout when it prints anything, and the "exit N" first line of expect)
# into a scratch directory, exactly as tests/run.sh does (tests/expected.sh),
# and shows a unified diff for each expected file that is new, changed or no
# longer produced. Then: YES=1 rewrites them all; on a terminal it asks y/n
# for each; otherwise it only shows the diffs. Exits 0 when every expected
# file is now up to date, 1 when some still differ.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
annexc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
. "$here/expected.sh"
gen=$(mktemp -d)
trap 'rm -rf "$gen"' EXIT

# the generated tree, laid out as the source tree: gen/REL is the new top/REL
for dir in "$top"/examples/*/; do
	name=$(basename "$dir")
	expected_example "$annexc" "$top" "$name" "$gen/examples/$name/expected"
	rm -rf "$gen/examples/$name/expected.build"
	while read -r cmd code; do
		[ "$code" = 0 ] || echo "regen: warning: examples/$name: $cmd exits $code (an example must be valid)" >&2
	done <"$gen/examples/$name/expected.exit"
	rm -f "$gen/examples/$name/expected.exit"
done
for dir in "$here"/bad/*/; do
	name=$(basename "$dir")
	if [ ! -f "$dir/cmd" ]; then echo "regen: warning: tests/bad/$name has no cmd (skipped)" >&2; continue; fi
	expected_bad "$annexc" "$top" "${dir%/}" "$gen/tests/bad/$name"
done

# every managed file: what is generated, and what is stored but no longer generated
files=$({
	(cd "$gen" && find . -type f | sed 's|^\./||')
	(cd "$top" && ls -d examples/*/expected/* tests/bad/*/stdout 2>/dev/null)
} | sort -u)

changed=0 kept=0
ask=no
[ "${YES:-}" = 1 ] || { [ -t 0 ] && [ -t 1 ] && ask=yes; }
for rel in $files; do
	new="$gen/$rel" old="$top/$rel"
	[ -f "$new" ] || new=/dev/null
	[ -f "$old" ] || old=/dev/null
	# same when both exist with the same bytes, or neither exists; an empty
	# file that should exist differs from a missing one
	if [ -f "$top/$rel" ] && [ -f "$gen/$rel" ] && cmp -s "$old" "$new"; then continue; fi
	if [ ! -f "$top/$rel" ] && [ ! -f "$gen/$rel" ]; then continue; fi
	changed=$((changed + 1))
	if [ ! -s "$old" ] && [ ! -s "$new" ]; then
		[ "$new" = /dev/null ] && echo "regen: $rel is no longer produced (it is empty)" ||
			echo "regen: $rel is new (and empty)"
	else
		diff -u --label "a/$rel" --label "b/$rel" "$old" "$new"
	fi
	if [ "${YES:-}" = 1 ]; then
		answer=y
	elif [ "$ask" = yes ]; then
		read -r -p "regen: rewrite $rel? [y/N] " answer
	else
		answer=n
	fi
	case $answer in
	y | Y | yes)
		if [ "$new" = /dev/null ]; then
			rm -f "$top/$rel"
			echo "regen: removed $rel"
		else
			mkdir -p "$(dirname "$top/$rel")"
			cp "$new" "$top/$rel"
			echo "regen: wrote $rel"
		fi
		;;
	*) kept=$((kept + 1)) ;;
	esac
done
if [ "$changed" = 0 ]; then
	echo "regen: every expected file is up to date"
elif [ "$kept" != 0 ]; then
	echo "regen: $kept of $changed expected file(s) differ and were left as they are" \
		"(make regen YES=1 rewrites them all)" >&2
	exit 1
fi
exit 0
