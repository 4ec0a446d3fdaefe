#!/usr/bin/python3
"""compare.py CASE.json CHECK.json: compares daxinspect's findings with the
case's hand-written "expect" list, as multisets of
(check, severity, pfn, ino, index, known_bug id, count, last_pfn).
Prints "ok" or one line per difference; exit 0 when equal."""
import json
import sys


def key(check, sev, pfn, ino, index, bug, count, last_pfn):
    return (check, sev, pfn, ino, index, bug, count, last_pfn if count > 1 else None)


def show(k):
    check, sev, pfn, ino, index, bug, count, last = k
    s = "%s %s pfn=%s ino=%s index=%s known_bug=%s" % (
        check, sev, hex(pfn) if pfn is not None else None, ino, index, bug)
    if count != 1:
        s += " count=%d last_pfn=%s" % (count, hex(last) if last is not None else None)
    return s


def main():
    case = json.load(open(sys.argv[1]))
    got = json.load(open(sys.argv[2]))
    want = sorted((key(e["check"], e["severity"], e["pfn"], e["ino"], e["index"],
                       e["known_bug"], e.get("count", 1), e.get("last_pfn"))
                   for e in case["expect"]), key=repr)
    have = sorted((key(f["check"], f["severity"], f["pfn"],
                       f["inode"]["ino"] if f["inode"] else None, f["index"],
                       f["known_bug"]["id"] if f["known_bug"] else None,
                       f["count"], f.get("last_pfn"))
                   for f in got["findings"]), key=repr)
    missing, extra = list(want), []
    for h in have:
        if h in missing:
            missing.remove(h)
        else:
            extra.append(h)
    out = ["missing: " + show(m) for m in missing] + ["unexpected: " + show(x) for x in extra]
    # Optional: texts some finding must carry (message, expected, actual),
    # the struct pages scanned, fields of the user mappings' summary, of
    # the semantics hint (null: none), and fields of the pgmaps in order.
    said = [" ".join((f["message"], f.get("expected") or "", f.get("actual") or ""))
            for f in got["findings"]]
    out += ["no finding says [%s]" % t for t in case.get("expect_text", [])
            if not any(t in x for x in said)]
    if "expect_pages_scanned" in case and \
            got["summary"]["pages"]["scanned"] != case["expect_pages_scanned"]:
        out.append("%d struct pages scanned, want %d" % (
            got["summary"]["pages"]["scanned"], case["expect_pages_scanned"]))
    if "expect_semantics_hint" in case:
        want_h, have_h = case["expect_semantics_hint"], got["summary"].get("semantics_hint")
        if want_h is None and have_h is not None:
            out.append("a semantics hint %r, want none" % have_h)
        elif want_h is not None:
            out += ["semantics_hint %s is %r, want %r" % (k, (have_h or {}).get(k), v)
                    for k, v in want_h.items() if (have_h or {}).get(k) != v]
    if "expect_mappings" in case:
        have_m = got["summary"].get("mappings", {})
        out += ["mappings %s is %r, want %r" % (k, have_m.get(k), v)
                for k, v in case["expect_mappings"].items() if have_m.get(k) != v]
    for i, want_m in enumerate(case.get("expect_pgmaps", [])):
        have_m = got["pgmaps"][i] if i < len(got["pgmaps"]) else {}
        out += ["pgmap %d: %s is %r, want %r" % (i, k, have_m.get(k), v)
                for k, v in want_m.items() if have_m.get(k) != v]
    if not out:
        print("ok")
        return 0
    print("; ".join(out))
    return 1


if __name__ == "__main__":
    sys.exit(main())
