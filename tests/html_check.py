#!/usr/bin/python3
"""Checks the HTML page of every example, in a real browser.

usage: html_check.py ANNEXC WORKDIR EXAMPLE_DIR...

For each example: builds it twice with --format html (byte-identical); tidy
finds no error or warning; the page says lang="bn" and charset utf-8, has no
script and refers to nothing outside itself; the table, read back with
html.parser, is the document's grid (`annexc dump`): every cell at its row
and column with its text, rowspan and colspan, no helper column, no other
cell with text, the header rows in thead as th with scope; every title,
footnote, signature and letter line is on the page; link cells are links.
Headless Chromium prints the page to PDF and takes a phone-sized
screenshot: the printed pages have the PDF backend's count and
orientation, the text of every cell and line comes back whole (whitespace
aside), the header is on every table page, pages are numbered in Bengali
digits, the browser logs no console message and requests nothing from the
network. Then: text that looks like markup is escaped, a javascript: link is
not a link, and a batch run of every example writes index.html listing each
office with its score and links to its outputs.
Ends with "html: N passed, N failed".
"""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from checklib import Checks, run

check = Checks("html")
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--enable-logging=stderr", "--v=0", "--host-resolver-rules=MAP * ~NOTFOUND"]
# the browser's own housekeeping requests, which the flags do not all stop
BROWSER_HOSTS = re.compile(r"^https?://([^/]*\.)?(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)(/|$)")
DUMP_TAGS = ("document", "line", "title", "footnote", "signature", "letter-", "cell", "helper")


def squash(s):
    return re.sub(r"\s+", " ", s).strip()


def bare(s):
    return re.sub(r"\s+", "", s)


def parse_dump(dump):
    """(ncols, header rows, cells {(r, c): (kind, rows, cols, text)}, helper count, line texts)."""
    lines = []
    for line in dump.splitlines():  # a text with a newline goes on over the next dump lines
        if lines and not line.startswith(DUMP_TAGS):
            lines[-1] += "\n" + line
        else:
            lines.append(line)
    head = re.match(r"document (\d+)×(\d+) header (\d+)", lines[0])
    cells, texts, helpers = {}, [], 0
    for line in lines[1:]:
        m = re.match(r"(cell|helper) (\d+),(\d+) (\w+) span (\d+)x(\d+): (.*)$", line, re.S)
        if m and m.group(1) == "helper":
            helpers += 1
        elif m:
            cells[(int(m.group(2)), int(m.group(3)))] = (m.group(4), int(m.group(5)), int(m.group(6)),
                                                        m.group(7).split(" = ")[0])
        elif line.startswith(("title ", "footnote ", "signature ", "letter-")):
            texts.append(line.split(" ", 1)[1])
    return int(head.group(1)), int(head.group(2)), int(head.group(3)), cells, helpers, texts


class Page(html.parser.HTMLParser):
    """The table's rows of cells (tag, attributes, text, links, group) and the text outside it."""

    def __init__(self):
        super().__init__()
        self.rows, self.outside, self.tags, self.group = [], [], [], None
        self.cell = None
        self.in_table = self.in_style = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table":
            self.in_table += 1
        elif tag in ("thead", "tbody"):
            self.group = tag
        elif tag == "tr" and self.in_table:
            self.rows.append([])
        elif tag in ("td", "th") and self.in_table:
            self.cell = {"tag": tag, "attrs": a, "text": "", "links": [], "group": self.group}
            self.rows[-1].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.cell["links"].append(a.get("href"))
        elif tag == "style":
            self.in_style = 1
        elif tag in ("br",) and self.cell is None:
            self.outside.append(" ")

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table -= 1
        elif tag in ("td", "th"):
            self.cell = None
        elif tag == "style":
            self.in_style = 0
        elif tag in ("p", "h1", "div"):
            self.outside.append("\n")

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data
        elif not self.in_table and not self.in_style:
            self.outside.append(data)


