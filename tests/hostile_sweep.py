"""The hostile-user sweep: every bad-input case of tests/_bad_input.py, run once, classified.

    python tests/hostile_sweep.py [--details FILE] [--only MODULE]

Prints one row per outcome (see ``_bad_input.OUTCOMES``) and, with ``--details``, writes every
case that is not "clear error" or "valid handled" to FILE (one line each).
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _bad_input as B  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", help="write the failing cases to this file")
    parser.add_argument("--only", help="only functions whose name starts with this")
    args = parser.parse_args(argv)
    cases = [c for c in B.all_cases() if not args.only or c.func.startswith(args.only)]
    counts, lines, skipped = collections.Counter(), [], 0
    per_func = collections.defaultdict(collections.Counter)
    start = time.perf_counter()
    for case in cases:
        try:
            outcome, detail = B.run_case(case)
        except Exception as err:  # the harness itself failed (e.g. building the case)
            outcome, detail = "crash (unhelpful)", f"harness: {type(err).__name__}: {err}"
        if outcome is None:
            skipped += 1
            continue
        counts[outcome] += 1
        per_func[case.func][outcome] += 1
        if outcome not in ("clear error", "valid handled"):
            lines.append(f"{outcome:<18} | {case.func} | {case.label} | {detail[:300]}")
    total = sum(counts.values())
    print(f"{total} cases over {len({c.func for c in cases})} functions "
          f"({skipped} skipped: reference call refused) in {time.perf_counter() - start:.1f} s")
    for outcome in B.OUTCOMES:
        print(f"  {outcome:<20} {counts[outcome]:5d}  {100 * counts[outcome] / max(total, 1):5.1f}%")
    missing = [f for f in B.public_functions() if f not in B.SPECS and f not in B.EXEMPT]
    if missing:
        print("public functions without a spec:", ", ".join(missing))
    if args.details:
        with open(args.details, "w") as fh:
            fh.write("\n".join(sorted(lines)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
