#!/bin/sh
# Writes the fuzzing dictionary (libFuzzer's -dict format) to stdout: every
# element, attribute and value name of the schemas given, as tags and
# attributes, then the tokens of fuzz/tokens.txt (one per line, UTF-8; lines
# starting with # are comments). Bytes outside printable ASCII are escaped.
# usage: dict.sh TOKENS SCHEMA...
set -e
tokens=$1
shift
{
	sed -n 's/.*<element name="\([^"]*\)".*/<\1>\n<\1 \n<\/\1>/p' "$@"
	sed -n 's/.*<attribute name="\([^"]*\)".*/ \1="/p' "$@"
	sed -n 's/.*<value>\([^<]*\)<\/value>.*/"\1"/p' "$@"
	grep -v '^#' "$tokens" | grep -v '^$'
} | LC_ALL=C sort -u | LC_ALL=C awk '
BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
{
	out = ""
	for (i = 1; i <= length($0); i++) {
		c = substr($0, i, 1); o = ord[c]
		if (c == "\"" || c == "\\") out = out "\\" c
		else if (o < 32 || o > 126) out = out sprintf("\\x%02X", o)
		else out = out c
	}
	printf "kw%d=\"%s\"\n", NR, out
}'