def grid_of(rows):
    """The cells by (row, column), placed as a browser places them."""
    taken, grid = set(), {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            rs, cs = int(cell["attrs"].get("rowspan", 1)), int(cell["attrs"].get("colspan", 1))
            grid[(r, c)] = cell
            taken.update((r + i, c + j) for i in range(rs) for j in range(cs))
            c += cs
    width = max((c + 1 for _, c in taken), default=0)
    return grid, width


def check_markup(name, path):
    r = run(["tidy", "-errors", "-q", "--show-warnings", "yes", path])
    check(r.returncode == 0 and not r.stderr.strip(), name + ": tidy finds no error or warning", r.stderr[:600])
    raw = open(path, encoding="utf-8").read()
    check('<html lang="bn">' in raw and '<meta charset="utf-8">' in raw and 'name="viewport"' in raw,
          name + ": lang bn, charset utf-8, viewport")
    page = Page()
    page.feed(raw)
    tags = [t for t, _ in page.tags]
    fetches = [(t, a) for t, a in page.tags if t in ("script", "link", "img", "iframe", "object", "embed",
                                                       "video", "audio", "source") or "src" in a]
    check("script" not in tags and not fetches and not re.search(r"url\(|@import", raw),
          name + ": no script, nothing loaded from outside the page", fetches[:3])
    return page


def check_grid(name, page, dump, unlinked=()):
    nrows, ncols, header, cells, helpers, texts = parse_dump(dump)
    grid, width = grid_of(page.rows)
    check(width == ncols and len(page.rows) == nrows, name + ": the table is the document's %d×%d grid"
          % (nrows, ncols) + (" (no helper column)" if helpers else ""), (len(page.rows), width))
    wrong = []
    for (r, c), (kind, rs, cs, text) in sorted(cells.items()):
        h = grid.get((r, c))
        got = None if h is None else (int(h["attrs"].get("rowspan", 1)), int(h["attrs"].get("colspan", 1)),
                                      squash(h["text"]))
        if got != (rs, cs, squash(text)):
            wrong.append(((r, c), (rs, cs, text), got))
    check(not wrong, name + ": every cell at its place with its text, rowspan and colspan", wrong[:3])
    extra = [(k, v["text"]) for k, v in grid.items() if k not in cells and v["text"].strip()]
    check(not extra, name + ": no other cell has text", extra[:3])
    head_ok = all((v["group"] == "thead") == (r < header) for (r, _), v in grid.items())
    scoped = all(v["tag"] == "th" and v["attrs"].get("scope") in ("col", "colgroup")
                 for (r, _), v in grid.items() if r < header)
    check(head_ok and scoped and header > 0, name + ": the %d header rows are thead, th with scope" % header)
    links = [(k, grid.get(k, {}).get("links")) for k, v in cells.items() if v[0] == "link" and k not in unlinked]
    check(all(l and l[0].startswith(("https://", "http://")) for _, l in links),
          name + ": link cells are links (%d)" % len(links), links[:3])
    outside = bare("".join(page.outside))
    missing = [t for t in texts if bare(t) not in outside]
    check(not missing, name + ": every title, footnote, signature and letter line on the page", missing[:3])
    return cells, texts, header


def chromium(args, page, work):
    """Runs headless Chromium on page; returns its log and the URLs it requested."""
    prof = tempfile.mkdtemp(dir=work)
    net = os.path.join(prof, "net.json")
    try:
        r = subprocess.run(CHROMIUM + ["--user-data-dir=" + prof, "--log-net-log=" + net] + args +
                           ["file://" + os.path.abspath(page)], capture_output=True, text=True, timeout=180)
        urls = re.findall(r'"url":"([^"]*)"', open(net, encoding="utf-8", errors="replace").read()) \
            if os.path.exists(net) else []
    finally:
        shutil.rmtree(prof, ignore_errors=True)
    return r, [u for u in urls if not u.startswith("file:") and not BROWSER_HOSTS.match(u)]


def page_sizes(pdf):
    info = run(["pdfinfo", "-f", "1", "-l", "999", pdf]).stdout
    return ["landscape" if float(w) > float(h) else "portrait"
            for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]


def check_print(name, annexc, data, path, out, cells, texts):
    pdf, png = os.path.join(out, "printed.pdf"), os.path.join(out, "phone.png")
    r, urls = chromium(["--no-pdf-header-footer", "--print-to-pdf=" + pdf], path, out)
    check(os.path.exists(pdf), name + ": Chromium prints the page", r.stderr[-400:])
    if not os.path.exists(pdf):
        return
    console = [l for l in r.stderr.splitlines() if ":CONSOLE" in l or "Uncaught" in l]
    check(not console, name + ": no console message", console[:3])
    check(not urls, name + ": nothing requested from the network", urls[:3])
    ref = os.path.join(out, "ref")
    run([annexc, "build", "--format", "pdf", "-o", ref, data])
    want, got = page_sizes(os.path.join(ref, "data.pdf")), page_sizes(pdf)
    # the PDF fills its pages tighter (a merged group continues on the next
    # page, the signatures share the last): Chromium may take one page more
    check(got and got[:len(want)] == want[:len(got)] and len(want) <= len(got) <= len(want) + 1 and
          set(got) == set(want), name + ": printed pages as the PDF's (%d, %s)" % (len(want), "/".join(want)), got)
    pages = [run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), pdf, "-"]).stdout
             for i in range(1, len(got) + 1)]
    whole = bare("".join(pages))
    missing = [t for t in [c[3] for c in cells.values()] + texts if bare(t) not in whole]
    check(not missing, name + ": every word of every cell and line printed whole", missing[:3])
    head = bare(cells[(0, 0)][3])
    table_pages = [p for p in pages if "[" in p]
    check(table_pages and all(head in bare(p) for p in table_pages), name + ": header on every table page")
    check(all(re.search(r"পৃষ্ঠা\s*%s\s*/" % n, bare(p)) for n, p in zip("১২৩৪৫৬৭৮৯", pages)),
          name + ": pages numbered in Bengali digits")
    r, _ = chromium(["--hide-scrollbars", "--window-size=390,1200", "--screenshot=" + png], path, out)
    check(os.path.exists(png) and os.path.getsize(png) > 10000, name + ": phone-sized screenshot", r.stderr[-300:])


