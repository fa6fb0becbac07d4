#!/bin/sh
# Installs the Debian packages annexc needs, only those that are missing.
#   deps.sh build   libraries to build annexc
#   deps.sh test    tools the test suite uses
#   deps.sh fuzz    clang and its libFuzzer runtime (make fuzz)
set -e
need=""
have_pc() { pkg-config --exists "$1" 2>/dev/null; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

case "$1" in
build)
	have_cmd cc || need="$need gcc"
	have_cmd make || need="$need make"
	have_cmd pkg-config || need="$need pkg-config"
	have_pc libxml-2.0 || need="$need libxml2-dev"
	have_pc pangocairo || need="$need libpango1.0-dev libcairo2-dev"
	have_pc fontconfig || need="$need libfontconfig-dev"
	have_pc xlsxwriter || need="$need libxlsxwriter-dev"
	have_pc jansson || need="$need libjansson-dev"
	have_pc libzip || need="$need libzip-dev"
	[ -e /usr/include/csv.h ] || need="$need libcsv-dev"
	fc-list 2>/dev/null | grep -q 'Noto Sans Bengali' || need="$need fonts-noto-core"
	;;
test)
	have_cmd jq || need="$need jq"
	have_cmd valgrind || need="$need valgrind"
	have_cmd xmllint || need="$need libxml2-utils"
	[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import openpyxl' 2>/dev/null || need="$need python3 python3-openpyxl"
	have_cmd soffice || need="$need libreoffice-calc-nogui"
	# Calibri's metrics (Carlito): a workbook's column widths are in units of
	# its default font, Calibri 11, as Excel prints them
	fc-list 2>/dev/null | grep -q Carlito || need="$need fonts-crosextra-carlito"
	have_cmd pdftotext || need="$need poppler-utils"
	have_cmd unzip || need="$need unzip"
	have_cmd tidy || need="$need tidy"
	have_cmd chromium || need="$need chromium"
	;;
fuzz)
	# libFuzzer comes with clang's runtime libraries (libclang-rt-N-dev on
	# Debian 12, pulled in by libclang-rt-dev for the default clang).
	have_cmd clang || need="$need clang"
	if ! have_cmd clang || ! printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; return (int)n * 0; }\n' |
		clang -fsanitize=fuzzer,address -x c - -o /dev/null 2>/dev/null; then
		need="$need libclang-rt-dev"
	fi
	;;
bench)
	/usr/bin/python3 -c 'import xlsxwriter' 2>/dev/null || need="$need python3-xlsxwriter"
	;;
*)
	echo "usage: deps.sh build|test|fuzz|bench" >&2
	exit 2
	;;
esac

[ -z "$need" ] && exit 0
echo "  APT    $need"
if [ "$(id -u)" != 0 ]; then
	echo "annexc: missing Debian packages:$need (run as root, or install them)" >&2
	exit 3
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $need >/dev/null
