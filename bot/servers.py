"""Start Mitra's servers together and stop them together (`make run`, tests, benchmarks).

`Servers` starts the action server, the Rasa server and a static web server for the
chat page, each in its own process group, waits until each answers, and on stop
(or Ctrl-C) ends every process it started, so no orphan keeps a port.
"""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


@dataclass
class Ports:
    actions: int = 5055
    rasa: int = 5005
    web: int = 8080


class Servers:
    def __init__(self, model: str = "models/mitra.tar.gz", ports: Ports = Ports(),
                 endpoints: Optional[Path] = None, log_dir: Path = ROOT / "var" / "log",
                 web: bool = True, env: Optional[Dict[str, str]] = None, tracker_db: Optional[Path] = None):
        self.model = model
        self.ports = ports
        self.endpoints = endpoints
        self.tracker_db = tracker_db  # another SQLite file than var/tracker.db (tests, benchmarks)
        self.log_dir = log_dir
        self.web = web
        # SANIC_HOST: the action server has no --interface option; it reads this.
        self.env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2",
                    "SANIC_HOST": HOST, **(env or {})}
        self.processes: List[subprocess.Popen] = []

    @property
    def rasa_url(self) -> str:
        return f"http://{HOST}:{self.ports.rasa}"

    @property
    def web_url(self) -> str:
        return f"http://{HOST}:{self.ports.web}/?server={self.rasa_url}"

    def start(self, timeout: float = 180) -> "Servers":
        busy = [port for port in self._ports() if _in_use(port)]
        if busy:
            raise RuntimeError(f"port {', '.join(map(str, busy))} is already in use: stop what uses it "
                               f"(e.g. an earlier Mitra: `fuser -k {busy[0]}/tcp`) and try again")
        self.log_dir.mkdir(parents=True, exist_ok=True)
        (ROOT / "var").mkdir(exist_ok=True)
        endpoints = self.endpoints or self._endpoints_file()
        bin_dir = Path(sys.executable).parent
        self._spawn("actions", [str(bin_dir / "rasa"), "run", "actions", "--actions", "bot.actions",
                                "--port", str(self.ports.actions)])
        cors = f"http://{HOST}:{self.ports.web}"
        self._spawn("rasa", [str(bin_dir / "rasa"), "run", "--model", self.model, "--enable-api",
                             "--interface", HOST, "--port", str(self.ports.rasa),
                             "--credentials", str(ROOT / "credentials.yml"),
                             "--endpoints", str(endpoints), "--cors", cors])
        if self.web:
            self._spawn("web", [sys.executable, "-m", "http.server", str(self.ports.web),
                                "--bind", HOST, "--directory", str(ROOT / "web")])
        try:
            self._wait(f"http://{HOST}:{self.ports.actions}/health", timeout)
            self._wait(f"{self.rasa_url}/", timeout)
            if self.web:
                self._wait(f"http://{HOST}:{self.ports.web}/", timeout)
        except Exception:
            self.stop()
            raise
        return self

    def _ports(self) -> List[int]:
        return [self.ports.actions, self.ports.rasa] + ([self.ports.web] if self.web else [])

    def _endpoints_file(self) -> Path:
        """endpoints.yml, with this action server's port and tracker database where they differ."""
        if self.ports.actions == 5055 and self.tracker_db is None:
            return ROOT / "endpoints.yml"
        text = (ROOT / "endpoints.yml").read_text().replace("localhost:5055", f"localhost:{self.ports.actions}")
        if self.tracker_db is not None:
            if "db: var/tracker.db" not in text:
                raise RuntimeError("endpoints.yml no longer has 'db: var/tracker.db' to replace")
            text = text.replace("db: var/tracker.db", f"db: {self.tracker_db}")
        path = self.log_dir / f"endpoints-{self.ports.actions}.yml"
        path.write_text(text)
        return path

    def _spawn(self, name: str, command: List[str]) -> None:
        log = open(self.log_dir / f"{name}.log", "ab")
        self.processes.append(subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log,
                                               stderr=subprocess.STDOUT, start_new_session=True))

    def _wait(self, url: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{process.args[:3]} exited with {process.returncode}; "
                                       f"see the logs in {self.log_dir}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        raise TimeoutError(f"{url} did not answer within {timeout:.0f} s; see the logs in {self.log_dir}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()

    def __enter__(self) -> "Servers":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def free_ports(count: int) -> List[int]:
    """Ports nobody listens on now (for tests and benchmarks); held open together so they differ."""
    sockets = []
    try:
        for _ in range(count):
            probe = socket.socket()
            probe.bind((HOST, 0))
            sockets.append(probe)
        return [probe.getsockname()[1] for probe in sockets]
    finally:
        for probe in sockets:
            probe.close()


def _in_use(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) == 0


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def main() -> int:
    """`make run`: start everything, print where to chat, stop everything on Ctrl-C."""
    servers = Servers()
    signal.signal(signal.SIGTERM, _interrupt)
    print("Starting Mitra (the first start takes about a minute)...", flush=True)
    try:
        servers.start()
        print(f"\nMitra is running.\n  Web chat:  {servers.web_url}\n"
              f"  REST API:  POST {servers.rasa_url}/webhooks/rest/webhook\n"
              f"  Logs:      {servers.log_dir}\nPress Ctrl-C to stop.", flush=True)
        while all(p.poll() is None for p in servers.processes):
            time.sleep(1)
        print("A server stopped unexpectedly; see the logs. Stopping the others.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping Mitra...", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as exc:
        print(f"Mitra could not start: {exc}", file=sys.stderr)
        return 1
    finally:
        servers.stop()


if __name__ == "__main__":
    sys.exit(main())