def check_example(name, annexc, data, work):
    out = os.path.join(work, name)
    paths = []
    for k in (1, 2):
        d = os.path.join(out, "build%d" % k)
        r = run([annexc, "build", "-q", "--format", "html", "-o", d, data])
        check(r.returncode == 0 and os.path.exists(os.path.join(d, "data.html")), name + ": build", r.stderr[-400:])
        paths.append(os.path.join(d, "data.html"))
    if not all(os.path.exists(p) for p in paths):
        return
    check(open(paths[0], "rb").read() == open(paths[1], "rb").read(), name + ": two builds are byte-identical")
    check(not os.path.exists(os.path.join(out, "build1", "data.xlsx")), name + ": --format html writes no xlsx")
    page = check_markup(name, paths[0])
    dump = run([annexc, "dump", data]).stdout
    cells, texts, _ = check_grid(name, page, dump)
    check_print(name, annexc, data, paths[0], out, cells, texts)


def check_escapes(annexc, examples, work):
    """Text that looks like markup, and a javascript: evidence link."""
    src = {os.path.basename(os.path.normpath(e)): os.path.join(e, "data.xml") for e in examples}
    d = os.path.join(work, "escape")
    os.makedirs(d, exist_ok=True)
    cases = {"barishal-library-q1": (r"<comment>[^<]*</comment>",
                                     "<comment>&lt;/td&gt;&lt;b&gt;x &amp; y &quot;q&quot; 'a'&lt;/b&gt;</comment>"),
             "khulna-ict-q2": (r'href="https://[^"]*"', 'href="javascript:alert(1)"')}
    first_link = {"khulna-ict-q2": [(3, 14)]}
    for name, (pat, new) in cases.items():
        if name not in src:
            continue
        data = os.path.join(d, name + ".xml")
        with open(src[name], encoding="utf-8") as f:
            open(data, "w", encoding="utf-8").write(re.sub(pat, new, f.read(), count=1))
        run([annexc, "build", "-q", "--format", "html", "-o", d, data])
        path = os.path.join(d, name + ".html")
        if not os.path.exists(path):
            check(False, "escape %s: built" % name)
            continue
        page = check_markup("escape " + name, path)
        check_grid("escape " + name, page, run([annexc, "dump", data]).stdout, first_link.get(name, ()))
        if name in first_link:
            cell = grid_of(page.rows)[0].get(first_link[name][0], {})
            check(cell.get("text") == "javascript:alert(1)" and not cell.get("links"),
                  "escape: a javascript: evidence link is shown, not linked", cell)


