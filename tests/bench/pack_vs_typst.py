#!/usr/bin/env python3
"""Whole-process benchmark of issue 21: AgendaPack builds against Typst on the same text.

Times complete processes (start to exit, peak resident memory from wait4's rusage), alternating the
commands round by round so that the shared machine's noise falls on all of them alike, and prints
medians. Each command is one of:
  - an `agendapack` binary building the demo meeting (full edition) and the meeting four times
    its size (the demo's reports repeated, as `pack_bench` makes it), from a database prepared
    here (export, scale, import);
  - Typst compiling seed 001's pack text (../shared/bench/seed001-pack.typ) and the same text four
    times (set-up lines kept once, the rest repeated with #pagebreak()), through the `typst`
    package from PyPI.

Usage: pack_vs_typst.py --typst-python PY --typ FILE [--rounds N] NAME=BINARY[:THREADS] ...
(NAME labels a binary, e.g. before=/tmp/agendapack-before after=target/release/agendapack:2).
"""
import argparse
import copy
import json
import os
import statistics
import subprocess
import tempfile
import time


def run_timed(cmd, env):
    """Runs cmd as a whole process; returns (seconds, peak resident KB of the process)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd[0]} failed: {proc.stderr.read()[-400:]!r}")
    return seconds, usage.ru_maxrss


def scaled(bundle, times):
    """The meeting with its report items repeated `times` times, renumbered 100*copy + k."""
    items = bundle["items"]
    reports = [i for i in items if i.get("report")]
    at = max(k for k, i in enumerate(items) if i.get("report")) + 1
    extra = []
    for c in range(1, times):
        for k, item in enumerate(reports):
            item = copy.deepcopy(item)
            item["number"] = 100 * c + k
            extra.append(item)
    bundle = dict(bundle)
    bundle["items"] = items[:at] + extra + items[at:]
    return bundle


def prepare(binary, folder, env):
    """A database made by `binary` holding the demo meeting and the meeting four times its
    size; returns (database, demo meeting id, four-times meeting id)."""
    os.makedirs(folder)
    db = os.path.join(folder, "bench.db")
    subprocess.run([binary, "--db", db, "init", "--demo"], env=env, check=True, capture_output=True)
    listing = subprocess.run([binary, "--db", db, "meetings"], env=env, check=True, capture_output=True, text=True).stdout
    demo = next(l.split()[0] for l in listing.splitlines() if l.split() and l.split()[-1] == "11")
    exported = os.path.join(folder, "demo.json")
    subprocess.run([binary, "--db", db, "export", "--meeting", demo, "--out", exported], env=env, check=True, capture_output=True)
    with open(exported) as f:
        four = scaled(json.load(f), 4)
    four_path = os.path.join(folder, "demo4x.json")
    with open(four_path, "w") as f:
        json.dump(four, f)
    subprocess.run([binary, "--db", db, "import", four_path], env=env, check=True, capture_output=True)
    listing = subprocess.run([binary, "--db", db, "meetings"], env=env, check=True, capture_output=True, text=True).stdout
    big = next(l.split()[0] for l in listing.splitlines() if l.split() and l.split()[-1] == "20")
    return db, demo, big


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--typst-python", required=True)
    p.add_argument("--typ", required=True)
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("binaries", nargs="+")
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="pack-bench-")
    env = dict(os.environ, HOME=work, XDG_DATA_HOME=os.path.join(work, "data"))
    # Each binary gets a database of its own, made by itself: a build from before a schema
    # migration cannot open a database a newer one has migrated.
    databases = {}
    for spec in a.binaries:
        binary = spec.split("=", 1)[1].split(":")[0]
        if binary not in databases:
            databases[binary] = prepare(binary, os.path.join(work, f"db{len(databases)}"), env)

    with open(a.typ) as f:
        lines = f.read().split("\n")
    setup, body = "\n".join(lines[:9]), "\n".join(lines[9:])
    typ4 = os.path.join(work, "four.typ")
    with open(typ4, "w") as f:
        f.write(setup + "\n" + "\n#pagebreak()\n".join([body] * 4))

    commands = {}
    for spec in a.binaries:
        name, rest = spec.split("=", 1)
        binary, _, threads = rest.partition(":")
        e = dict(env)
        if threads:
            e["AGENDAPACK_THREADS"] = threads
        db, demo, big = databases[binary]
        for label, meeting in [("demo", demo), ("4x", big)]:
            out = os.path.join(work, f"{name}-{label}.pdf")
            commands[(name, label)] = ([binary, "--db", db, "build", "--meeting", meeting, "--edition", "full", "--out", out], e)
    for label, src in [("demo", a.typ), ("4x", typ4)]:
        code = f"import typst; typst.compile({src!r}, output={os.path.join(work, 'typst-' + label + '.pdf')!r})"
        commands[("typst", label)] = ([a.typst_python, "-c", code], env)

    results = {key: [] for key in commands}
    for _ in range(a.rounds):
        for key, (cmd, e) in commands.items():
            results[key].append(run_timed(cmd, e))
    for label in ["demo", "4x"]:
        typst = statistics.median(t for t, _ in results[("typst", label)])
        for (name, l), runs in results.items():
            if l != label:
                continue
            t = statistics.median(s for s, _ in runs)
            kb = statistics.median(m for _, m in runs)
            print(f"{label:5} {name:8} median {t:.3f} s  peak {kb / 1024:.0f} MB  ratio to Typst {t / typst:.3f}")
    # One binary on different thread counts must write the same bytes.
    for binary in databases:
        names = [spec.split("=", 1)[0] for spec in a.binaries if spec.split("=", 1)[1].split(":")[0] == binary]
        for label in ["demo", "4x"]:
            outputs = {open(os.path.join(work, f"{name}-{label}.pdf"), "rb").read() for name in names}
            if len(names) > 1:
                print(f"{label:5} {', '.join(names)}: {'the same bytes' if len(outputs) == 1 else 'DIFFERENT bytes'}")


if __name__ == "__main__":
    main()
