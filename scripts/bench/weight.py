#!/usr/bin/env python3
"""Page weight of built pages: the HTML plus every file it loads (stylesheets,
scripts, images, icons), uncompressed, and any request that would leave the site.

    python3 scripts/bench/weight.py public index.html service-concepts/what-is-service.html

Prints one line per page and exits 1 when a page loads anything from outside the
site. Standard library only.
"""

import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Loads(HTMLParser):
    """Collects the URLs a browser fetches when it loads the page (not links)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href") and (a.get("rel") or "") in (
                "stylesheet", "icon", "preload", "modulepreload", "manifest"):
            self.urls.append(a["href"])
        elif tag in ("img", "source", "video", "audio", "iframe", "embed") and a.get("src"):
            self.urls.append(a["src"])


def weigh(site, page):
    path = os.path.join(site, page)
    with open(path, "rb") as f:
        html = f.read()
    parser = Loads()
    parser.feed(html.decode("utf-8", "replace"))
    total, files, outside = len(html), 1, []
    for url in dict.fromkeys(parser.urls):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("/"):
            outside.append(url)
            continue
        local = os.path.normpath(os.path.join(os.path.dirname(path), unquote(parts.path)))
        if os.path.isfile(local):
            total += os.path.getsize(local)
            files += 1
        else:
            outside.append(url + " (missing)")
    return len(html), total, files, outside


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    site, pages = sys.argv[1], sys.argv[2:]
    bad = False
    print(f"{'page':48} {'html B':>8} {'total B':>8} {'files':>5}  outside")
    for page in pages:
        html, total, files, outside = weigh(site, page)
        bad = bad or bool(outside)
        print(f"{page:48} {html:8d} {total:8d} {files:5d}  {', '.join(outside) or 0}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