class Index(html.parser.HTMLParser):
    """The rows of index.html: the cells' texts and the links in them."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = {"text": "", "links": []}
            self.rows[-1].append(self.cell)
        elif tag == "a" and self.cell is not None:
            self.cell["links"].append(dict(attrs).get("href"))

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def bengali(v):
    s = ("%.2f" % v).rstrip("0").rstrip(".")
    return s.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))


def check_index(annexc, examples, work):
    out = os.path.join(work, "batch")
    r = run([annexc, "build", "-q", "--format", "xlsx,pdf,html", "-o", out] + examples)
    path = os.path.join(out, "index.html")
    check(r.returncode == 0 and os.path.exists(path), "index: a batch run writes index.html", r.stderr[-400:])
    if not os.path.exists(path):
        return
    check_markup("index", path)
    rep = json.load(open(os.path.join(out, "annexc-run.json"), encoding="utf-8"))
    ix = Index()
    ix.feed(open(path, encoding="utf-8").read())
    body = ix.rows[1:]
    check(len(body) == len(rep["inputs"]) == len(examples), "index: one row per office",
          (len(body), len(rep["inputs"])))
    wrong = []
    for rec, row in zip(rep["inputs"], body):
        texts = [squash(c["text"]) for c in row]
        links = [l for c in row for l in c["links"]]
        want_links = [os.path.relpath(o, out) for o in rec["outputs"]]
        pct = 100 * rec["score"] / rec["max"] if rec["max"] else 0
        grade = next((g["label"] for g in rec["grades"] if pct >= g["percent"] - 1e-9), "—")
        if not (rec["office"] in texts[1] and texts[2] == bengali(rec["score"]) and texts[5] == grade and
                texts[3] == bengali(rec["max"]) and links == want_links and len(links) == 3 and
                all(os.path.exists(os.path.join(out, l)) for l in links)):
            wrong.append((texts, links, rec["office"], rec["score"], want_links))
    check(not wrong, "index: each office with its score, maximum, grade and links to its three outputs", wrong[:2])
    run([annexc, "build", "-q", "-o", out] + examples)
    outs = [o for rec in json.load(open(os.path.join(out, "annexc-run.json")))["inputs"] for o in rec["outputs"]]
    check(outs and all(o.endswith((".xlsx", ".pdf")) for o in outs), "index: the default formats are xlsx and pdf",
          outs[:3])
    r = run([annexc, "summary", "--format", "html", "-o", os.path.join(work, "s.xlsx"),
             os.path.join(out, "annexc-run.json")])
    check(r.returncode == 2 and "summary writes no html" in r.stderr, "summary refuses --format html", r.stderr)


def check_stress(annexc, work):
    """64 indicators in target/achievement pairs: printed over many pages, a pair never parted."""
    here = os.path.dirname(os.path.abspath(__file__))
    d = os.path.join(work, "stress")
    r = run(["/usr/bin/python3", os.path.join(here, "stress", "generate.py"), d])
    check(r.returncode == 0, "stress: generate", r.stderr)
    run([annexc, "build", "-q", "--format", "html", "-o", d, os.path.join(d, "data.xml")])
    pdf = os.path.join(d, "printed.pdf")
    chromium(["--no-pdf-header-footer", "--print-to-pdf=" + pdf], os.path.join(d, "data.html"), d)
    n = len(page_sizes(pdf)) if os.path.exists(pdf) else 0
    check(n >= 10, "stress: printed over many pages", n)
    for i in range(1, n + 1):
        flat = bare(run(["pdftotext", "-raw", "-f", str(i), "-l", str(i), pdf, "-"]).stdout)
        targets = flat.count("লক্ষ্যমাত্রা")
        achieved = flat.count("অর্জন") - flat.count("অর্জনযোগ্য")
        check(targets == achieved and targets > 0, "stress page %d: target rows and achievement rows together" % i,
              (targets, achieved))


def main():
    annexc, work, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(work, exist_ok=True)
    for ex in examples:
        name = os.path.basename(os.path.normpath(ex))
        check_example(name, annexc, os.path.join(ex, "data.xml"), work)
    check_escapes(annexc, examples, work)
    check_stress(annexc, work)
    check_index(annexc, examples, work)
    check.finish()


main()
