#!/usr/bin/python3
"""Resolve a kernel series of tests/vm/kernels.conf to one exact build.

  resolve.py CONF KERNEL [--debs DIR] [--pin RELEASE] [--apt-cache CMD...]

kernels.conf names series and package-name templates, never versions
(a Debian point release replaces the previous build within weeks, and
an exact pin then breaks every fresh clone).  This script asks apt which
builds of the series exist now and prints the newest complete one, as
the lines mkdump reads:

  release 6.1.0-57-cloud-amd64 -
  image   linux-image-6.1.0-57-cloud-amd64-unsigned 6.1.192-3
  ...

A build is complete when every package of the roles image, binary,
modules, base and dbg exists at one version (the source version);
headers are wanted at that version too (the leak module needs them): the
newest build with headers wins over a newer one without, and when no
build has them the newest one is taken and a warning says the leak
scenario is off.  A package counts as existing when apt lists it, or
when its .deb is already in --debs (the lab's download cache), so an
older build that was downloaded once keeps working offline.

A pin (`KERNEL pin RELEASE` in the conf, or --pin) asks for one build;
when it is gone from the archive and the cache, the newest build is
taken and a warning names both.  Warnings go to stderr as
"resolve: warning: ...".  Exit 1 with a message when no build exists.
"""
import fnmatch
import os
import re
import subprocess
import sys

ROLES_REQUIRED = ("image", "binary", "modules", "base", "dbg")


def warn(msg):
    print(f"resolve: warning: {msg}", file=sys.stderr)


def die(msg):
    print(f"resolve: {msg}", file=sys.stderr)
    sys.exit(1)


def read_conf(path, kernel):
    """(role, value, extra) rows of KERNEL, in file order."""
    rows = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) >= 3 and line[0] == kernel:
                rows.append((line[1], line[2], line[3] if len(line) > 3 else "-"))
    return rows


def version_key(v):
    """A sort key that orders Debian versions and kernel releases the way
    dpkg does for the forms used here (digits numerically, '~' lowest)."""
    key = []
    for part in re.findall(r"\d+|~|[^\d~]+", v):
        if part.isdigit():
            key.append((2, int(part), ""))
        elif part == "~":
            key.append((0, 0, ""))
        else:
            key.append((1, 0, part))
    key.append((1, 0, ""))  # the end sorts above '~', below anything else
    return key


class Apt:
    def __init__(self, cmd, debs):
        self.cmd = cmd
        self.debs = debs
        self._madison = {}

    def run(self, *args):
        try:
            r = subprocess.run(self.cmd + list(args), capture_output=True, text=True)
        except OSError as e:
            die(f"cannot run {' '.join(self.cmd)}: {e}")
        return r.stdout

    def pkgnames(self, prefix):
        return self.run("pkgnames", prefix).split()

    def versions(self, pkg):
        """Versions apt lists for PKG, plus those whose .deb is cached."""
        if pkg not in self._madison:
            vs = set()
            for line in self.run("madison", pkg).splitlines():
                f = [x.strip() for x in line.split("|")]
                if len(f) >= 2 and f[0] == pkg:
                    vs.add(f[1])
            if self.debs and os.path.isdir(self.debs):
                for name in os.listdir(self.debs):
                    m = re.match(re.escape(pkg) + r"_(.+)_(amd64|arm64|all)\.deb$", name)
                    if m:
                        vs.add(m.group(1).replace("%3a", ":"))
            self._madison[pkg] = vs
        return self._madison[pkg]


def expand(template, release, flavour):
    abi = release[: -len(flavour) - 1] if flavour and release.endswith("-" + flavour) else release
    return template.replace("{release}", release).replace("{abi}", abi)


def candidates(apt, rows, glob, flavour):
    """Releases of the series that apt or the cache knows, newest first."""
    dbg = [v for r, v, _ in rows if r == "dbg"][0]
    pre, _, post = dbg.partition("{release}")
    pattern = pre + glob + post
    names = set(apt.pkgnames(pre))
    if apt.debs and os.path.isdir(apt.debs):
        names |= {n.split("_", 1)[0] for n in os.listdir(apt.debs) if n.endswith(".deb")}
    rels = set()
    for n in names:
        if fnmatch.fnmatchcase(n, pattern):
            rel = n[len(pre): len(n) - len(post) if post else None]
            if not flavour or rel.endswith("-" + flavour):
                rels.add(rel)
    return sorted(rels, key=version_key, reverse=True)


