#!/usr/bin/env python3
"""Structure checks of a `baseimg report` page: report_check.py PAGE.html INSPECT.json...

One INSPECT.json (`baseimg inspect --format json`) per image, in the page's order.
Prints one line per problem and exits 1 when there is any; prints nothing on success.
"""
import json
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# SVG elements written self-closed (<rect .../>)
SELF = {"rect", "circle", "path", "line", "polyline", "polygon", "ellipse"}
FORBIDDEN = {"script", "link", "img", "iframe", "object", "embed", "frame", "base", "form",
             "audio", "video", "source", "image", "use", "foreignobject"}
URL = re.compile(r"(?i)\b(?:https?|ftp|wss?|data|javascript):|^//|url\(")


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems = [], []
        self.csp = None
        self.sections = []  # (attrs, {"layer-chart": n, "layers": [...]})
        self.spectrum = 0
        self.compare_rows = []
        self.text = []

    def problem(self, msg):
        self.problems.append("line %d: %s" % (self.getpos()[0], msg))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in FORBIDDEN:
            self.problem("forbidden element <%s>" % tag)
        for k, v in attrs:
            if k.startswith("on"):
                self.problem("event handler %s on <%s>" % (k, tag))
            if v and URL.search(v) and not (tag == "a" and k == "href"):
                self.problem("URL outside <a href>: <%s %s=%r>" % (tag, k, v))
            if k in ("src", "srcset", "xlink:href", "action", "formaction", "background"):
                self.problem("loading attribute %s on <%s>" % (k, tag))
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = a.get("content", "")
        if tag == "section" and "image" in a.get("class", "").split():
            self.sections.append((a, {"layer-chart": 0, "layers": []}))
        if tag == "svg" and "spectrum" in a.get("class", "").split():
            self.spectrum += 1
        if tag == "table" and "layer-chart" in a.get("class", "").split() and self.sections:
            self.sections[-1][1]["layer-chart"] += 1
        if tag == "tr" and "data-layer" in a and self.sections:
            self.sections[-1][1]["layers"].append(a)
        if tag == "tr" and "data-image" in a:
            self.compare_rows.append(a)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag not in SELF and tag not in VOID:
            self.problem("self-closed <%s/>" % tag)
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problem("end tag of void element </%s>" % tag)
            return
        if not self.stack or self.stack[-1] != tag:
            self.problem("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "style" and "url(" in data:
            self.problem("url() in the style sheet")
        self.text.append(data)


def main():
    raw = open(sys.argv[1], "rb").read()
    p = Page()
    try:
        html = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print("not UTF-8: %s" % e)
        return 1
    if not html.startswith("<!DOCTYPE html>\n"):
        p.problems.append("no <!DOCTYPE html> first")
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", html):
        p.problems.append("control characters in the page")
    p.feed(html)
    p.close()
    if p.stack:
        p.problems.append("unclosed elements at the end: %s" % p.stack)
    csp = p.csp or ""
    for d in ("default-src 'none'", "script-src 'none'", "img-src 'none'", "connect-src 'none'"):
        if d not in csp:
            p.problems.append("CSP lacks %r: %r" % (d, csp))
    if p.spectrum != 1:
        p.problems.append("%d spectrum charts, want 1" % p.spectrum)
    insp = [json.load(open(f)) for f in sys.argv[2:]]
    if len(p.sections) != len(insp):
        p.problems.append("%d image sections, want %d" % (len(p.sections), len(insp)))
    if len(p.compare_rows) != len(insp):
        p.problems.append("%d comparison rows, want %d" % (len(p.compare_rows), len(insp)))
    for i, (j, (sec, info), row) in enumerate(zip(insp, p.sections, p.compare_rows)):
        name = "image %d" % (i + 1)
        if info["layer-chart"] != 1:
            p.problems.append("%s: %d layer charts, want 1" % (name, info["layer-chart"]))
        want = [(str(k), str(l["uncompressed"])) for k, l in enumerate(j["layers"])]
        got = [(r["data-layer"], r["data-uncompressed"]) for r in info["layers"]]
        if got != want:
            p.problems.append("%s: layers %s, inspect says %s" % (name, got, want))
        pairs = [("compressed", row["data-compressed"], j["size"]["compressed"]),
                 ("uncompressed", row["data-uncompressed"], j["size"]["uncompressed"]),
                 ("packages", row["data-packages"], len(j["packages"])),
                 ("wasted_bytes", sec["data-wasted"], j["wasted_bytes"])]
        for key, got, want in pairs:
            if int(got) != want:
                p.problems.append("%s: %s %s, inspect says %s" % (name, key, got, want))
        if abs(float(sec["data-efficiency"]) - j["efficiency"]) > 1e-9:
            p.problems.append("%s: efficiency %s, inspect says %s"
                              % (name, sec["data-efficiency"], j["efficiency"]))
        pct = "%.1f %%" % (j["efficiency"] * 100)
        if pct not in "".join(p.text):
            p.problems.append("%s: efficiency %r not in the text" % (name, pct))
        for r in j["class_reasons"]:
            if r[:60] not in "".join(p.text):
                p.problems.append("%s: class reason %r not on the page" % (name, r))
    for m in p.problems:
        print(m)
    return 1 if p.problems else 0


sys.exit(main())
