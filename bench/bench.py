#!/usr/bin/python3
"""make bench: annexc against the tools a user would otherwise pick, on N
synthetic offices of the field template (BENCH_N, default 1000). Times per
report and per second, with peak RSS (the largest process of each run).

  annexc   XLSX, PDF, both; -j 1 and -j <cores>
  peers    a Python XlsxWriter script (same offices, equivalent workbook, one
           process), and headless LibreOffice converting those workbooks to
           PDF in one batch invocation (a sample of BENCH_LO_N, default 40)
  floors   bench/floor_xlsx.c and floor_pdf.c: the same workbooks and PDFs
           written with libxlsxwriter and pango/cairo directly, from
           `annexc dump` of each office (made once, kept in
           out/bench/dumps-N), one process each; their time is their write
           loop's only, and annexc's time over it is what annexc costs
           beyond writing
  growth   annexc both -j <cores> at N = 100 and N (and 10,000 with
           BENCH_SCALE=1, or the sizes of BENCH_SCALE=10000,24000), per
           report time and peak RSS

Every timed run writes into a new, empty directory, and the old ones are
deleted only after all timing: on ext4 without a journal, creating files
right after deleting many is slow, and --force into a full directory
renames over old files; both would be timed as annexc's. BENCH_RUNS=R
(default 1) runs each timing R times and reports the median.

Prints a Markdown table; writes bench/results.md only with WRITE=1.
"""
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
ANNEXC = os.path.join(TOP, "build", "annexc")
WORK = os.path.join(TOP, "out", "bench")
CORES = os.cpu_count() or 1
FLOOR_XLSX = os.path.join(TOP, "build", "bench", "floor_xlsx")
FLOOR_PDF = os.path.join(TOP, "build", "bench", "floor_pdf")
RUNS = max(1, int(os.environ.get("BENCH_RUNS", "1")))
# This run's output directories, one new one per timed run, deleted at the end.
SCRATCH = os.path.join(WORK, "runs-%d" % os.getpid())
_seq = [0]


def offices(n):
    d = os.path.join(WORK, "offices-%d" % n)
    if not os.path.isdir(d) or len(os.listdir(d)) != n:
        shutil.rmtree(d, ignore_errors=True)
        subprocess.run(["/usr/bin/python3", os.path.join(TOP, "scripts", "gen-offices.py"), str(n), d], check=True)
    return d


def dump_one(job):
    src, dst = job
    with open(dst + ".tmp", "wb") as f:
        subprocess.run([ANNEXC, "dump", src], stdout=f, stderr=subprocess.DEVNULL, check=True)
    os.replace(dst + ".tmp", dst)


def dumps(n):
    """`annexc dump` of each of the n offices, made again when missing or
    older than the office or build/annexc."""
    src = offices(n)
    d = os.path.join(WORK, "dumps-%d" % n)
    os.makedirs(d, exist_ok=True)
    newest = os.path.getmtime(ANNEXC)
    jobs, out = [], []
    for f in sorted(os.listdir(src)):
        s, t = os.path.join(src, f), os.path.join(d, os.path.splitext(f)[0] + ".dump")
        out.append(t)
        if not os.path.exists(t) or os.path.getmtime(t) < max(newest, os.path.getmtime(s)):
            jobs.append((s, t))
    if jobs:
        with multiprocessing.Pool(CORES) as pool:
            pool.map(dump_one, jobs, chunksize=16)
    return out


def fresh(label, create=False):
    """A new output directory (created when asked; annexc creates its own)."""
    _seq[0] += 1
    d = os.path.join(SCRATCH, "%03d-%s" % (_seq[0], label))
    if create:
        os.makedirs(d)
    return d


def measure(args, env=None):
    """Wall seconds and peak RSS (MiB) of a command and its children, and its
    stdout. The disk is synced first (not timed), so that no run pays for
    writing back what an earlier one left in the page cache."""
    os.sync()
    t0 = time.monotonic()
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    t = time.monotonic() - t0
    p.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        print("bench: %s failed" % " ".join(args[:4]), file=sys.stderr)
    return t, ru.ru_maxrss / 1024.0, out.decode("utf-8", "replace")


