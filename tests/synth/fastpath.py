#!/usr/bin/python3
"""fastpath.py DEFAULT.json ALL.json: the page scan's fast path against
the full decode. DEFAULT is `check --json` (the fast path on: pages whose
struct page bytes equal an idle, quiet neighbour's are only counted), ALL
is `check --json --all-pages` of the same dump (the fast path off: every
page decoded, viewed and given to every check). They must agree on the
summary and the findings, and DEFAULT's pages must be exactly ALL's
pages that are not idle-and-unreferenced (the ones it keeps). Prints the
first difference and exits 1. See src/checks/pagescan.c."""
import json
import sys


def main():
    d = json.load(open(sys.argv[1]))
    a = json.load(open(sys.argv[2]))
    for key in ("summary", "findings", "inodes", "pgmaps"):
        if d.get(key) != a.get(key):
            print("%s differs between the fast path and --all-pages" % key)
            return 1
    kept = {p["pfn"]: p for p in d.get("pages", [])}
    for p in a.get("pages", []):
        if p["pfn"] in kept:
            if kept.pop(p["pfn"]) != p:
                print("page %s decodes differently on the fast path" % p["pfn"])
                return 1
    if kept:
        print("pages %s are kept on the fast path but not listed with --all-pages"
              % sorted(kept)[:5])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
