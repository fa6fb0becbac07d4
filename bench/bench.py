#!/usr/bin/python3
"""make bench: annexc against the tools a user would otherwise pick, on N
synthetic offices of the field template (BENCH_N, default 1000). Times per
report and per second, with peak RSS (the largest process of each run).

  annexc   XLSX, PDF, both; -j 1 and -j <cores>
  peers    a Python XlsxWriter script (same offices, equivalent workbook, one
           process), and headless LibreOffice converting those workbooks to
           PDF in one batch invocation (a sample of BENCH_LO_N, default 40)
  growth   annexc both -j <cores> at N = 100 and N (and 10,000 with
           BENCH_SCALE=1), per report time and peak RSS

Prints a Markdown table; writes bench/results.md only with WRITE=1.
"""
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


def offices(n):
    d = os.path.join(WORK, "offices-%d" % n)
    if not os.path.isdir(d) or len(os.listdir(d)) != n:
        shutil.rmtree(d, ignore_errors=True)
        subprocess.run(["/usr/bin/python3", os.path.join(TOP, "scripts", "gen-offices.py"), str(n), d], check=True)
    return d


def measure(args, env=None):
    """Wall seconds and peak RSS (MiB) of a command and its children."""
    t0 = time.monotonic()
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    t = time.monotonic() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        print("bench: %s failed" % " ".join(args[:4]), file=sys.stderr)
    return t, ru.ru_maxrss / 1024.0


def annexc(n, fmt, jobs):
    out = os.path.join(WORK, "out-annexc")
    shutil.rmtree(out, ignore_errors=True)
    return measure([ANNEXC, "build", "-q", "--force", "-j", str(jobs), "--format", fmt, "-o", out, offices(n)])


def row(name, n, t, rss):
    return "| %s | %d | %.2f | %.2f | %.1f | %.1f |" % (name, n, t, 1000 * t / n, n / t, rss)


def main():
    n = int(os.environ.get("BENCH_N", "1000"))
    lo_n = min(n, int(os.environ.get("BENCH_LO_N", "40")))
    os.makedirs(WORK, exist_ok=True)
    data = sorted(os.path.join(offices(n), f) for f in os.listdir(offices(n)))
    lines = ["# annexc benchmark", "",
             "%s, %d cores, N = %d synthetic offices (field template), %s" % (
                 platform.platform(), CORES, n, time.strftime("%Y-%m-%d")), "",
             "| run | reports | seconds | ms/report | reports/s | peak RSS MiB |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    res = {}
    for fmt in ("xlsx", "pdf", "xlsx,pdf"):
        for jobs in (1, CORES):
            t, rss = annexc(n, fmt, jobs)
            res[(fmt, jobs)] = (t, rss)
            lines.append(row("annexc %s -j %d" % (fmt, jobs), n, t, rss))
    peer_out = os.path.join(WORK, "out-peer")
    shutil.rmtree(peer_out, ignore_errors=True)
    t, rss = measure(["/usr/bin/python3", os.path.join(HERE, "peer_xlsxwriter.py"), peer_out] + data)
    res["py"] = (t, rss)
    lines.append(row("Python XlsxWriter script", n, t, rss))
    lo = None
    if shutil.which("soffice"):
        lo_in = [os.path.join(peer_out, os.path.splitext(os.path.basename(d))[0] + ".xlsx") for d in data[:lo_n]]
        lo_out = os.path.join(WORK, "out-lo")
        shutil.rmtree(lo_out, ignore_errors=True)
        prof = "file://" + os.path.join(WORK, "lo-profile")
        t, rss = measure(["soffice", "-env:UserInstallation=" + prof, "--headless", "--norestore",
                          "--convert-to", "pdf", "--outdir", lo_out] + lo_in)
        lo = (t, rss)
        lines.append(row("LibreOffice → PDF (one batch)", lo_n, t, rss))
    lines += ["", "| ratio (per report) | value |", "| --- | ---: |"]
    xl = res[("xlsx", 1)][0] / n
    lines.append("| Python XlsxWriter ÷ annexc XLSX (-j 1) | %.1f× |" % ((res["py"][0] / n) / xl))
    if lo:
        lines.append("| LibreOffice PDF ÷ annexc PDF (-j 1) | %.1f× |" % ((lo[0] / lo_n) / (res[("pdf", 1)][0] / n)))
    lines += ["", "| growth: annexc xlsx,pdf -j %d | reports | seconds | ms/report | reports/s | peak RSS MiB |" % CORES,
              "| --- | ---: | ---: | ---: | ---: | ---: |"]
    sizes = sorted(set([100, n] + ([10000] if os.environ.get("BENCH_SCALE") == "1" else [])))
    for m in sizes:
        t, rss = res[("xlsx,pdf", CORES)] if m == n else annexc(m, "xlsx,pdf", CORES)
        lines.append(row("N = %d" % m, m, t, rss))
    text = "\n".join(lines) + "\n"
    print(text)
    if os.environ.get("WRITE") == "1":
        with open(os.path.join(HERE, "results.md"), "w", encoding="utf-8") as f:
            f.write(text)


main()