def timed(run):
    """run() -> (seconds, RSS) RUNS times: the median time and its run's RSS."""
    got = sorted(run() for _ in range(RUNS))
    return got[len(got) // 2]


def annexc(n, fmt, jobs):
    def run():
        t, rss, _ = measure([ANNEXC, "build", "-q", "-j", str(jobs), "--format", fmt, "-o", fresh("annexc"),
                             offices(n)])
        return t, rss
    return timed(run)


def floor(prog, files):
    """A floor's own time for its write loop, and its peak RSS."""
    def run():
        _, rss, out = measure([prog, fresh(os.path.basename(prog), True)] + files)
        words = out.split()
        if len(words) != 4 or words[0] != "reports" or int(words[1]) != len(files):
            print("bench: %s printed %r" % (prog, out), file=sys.stderr)
            return float("nan"), rss
        return float(words[3]), rss
    return timed(run)


def clean_up():
    """Every output directory of this run and of earlier ones, after all timing."""
    for f in os.listdir(WORK):
        if f.startswith("runs-") or f in ("out-annexc", "out-peer", "out-lo"):
            shutil.rmtree(os.path.join(WORK, f), ignore_errors=True)


def row(name, n, t, rss):
    return "| %s | %d | %.2f | %.2f | %.1f | %.1f |" % (name, n, t, 1000 * t / n, n / t, rss)


def main():
    n = int(os.environ.get("BENCH_N", "1000"))
    lo_n = min(n, int(os.environ.get("BENCH_LO_N", "40")))
    os.makedirs(SCRATCH)
    data = sorted(os.path.join(offices(n), f) for f in os.listdir(offices(n)))
    dump_files = dumps(n)
    lines = ["# annexc benchmark", "",
             "%s, %d cores, N = %d synthetic offices (field template), %s%s" % (
                 platform.platform(), CORES, n, time.strftime("%Y-%m-%d"),
                 ", median of %d runs" % RUNS if RUNS > 1 else ""), "",
             "| run | reports | seconds | ms/report | reports/s | peak RSS MiB |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    res = {}
    for fmt in ("xlsx", "pdf", "xlsx,pdf"):
        for jobs in (1, CORES):
            t, rss = annexc(n, fmt, jobs)
            res[(fmt, jobs)] = (t, rss)
            lines.append(row("annexc %s -j %d" % (fmt, jobs), n, t, rss))
    peer_out = []

    def peer():
        peer_out.append(fresh("peer"))
        t, rss, _ = measure(["/usr/bin/python3", os.path.join(HERE, "peer_xlsxwriter.py"), peer_out[-1]] + data)
        return t, rss
    t, rss = timed(peer)
    res["py"] = (t, rss)
    lines.append(row("Python XlsxWriter script", n, t, rss))
    lo = None
    if shutil.which("soffice"):
        lo_in = [os.path.join(peer_out[-1], os.path.splitext(os.path.basename(d))[0] + ".xlsx") for d in data[:lo_n]]
        prof = "file://" + os.path.join(WORK, "lo-profile")

        def office():
            t, rss, _ = measure(["soffice", "-env:UserInstallation=" + prof, "--headless", "--norestore",
                                 "--convert-to", "pdf", "--outdir", fresh("lo")] + lo_in)
            return t, rss
        lo = timed(office)
        lines.append(row("LibreOffice → PDF (one batch)", lo_n, *lo))
    fx = floor(FLOOR_XLSX, dump_files)
    lines.append(row("floor: libxlsxwriter (C)", n, *fx))
    fp = floor(FLOOR_PDF, dump_files)
    lines.append(row("floor: pango/cairo (C)", n, *fp))
    lines += ["", "Floors: the time of their write loop alone (the dumps are read before it).",
              "", "| ratio (per report) | value |", "| --- | ---: |"]
    xl = res[("xlsx", 1)][0] / n
    lines.append("| Python XlsxWriter ÷ annexc XLSX (-j 1) | %.1f× |" % ((res["py"][0] / n) / xl))
    if lo:
        lines.append("| LibreOffice PDF ÷ annexc PDF (-j 1) | %.1f× |" % ((lo[0] / lo_n) / (res[("pdf", 1)][0] / n)))
    lines.append("| annexc XLSX ÷ libxlsxwriter floor (-j 1) | %.2f× |" % (res[("xlsx", 1)][0] / fx[0]))
    lines.append("| annexc PDF ÷ pango/cairo floor (-j 1) | %.2f× |" % (res[("pdf", 1)][0] / fp[0]))
    lines += ["", "| growth: annexc xlsx,pdf -j %d | reports | seconds | ms/report | reports/s | peak RSS MiB |" % CORES,
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    scale = os.environ.get("BENCH_SCALE", "")
    extra = [10000] if scale == "1" else [int(x) for x in scale.split(",") if x.strip()]
    sizes = sorted(set([100, n] + extra))
    for m in sizes:
        t, rss = res[("xlsx,pdf", CORES)] if m == n else annexc(m, "xlsx,pdf", CORES)
        lines.append(row("N = %d" % m, m, t, rss))
    text = "\n".join(lines) + "\n"
    print(text)
    if os.environ.get("WRITE") == "1":
        with open(os.path.join(HERE, "results.md"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    os.makedirs(WORK, exist_ok=True)
    try:
        main()
    finally:
        clean_up()
