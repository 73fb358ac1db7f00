"""Measure Mitra on this machine: training time, start time, memory, reply latency.

    .venv/bin/python scripts/bench.py            # train + serve measurements
    .venv/bin/python scripts/bench.py --fresh    # also: fresh clone -> first reply of `make run`

Servers listen on 127.0.0.1 only and stop by themselves; results go to
results/bench/bench.json and are printed.
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bot.servers import ROOT, Ports, Servers  # noqa: E402

MESSAGES = ["hello", "my boss keeps my passport", "boss no pay salary 2 month", "help me now",
            "what is the minimum wage", "thank you", "qwerty asdf", "/help_menu"]


def post(url: str, payload: dict, timeout: float = 60) -> list:
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def measure_training(out: Path) -> float:
    start = time.monotonic()
    subprocess.run([str(Path(sys.executable).parent / "rasa"), "train", "--force", "--data", "bot/data",
                    "build/data", "--domain", "domain.yml", "--config", "config.yml", "--out", str(out),
                    "--fixed-model-name", "bench"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    return time.monotonic() - start


def _children(pid: int) -> list:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:  # field 4: the parent's pid
                found.append(int(entry.name))
    return found


def rss_mb(process: subprocess.Popen) -> float:
    """Resident memory of a server and everything it started (Linux /proc)."""
    total, pending = 0, [process.pid]
    while pending:
        pid = pending.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        pending.extend(_children(pid))
    return total / 1024


def measure_serving(model: str, count: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="mitra-bench-"))
    ports = Ports(actions=35055, rasa=35005, web=38080)
    servers = Servers(model=model, ports=ports, log_dir=folder / "logs", web=False,
                      tracker_db=folder / "tracker.db")
    start = time.monotonic()
    with servers:
        started = time.monotonic() - start
        url = f"{servers.rasa_url}/webhooks/rest/webhook"
        post(url, {"sender": "bench", "message": "hello"})  # warm up
        latencies = []
        for i in range(count):
            t0 = time.perf_counter()
            replies = post(url, {"sender": f"bench-{i % 20}", "message": MESSAGES[i % len(MESSAGES)]})
            latencies.append((time.perf_counter() - t0) * 1000)
            assert replies, "no reply"
        actions, rasa = servers.processes[0], servers.processes[1]
        result = {"start_s": round(started, 1), "rss_actions_mb": round(rss_mb(actions)),
                  "rss_rasa_mb": round(rss_mb(rasa)), "messages": count,
                  "latency_p50_ms": round(statistics.median(latencies), 1),
                  "latency_p95_ms": round(statistics.quantiles(latencies, n=20)[18], 1),
                  "latency_max_ms": round(max(latencies), 1)}
    shutil.rmtree(folder, ignore_errors=True)
    return result


def measure_fresh_clone(timeout: float = 1800) -> dict:
    """`git clone` + `make run` in a temp folder, until the first REST reply."""
    folder = Path(tempfile.mkdtemp(prefix="mitra-fresh-"))
    subprocess.run(["git", "clone", "-q", str(ROOT), str(folder / "mitra")], check=True)
    start = time.monotonic()
    run = subprocess.Popen(["make", "run"], cwd=folder / "mitra", stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        while time.monotonic() - start < timeout:
            try:
                if post("http://127.0.0.1:5005/webhooks/rest/webhook", {"sender": "fresh", "message": "hi"}, 10):
                    return {"fresh_clone_to_first_reply_s": round(time.monotonic() - start)}
            except OSError:
                time.sleep(2)
        return {"fresh_clone_to_first_reply_s": None}
    finally:
        os.killpg(run.pid, signal.SIGINT)
        try:
            run.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="also time a fresh clone to first reply")
    args = parser.parse_args()
    out = ROOT / "results" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    results = {"cpus": os.cpu_count()}
    results["training_s"] = round(measure_training(out), 1)
    results.update(measure_serving(str(out / "bench.tar.gz"), args.messages))
    if args.fresh:
        results.update(measure_fresh_clone())
    (out / "bench.json").write_text(json.dumps(results, indent=2))
    for key, value in results.items():
        print(f"{key:32} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
