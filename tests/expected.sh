# Sourced by tests/run.sh and tests/regen.sh: runs an example or a bad case
# and writes what it printed into a directory, in the form its expected files
# are stored in, so that the suite compares and `make regen` rewrites the
# very same files.
#
# Output is made independent of where the tree and the scratch directory
# are: examples run from the top of the tree on examples/NAME/data.xml,
# bad cases inside their directory; the tree's absolute path in a message
# (the installed-templates directory is compiled in) becomes $TOP and
# build's output directory becomes $OUTDIR. The environment variables the
# binary reads are unset.

unset ANNEXC_TEMPLATE_PATH SOURCE_DATE_EPOCH

# expected_normalise FILE TOP [OUTDIR]: rewrites FILE in place, the literal
# strings OUTDIR and TOP replaced by $OUTDIR and $TOP.
expected_normalise() {
	O="${3:-}" T="$2" perl -pi -e 's/\Q$ENV{O}\E/\$OUTDIR/g if length $ENV{O}; s/\Q$ENV{T}\E/\$TOP/g' "$1"
}

# The commands each example is run through; examples/NAME/expected/ holds
# CMD.stdout and CMD.stderr for each (possibly empty).
EXPECTED_EXAMPLE_CMDS="check score dump build"

# expected_example BIN TOP NAME OUT: runs examples/NAME/data.xml through each
# command; writes OUT/CMD.stdout and OUT/CMD.stderr, and one line "CMD N"
# per command with its exit status to OUT.exit (beside OUT, not stored:
# every example must succeed); build's outputs are left in OUT.build.
expected_example() {
	local bin=$1 top=$2 name=$3 out=$4 cmd o
	mkdir -p "$out"
	: >"$out.exit"
	for cmd in $EXPECTED_EXAMPLE_CMDS; do
		o="$out.build"
		rm -rf "$o"
		case $cmd in
		build) set -- build --format xlsx,pdf,html -o "$o" "examples/$name/data.xml" ;;
		*) set -- "$cmd" "examples/$name/data.xml" ;;
		esac
		(cd "$top" && "$bin" "$@") >"$out/$cmd.stdout" 2>"$out/$cmd.stderr"
		echo "$cmd $?" >>"$out.exit"
		expected_normalise "$out/$cmd.stdout" "$top" "$o"
		expected_normalise "$out/$cmd.stderr" "$top" "$o"
	done
}

# expected_bad BIN TOP CASEDIR OUT: runs the arguments in CASEDIR/cmd inside
# CASEDIR; writes OUT/stderr, OUT/stdout (only when it printed anything) and
# OUT/expect (its first line "exit N", then the stored expect's other lines).
expected_bad() {
	local bin=$1 top=$2 dir=$3 out=$4 code args
	mkdir -p "$out"
	read -r -a args <"$dir/cmd"
	(cd "$dir" && "$bin" "${args[@]}") >"$out/stdout" 2>"$out/stderr"
	code=$?
	expected_normalise "$out/stdout" "$top"
	expected_normalise "$out/stderr" "$top"
	[ -s "$out/stdout" ] || rm -f "$out/stdout"
	{
		echo "exit $code"
		[ -f "$dir/expect" ] && tail -n +2 "$dir/expect"
	} >"$out/expect"
	return 0
}
