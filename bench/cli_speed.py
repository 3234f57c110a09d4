"""What users feel: wall time and peak memory of `vlmkg` commands, as ratios, in one run.

    python -m bench.cli_speed               # 3 rounds; appended to bench/results/cli_speed.jsonl
    python -m bench.cli_speed --rounds 5 --before

Commands, each a fresh process (cold), in round-robin so a busy machine slows all alike:
  ask-empty       `vlmkg sparql 'ASK {}'`: the CLI's own start-up
  build-no-index  `vlmkg build --no-index` of the bundled hub into a new, empty home
  build           `vlmkg build` (with the search index) into a new, empty home
  ask             `vlmkg ask "<question>"` (loads no model)
  search          `vlmkg search "<query>"` (loads the encoder)
`--before` adds the same builds and search with the previous engines (pyshacl for SHACL,
sentence-transformers on torch for embeddings; VLMKG_SHACL_ENGINE / VLMKG_EMBED_ENGINE),
so before and after are measured in the same run. `--baseline DIR` adds the start-up and
the builds run from the source tree DIR (PYTHONPATH=DIR: an earlier commit unpacked with
`git archive COMMIT | tar -x -C DIR`), the same commands on the code before a change.
Medians of wall and CPU (user + system) seconds; on a shared machine the CPU ratios are
the steadier. The targets are the ratios
build-no-index / ask-empty, build / build-no-index and search / ask.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results" / "cli_speed.jsonl"
QUESTION = "Which models use a CLIP vision encoder?"
QUERY = "vision encoder of Qwen-VL"
BEFORE = {"VLMKG_SHACL_ENGINE": "pyshacl", "VLMKG_EMBED_ENGINE": "torch"}


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS MB) of `vlmkg args`; raises if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(
        ["vlmkg", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"vlmkg {' '.join(args)} failed ({process.returncode}): {stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def commands(
    before: bool, baseline: Path | None = None
) -> dict[str, tuple[list[str], dict[str, str], bool]]:
    """name -> (arguments, extra environment, needs a fresh home)."""
    table: dict[str, tuple[list[str], dict[str, str], bool]] = {
        "ask-empty": (["sparql", "ASK {}"], {}, False),
        "build-no-index": (["build", "--no-index"], {}, True),
        "build": (["build"], {}, True),
        "ask": (["ask", QUESTION], {}, False),
        "search": (["search", QUERY], {}, False),
    }
    if before:
        table["build-no-index (pyshacl)"] = (["build", "--no-index"], BEFORE, True)
        table["build (pyshacl, torch)"] = (["build"], BEFORE, True)
        table["search (torch)"] = (["search", QUERY], BEFORE, False)
    if baseline is not None:
        old = {"PYTHONPATH": str(baseline)}
        table["ask-empty (baseline)"] = (["sparql", "ASK {}"], old, False)
        table["build-no-index (baseline)"] = (["build", "--no-index"], old, True)
        table["build (baseline)"] = (["build"], old, True)
    return table


def ratios(figure: dict[str, float], before: bool) -> dict[str, float]:
    """The three target ratios (and the same before, with --before) of one figure."""
    found = {
        "build-no-index / ask-empty": figure["build-no-index"] / figure["ask-empty"],
        "build / build-no-index": figure["build"] / figure["build-no-index"],
        "search / ask": figure["search"] / figure["ask"],
    }
    if before:
        found["before: build-no-index / ask-empty"] = (
            figure["build-no-index (pyshacl)"] / figure["ask-empty"]
        )
        found["before: build / build-no-index"] = (
            figure["build (pyshacl, torch)"] / figure["build-no-index (pyshacl)"]
        )
        found["before: search / ask"] = figure["search (torch)"] / figure["ask"]
    if "build (baseline)" in figure:
        found["baseline: build-no-index / ask-empty"] = (
            figure["build-no-index (baseline)"] / figure["ask-empty (baseline)"]
        )
        found["baseline: build / build-no-index"] = (
            figure["build (baseline)"] / figure["build-no-index (baseline)"]
        )
        found["build-no-index: after / baseline"] = (
            figure["build-no-index"] / figure["build-no-index (baseline)"]
        )
        found["build: after / baseline"] = figure["build"] / figure["build (baseline)"]
    return {k: round(v, 2) for k, v in found.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cli_speed", description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before", action="store_true", help="also the previous engines")
    parser.add_argument(
        "--baseline", type=Path, metavar="DIR", help="also the builds from the source tree DIR"
    )
    args = parser.parse_args(argv)
    table = commands(args.before, args.baseline)
    with tempfile.TemporaryDirectory(prefix="vlmkg-cli-speed-") as tmp:
        home = Path(tmp) / "home"
        base = {**os.environ, "VLMKG_HOME": str(home)}
        samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in table}
        loads = [os.getloadavg()[0]]
        # The first build (a fresh home) is the home the read commands use; it counts.
        samples["build"].append(run(["build"], base))
        for round_ in range(args.rounds):
            for name, (cli_args, extra, fresh) in table.items():
                if round_ == 0 and name == "build":
                    continue
                env = {**base, **extra}
                scratch = Path(tempfile.mkdtemp(dir=tmp)) if fresh else None
                if scratch is not None:
                    env["VLMKG_HOME"] = str(scratch)
                loads.append(os.getloadavg()[0])
                samples[name].append(run(cli_args, env))
                if scratch is not None:
                    shutil.rmtree(scratch)
    wall = {n: round(statistics.median(x[0] for x in s), 3) for n, s in samples.items()}
    cpu = {n: round(statistics.median(x[1] for x in s), 3) for n, s in samples.items()}
    rss = {n: round(max(x[2] for x in s), 1) for n, s in samples.items()}
    result = {
        "rounds": args.rounds,
        "baseline": str(args.baseline) if args.baseline else None,
        "median_wall_s": wall,
        "median_cpu_s": cpu,
        "peak_rss_mb": rss,
        "ratios_wall": ratios(wall, args.before),
        "ratios_cpu": ratios(cpu, args.before),
        "load_avg": [round(min(loads), 2), round(max(loads), 2)],
        "cpus": os.cpu_count(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(f"{'':>26}  {'wall s':>8}  {'CPU s':>8}  {'peak MB':>8}")
    for name in table:
        print(f"{name:>26}: {wall[name]:8.3f}  {cpu[name]:8.3f}  {rss[name]:8.1f}")
    for kind in ("ratios_wall", "ratios_cpu"):
        for name, value in result[kind].items():
            print(f"{kind[7:]:>5} {name:>36}: {value}x")
    print(f"load average {min(loads):.2f}-{max(loads):.2f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(result) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