def resolve_build(apt, rows, release, flavour):
    """(version, [(role, pkg, ver)], headers_ok) for RELEASE, or None."""
    req = [(r, expand(v, release, flavour)) for r, v, _ in rows if r in ROLES_REQUIRED]
    common = None
    for _, pkg in req:
        vs = apt.versions(pkg)
        common = vs if common is None else common & vs
    if not common:
        return None
    ver = max(common, key=version_key)
    out = [(r, p, ver) for r, p in req]
    hdr = [expand(v, release, flavour) for r, v, _ in rows if r == "headers"]
    headers_ok = bool(hdr) and all(ver in apt.versions(p) for p in hdr)
    if headers_ok:
        out += [("headers", p, ver) for p in hdr]
    return ver, out, headers_ok


def main(argv):
    args, pin, debs, apt_cmd = [], None, None, ["apt-cache"]
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--pin":
            pin = argv[i + 1]; i += 2
        elif a == "--debs":
            debs = argv[i + 1]; i += 2
        elif a == "--apt-cache":
            apt_cmd = argv[i + 1:]; break
        else:
            args.append(a); i += 1
    if len(args) != 2:
        die("usage: resolve.py CONF KERNEL [--debs DIR] [--pin RELEASE] [--apt-cache CMD...]")
    conf, kernel = args
    rows = read_conf(conf, kernel)
    if not rows:
        die(f"kernel '{kernel}' is not in {conf}")
    one = {r: (v, x) for r, v, x in rows}
    for need in ("suite", "release", "dbg"):
        if need not in one:
            die(f"{conf}: kernel {kernel} has no '{need}' line")
    glob, flavour = one["release"][0], one.get("flavour", ("", ""))[0]
    pin = pin or one.get("pin", (None, None))[0]
    apt = Apt(apt_cmd, debs)

    rels = candidates(apt, rows, glob, flavour)
    builds = []
    for rel in rels:
        b = resolve_build(apt, rows, rel, flavour)
        if b:
            builds.append((rel,) + b)
    if not builds:
        die(f"no build of kernel {kernel} (releases '{glob}', flavour '{flavour}') is in the "
            f"archive or in {debs or 'the download cache'}: is apt-get update done, and is the "
            f"suite '{one['suite'][0]}' reachable?")

    chosen = None
    if pin:
        chosen = next((b for b in builds if b[0] == pin), None)
        if not chosen:
            newest = next((b for b in builds if b[3]), builds[0])
            warn(f"pinned build {pin} of kernel {kernel} is no longer in the archive or the "
                 f"cache: using {newest[0]} ({newest[1]}) instead")
            chosen = newest
    if not chosen:
        chosen = next((b for b in builds if b[3]), None)
        if chosen and chosen is not builds[0]:
            warn(f"newest build {builds[0][0]} of kernel {kernel} has no headers at its version: "
                 f"using {chosen[0]} ({chosen[1]}), the newest with headers")
    if not chosen:
        chosen = builds[0]
        if any(r == "headers" for r, _, _ in rows):
            warn(f"no build of kernel {kernel} has its headers: using {chosen[0]} without them "
                 f"(the leak scenario is off)")
    rel, ver, pkgs, _ = chosen

    print(f"suite {one['suite'][0]} {one['suite'][1]}")
    print(f"release {rel} -")
    for r, p, v in pkgs:
        print(f"{r} {p} {v}")
    for r, v, x in rows:
        if r == "hostlibc":
            vs = apt.versions(v)
            if not vs:
                die(f"{v} (role hostlibc of kernel {kernel}) is in no suite apt knows")
            print(f"hostlibc {v} {max(vs, key=version_key)}")
        elif r == "cc":
            print(f"cc {v} -")
        elif r == "arch":
            print(f"arch {v} -")
        elif r == "guest":
            # guest userland of a foreign architecture (busybox-static):
            # the newest build the suites have
            vs = apt.versions(v)
            if not vs:
                die(f"{v} (role guest of kernel {kernel}) is in no suite apt knows")
            print(f"guest {v} {max(vs, key=version_key)}")


if __name__ == "__main__":
    main(sys.argv[1:])
