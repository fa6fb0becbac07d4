#!/usr/bin/python3
"""The command line against its documentation, and summary's output names.

usage: cli_check.py ANNEXC WORKDIR EXAMPLE_DIR...

- every command's --help (and -h) goes to standard output with status 0;
- each command's options in docs/annexc.1's SYNOPSIS are exactly those of
  its --help usage line, and each usage line's options are the ones its
  --help lists below it;
- the OPTIONS section of the man page has exactly the options (short and
  long forms paired the same way) that annexc --help lists;
- summary -o DIR/NAME.pdf, with DIR missing, creates DIR and writes
  NAME.xlsx (a zip) and NAME.pdf (a PDF), and no library message;
- summary -o into a path through a file fails with one message.
Ends with "cli: N passed, N failed".
"""
import os
import re
import sys

from checklib import Checks, run

COMMANDS = ["check", "score", "build", "summary", "dump", "form", "convert"]
# An option word: - or -- and a lower-case name, not inside another word.
OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")
HERE = os.path.dirname(os.path.abspath(__file__))
MAN = os.path.join(os.path.dirname(HERE), "docs", "annexc.1")


def section(man, name):
    """The roff source of section .SH NAME, with \\- as -."""
    m = re.search(r"^\.SH %s\n(.*?)^\.SH " % name, man, re.S | re.M)
    return m.group(1).replace("\\-", "-") if m else ""


def man_synopsis(man):
    """{command: set of options} from the SYNOPSIS blocks."""
    out = {}
    for block in section(man, "SYNOPSIS").split(".br\n"):
        m = re.match(r"\.B annexc (\w+)\n", block)
        if m:
            out[m.group(1)] = set(OPTION.findall(block[m.end():]))
    return out


def man_options(man):
    """The option forms of each .TP entry of OPTIONS, as a sorted list of tuples."""
    heads = re.findall(r"^\.TP\n(.*)$", section(man, "OPTIONS"), re.M)
    return sorted(tuple(sorted(set(OPTION.findall(h)))) for h in heads)


def help_parts(text):
    """(options of the usage lines, [option forms of each option line])."""
    usage, _, rest = text.partition("\n\n")
    usage = re.sub(r"annexc (\w+)", "", usage)
    lines = []
    for line in rest.splitlines():
        m = re.match(r"  (-\S.*?)(?:\s{2,}|$)", line)
        if m:
            lines.append(tuple(sorted(set(OPTION.findall(m.group(1))))))
    return set(OPTION.findall(usage)), lines


def check_help(c, annexc, man):
    synopsis = man_synopsis(man)
    c(sorted(synopsis) == sorted(COMMANDS), "man SYNOPSIS has every command", sorted(synopsis))
    for cmd in COMMANDS:
        r = run([annexc, cmd, "--help"])
        c(r.returncode == 0 and r.stderr == "" and r.stdout.startswith("usage: annexc %s " % cmd),
          "%s --help: its usage on stdout, status 0" % cmd, (r.returncode, r.stderr, r.stdout[:80]))
        h = run([annexc, "-h", cmd])
        c(h.returncode == 0 and h.stdout == r.stdout, "%s: -h before the command, same help" % cmd)
        used, lines = help_parts(r.stdout)
        c(used == synopsis.get(cmd), "%s: man SYNOPSIS options == --help usage options" % cmd,
          "man %s, help %s" % (sorted(synopsis.get(cmd, ())), sorted(used)))
        listed = {f for forms in lines for f in forms}
        common = {"-h", "--help", "--version"}
        # each listed option appears in the usage line by one of its forms
        c(all(set(forms) & (used | common) for forms in lines) and used <= listed,
          "%s --help: usage line and option list agree" % cmd, (sorted(used), lines))
    r = run([annexc, "--help"])
    c(r.returncode == 0 and r.stderr == "", "annexc --help, status 0", r.stderr)
    _, lines = help_parts(r.stdout)
    c(sorted(lines) == man_options(man), "man OPTIONS == annexc --help options",
      "man %s, help %s" % (man_options(man), sorted(lines)))


def check_summary(c, annexc, work, example):
    run_dir = os.path.join(work, "run")
    r = run([annexc, "build", "-q", "--format", "xlsx", "-o", run_dir, os.path.join(example, "data.xml")])
    c(r.returncode == 0, "build for the summary", r.stderr)
    report = os.path.join(run_dir, "annexc-run.json")
    out = os.path.join(work, "missing", "dir", "sum.pdf")
    r = run([annexc, "summary", "-o", out, report])
    c(r.returncode == 0 and r.stderr == "", "summary -o MISSING/DIR/sum.pdf", r.stderr)
    for name, magic in (("sum.xlsx", b"PK"), ("sum.pdf", b"%PDF")):
        path = os.path.join(work, "missing", "dir", name)
        head = open(path, "rb").read(4) if os.path.exists(path) else b""
        c(head.startswith(magic), "summary -o sum.pdf wrote %s" % name, head)
    written = sorted(os.listdir(os.path.dirname(out))) if os.path.isdir(os.path.dirname(out)) else []
    c(written == ["sum.pdf", "sum.xlsx"], "summary wrote only sum.xlsx and sum.pdf", written)
    blocker = os.path.join(work, "a-file")
    open(blocker, "w").close()
    r = run([annexc, "summary", "-o", os.path.join(blocker, "sum.xlsx"), report])
    c(r.returncode == 3 and r.stderr == "%s: cannot create directory: Not a directory\n" % blocker,
      "summary -o FILE/sum.xlsx: one message, status 3", r.stderr)
    r = run([annexc, "summary", "--font-dir", work, "--format", "xlsx", "-o",
             os.path.join(work, "fd", "sum.xlsx"), report])
    c(r.returncode == 0 and os.path.exists(os.path.join(work, "fd", "sum.xlsx")),
      "summary --font-dir DIR is taken", r.stderr)


def main():
    annexc, work, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(work, exist_ok=True)
    c = Checks("cli")
    with open(MAN, encoding="utf-8") as f:
        man = f.read()
    check_help(c, annexc, man)
    c(len(examples) > 0, "an example to summarise")
    if examples:
        check_summary(c, annexc, work, examples[0])
    c.finish()


main()
