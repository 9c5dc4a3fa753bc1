#!/usr/bin/env python3
"""Reads the gate verdicts of an aa.sh run (target/benchmark-results/*_benchmark_results.json, not
all_benchmark_results.json) and judges whether the run went as expected; aa.sh's one reader.

  verdicts.py judge RESULTS --expect same|slower [--suites accuracy,performance,...]
      same:   the model against itself. Every gate is PASS, or INCONCLUSIVE because the machine was busy
              (undecided BUSY: the gate's declared thread conditions needed more cores than were free);
              a FAIL, or an INCONCLUSIVE for any other reason (BUDGET, DEPENDENCE, COST, SKEW, or none
              recorded), is offending.
      slower: the 2x slower candidate. Only the ratio gates (minSpeedup*, minThroughputRatio*,
              minTokensPerSecondRatio*, maxTimeToFirstTokenRatio*) are judged: each must be FAIL or
              INCONCLUSIVE/BUSY; a PASS or any other INCONCLUSIVE is offending, and so is a run with none.
      --suites: each named suite must have left its results file (a missing one is offending).
      Prints counts by verdict and by undecided reason, then one line per offending gate; exits 0 when
      the run went as expected, 1 when not.
  verdicts.py count RESULTS
      Counts by verdict and undecided reason, and the gates that did not PASS (the cases judged by
      the build's outcome).
  verdicts.py summary LOG
      LOG has one line per run: case, label, 1 or 0 (as expected or not), seconds, tab-separated.
      Prints one line per case, e.g.
      (g) mid.pt A/A: 9 of 10 runs as expected; median 143 s per run (min 120, max 180)

Results written before the `undecided` field existed still parse: a missing field counts as none.
"""
import argparse
import collections
import glob
import json
import os
import statistics
import sys

RATIO_GATES = ("minSpeedup", "minThroughputRatio", "minTokensPerSecondRatio", "maxTimeToFirstTokenRatio")
ALL_RESULTS = "all_benchmark_results.json"
SUFFIX = "_benchmark_results.json"


def read_gates(results):
    """(gates, problems): every suite file's gates, each with its suite, and what could not be read."""
    gates, problems = [], []
    for path in sorted(glob.glob(os.path.join(results, "*" + SUFFIX))):
        name = os.path.basename(path)
        if name == ALL_RESULTS:
            continue
        suite = name[:-len(SUFFIX)]
        try:
            with open(path) as f:
                document = json.load(f)
        except (OSError, ValueError) as e:
            problems.append(f"{name} unreadable: {e}")
            continue
        for gate in document.get("gates") or []:
            gates.append(dict(suite=suite, name=str(gate.get("name")), verdict=gate.get("verdict"),
                              undecided=gate.get("undecided"), detail=gate.get("detail") or ""))
    return gates, problems


def suites_present(results):
    return {os.path.basename(p)[:-len(SUFFIX)] for p in glob.glob(os.path.join(results, "*" + SUFFIX))
            if os.path.basename(p) != ALL_RESULTS}


def kind(gate):
    """PASS, FAIL, INCONCLUSIVE/BUSY, INCONCLUSIVE/BUDGET, ..., INCONCLUSIVE/none."""
    if gate["verdict"] == "INCONCLUSIVE":
        return "INCONCLUSIVE/" + (gate["undecided"] or "none")
    return str(gate["verdict"])


def counts(gates):
    verdicts = collections.Counter(str(g["verdict"]) for g in gates)
    undecided = collections.Counter(g["undecided"] or "none" for g in gates if g["verdict"] == "INCONCLUSIVE")
    text = ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())) or "no gates"
    if undecided:
        text += "; undecided " + ", ".join(f"{u} {n}" for u, n in sorted(undecided.items()))
    return text


def is_ratio(gate):
    return gate["name"].startswith(RATIO_GATES)


def judge(results, expect, suites):
    gates, problems = read_gates(results)
    missing = [s for s in suites if s not in suites_present(results)]
    problems += [f"no {s}{SUFFIX}" for s in missing]
    if expect == "same":
        judged = gates
        offending = [g for g in gates if kind(g) not in ("PASS", "INCONCLUSIVE/BUSY")]
        line = f"gates {len(gates)}: {counts(gates)}"
    else:
        judged = [g for g in gates if is_ratio(g)]
        offending = [g for g in judged if kind(g) not in ("FAIL", "INCONCLUSIVE/BUSY")]
        others = [g for g in gates if not is_ratio(g)]
        line = f"ratio gates {len(judged)}: {counts(judged)}; other gates (not judged) {len(others)}: {counts(others)}"
    if not judged:
        problems.append("no gate to judge" if expect == "same" else "no ratio gate")
    as_expected = not offending and not problems
    print(("as expected; " if as_expected else "NOT as expected; ") + line)
    for problem in problems:
        print("     offending: " + problem)
    for g in offending:
        detail = g["detail"] if len(g["detail"]) <= 160 else g["detail"][:157] + "..."
        print(f"     offending: {kind(g)} {g['suite']}/{g['name']}: {detail}")
    return 0 if as_expected else 1


def count(results):
    gates, problems = read_gates(results)
    bad = [kind(g) + ":" + g["name"] for g in gates if g["verdict"] != "PASS"]
    print(counts(gates) + ("; " + " ".join(bad) if bad else "") + "".join("; " + p for p in problems))
    return 0


def summary(log):
    cases = collections.OrderedDict()
    with open(log) as f:
        for line in f:
            if not line.strip():
                continue
            case, label, ok, seconds = line.rstrip("\n").split("\t")
            entry = cases.setdefault(case, dict(label=label, ok=0, seconds=[]))
            entry["ok"] += int(ok)
            entry["seconds"].append(float(seconds))
    for case, e in cases.items():
        s = e["seconds"]
        print(f"({case}) {e['label']}: {e['ok']} of {len(s)} runs as expected; "
              f"median {statistics.median(s):g} s per run (min {min(s):g}, max {max(s):g})")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    j = commands.add_parser("judge")
    j.add_argument("results")
    j.add_argument("--expect", choices=("same", "slower"), required=True)
    j.add_argument("--suites", default="", help="comma-separated suites whose results file must exist")
    c = commands.add_parser("count")
    c.add_argument("results")
    s = commands.add_parser("summary")
    s.add_argument("log")
    args = parser.parse_args()
    if args.command == "judge":
        return judge(args.results, args.expect, [x for x in args.suites.split(",") if x])
    if args.command == "count":
        return count(args.results)
    return summary(args.log)


if __name__ == "__main__":
    sys.exit(main())
