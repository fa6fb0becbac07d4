#!/bin/sh
# Copies the seeds of the data, build and template targets into fuzz/corpus/
# from the examples, the shipped templates and tests/bad, named after where
# each came from; a file whose content is already there, or larger than
# 64 KiB (it would raise every input's size limit), is not copied.
# Run from the top of the tree after adding an example or a bad case.
set -e
c=fuzz/corpus
add() { # add TARGET NAME FILE
	[ "$(wc -c <"$3")" -le 65536 ] || return 0
	for f in "$c/$1"/*; do cmp -s "$f" "$3" && return 0; done
	cp "$3" "$c/$1/$2"
}
mkdir -p $c/data $c/build $c/template
for d in examples/*/; do
	n=$(basename "$d")
	add data "example-$n.xml" "$d/data.xml"
	add build "example-$n.xml" "$d/data.xml"
	for f in "$d"*.xml; do
		[ "$(basename "$f")" = data.xml ] || add template "example-$(basename "$f")" "$f"
	done
done
for f in templates/*/*/*.xml; do
	add template "shipped-$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")" "$f"
done
for d in tests/bad/*/; do
	n=$(basename "$d")
	for f in "$d"*.xml; do
		[ -f "$f" ] || continue
		case $(basename "$f") in
		data.xml) add data "bad-$n.xml" "$f" ;;
		*) add template "bad-$n-$(basename "$f")" "$f" ;;
		esac
	done
done
