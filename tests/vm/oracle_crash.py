#!/usr/bin/python3
"""Independent drgn oracle for `info`'s "crash" object (how the dump was
taken). Written from the kernel sources (kernel/panic.c, kernel/time/
timekeeping.c, arch/x86/kernel/reboot.c), not from daxinspect's C code:

  - panic_cpu.counter, crashing_cpu (x86) read by drgn;
  - the taint letters from the kernel's own taint_flags[] table in the
    dump (not a copy of it), printed as print_tainted() does;
  - uptime through the other formula: tkr_mono.base (set from xtime_sec +
    wall_to_monotonic by tk_update_ktime_data()) + (tkr_mono.xtime_nsec >>
    shift) + offs_boot, of tk_core.timekeeper (drgn knows its unnamed type)
    or timekeeper_data[0].timekeeper;
  - each online CPU's task through drgn's per_cpu() of current_task /
    pcpu_hot.current_task (x86), __entry_task (arm64: written by
    entry_task_switch() at each context switch, arch/arm64/kernel/process.c);
  - the NT_PRSTATUS notes parsed from the file's ELF program headers.

  oracle_crash.py --vmlinux VMLINUX VMCORE.elf    JSON on stdout
"""
import argparse
import json
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle  # noqa: E402  (open_program: drgn 0.0.22 workarounds)

import drgn  # noqa: E402
from drgn.helpers.linux.cpumask import for_each_online_cpu  # noqa: E402
from drgn.helpers.linux.percpu import per_cpu  # noqa: E402


def timekeeper(prog):
    try:
        return prog["tk_core"].timekeeper, "tk_core.timekeeper"
    except KeyError:
        return prog["timekeeper_data"][0].timekeeper, "timekeeper_data[0].timekeeper"


def current_of(prog, cpu):
    for name in ("current_task", "__entry_task"):  # x86; arm64
        try:
            return per_cpu(prog[name], cpu)
        except KeyError:
            continue
    return per_cpu(prog["pcpu_hot"], cpu).current_task


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vmlinux", required=True)
    ap.add_argument("vmcore")
    a = ap.parse_args()
    prog, _, _ = oracle.open_program(a.vmcore, a.vmlinux)
    res = {"panic_cpu": prog["panic_cpu"].counter.value_()}
    try:
        res["crashing_cpu"] = prog["crashing_cpu"].value_()
    except KeyError:
        res["crashing_cpu"] = None
    mask = prog["tainted_mask"].value_()
    tf = prog["taint_flags"]
    if mask:
        s = "Tainted: " + "".join(chr((t.c_true if mask >> i & 1 else t.c_false).value_())
                                  for i, t in enumerate(tf))
        s = s.rstrip(" ")
    else:
        s = "Not tainted"
    res["taint"] = {"mask": mask, "kernel": s,
                    "letters": "".join(chr(t.c_true.value_()) for i, t in enumerate(tf)
                                       if mask >> i & 1)}
    tk, src = timekeeper(prog)
    mono = (tk.tkr_mono.base.value_() +
            (tk.tkr_mono.xtime_nsec.value_() >> tk.tkr_mono.shift.value_()))
    res["uptime_nsec"] = mono + tk.offs_boot.value_()
    res["time_sec"] = tk.xtime_sec.value_()
    res["tk_from"] = src
    notes = oracle.elf_notes(a.vmcore)
    qemu = any(n == "QEMU" for n, _, _ in notes)
    pids = [struct.unpack_from("<i", d, 32)[0] for n, t, d in notes if n == "CORE" and t == 1]
    res["notes"] = {"prstatus": len(pids), "written_by_qemu": qemu}
    cpus = []
    for i, cpu in enumerate(for_each_online_cpu(prog)):
        task = current_of(prog, cpu)
        cpus.append({"cpu": cpu, "pid": task.pid.value_(),
                     "comm": task.comm.string_().decode(errors="replace"),
                     "note_pid": None if qemu or i >= len(pids) else pids[i]})
    res["cpus"] = cpus
    json.dump(res, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
