"""Train NLU-only models for several pipeline configs and compare them on the development questions.

    PYTHONPATH=$PWD .venv/bin/python scripts/compare_pipelines.py config.yml scripts/pipeline_variants/*.yml

Choices are made on tests/nlu/dev (the default `--questions`): choosing on the held-out
set would make its figures optimistic. `--questions tests/nlu/heldout` reports a choice
already made.

Each config is trained with `rasa train nlu` on the same compiled content
(build/data/nlu/content.yml) into build/variants/<name>.tar.gz, holding the training
lock (/tmp/mitra-train.lock) only while training, then scored by scripts/eval.py into
results/variants/<name>/. Prints one Markdown table row per config: accuracy, range over
the languages, macro F1, out-of-scope questions given a topic, the classifier's first
choice accuracy and the training time (wall clock; the CPU is shared, so compare
times taken close together).
"""
import argparse
import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCK = "/tmp/mitra-train.lock"


def train(config: Path, name: str, data: Path, models: Path) -> float:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    command = [str(ROOT / ".venv" / "bin" / "rasa"), "train", "nlu", "--config", str(config), "--nlu", str(data),
               "--out", str(models), "--fixed-model-name", name]
    with open(LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        start = time.monotonic()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, cwd=ROOT)
        return time.monotonic() - start


def evaluate(model: Path, questions: Path, out: Path) -> dict:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "eval.py"), "--model", str(model),
                    "--heldout", str(questions), "--out", str(out)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def row(name: str, report: dict, seconds: float) -> str:
    m = report["model"]
    languages = m["per_language"]
    low, high = min(languages, key=languages.get), max(languages, key=languages.get)
    return (f"| {name} | {100 * m['accuracy']:.1f} | {low} {100 * languages[low]:.1f} – {high} "
            f"{100 * languages[high]:.1f} | {m['macro_f1']:.3f} | {m['out_of_scope_given_topic']} of "
            f"{m['out_of_scope_examples']} | {m['in_scope_sent_to_fallback']} | "
            f"{100 * m['accuracy_without_fallback']:.1f} | {seconds:.0f} s |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("configs", nargs="+", type=Path)
    parser.add_argument("--data", type=Path, default=ROOT / "build" / "data" / "nlu" / "content.yml")
    parser.add_argument("--models", type=Path, default=ROOT / "build" / "variants")
    parser.add_argument("--questions", type=Path, default=ROOT / "tests" / "nlu" / "dev")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "variants")
    args = parser.parse_args(argv)
    print("| pipeline | accuracy % | per language % | macro F1 | out of scope given a topic "
          "| in scope sent to fallback | first choice % | training |")
    print("|---|---|---|---|---|---|---|---|")
    for config in args.configs:
        name = config.stem
        seconds = train(config, name, args.data, args.models)
        print(row(name, evaluate(args.models / f"{name}.tar.gz", args.questions, args.out / name), seconds), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
