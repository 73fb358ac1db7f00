"""A real Mitra (action server + Rasa server with the trained model) for end-to-end tests."""
import json
import os
import shutil
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, Optional

import pytest

from bot.content.store import CONTENT_DIR_ENV
from bot.servers import ROOT, Ports, Servers, free_ports

MODEL = ROOT / "models" / "mitra.tar.gz"


def require_model() -> None:
    """Skip on a laptop without a trained model; in CI a missing model is a failure."""
    if not MODEL.exists():
        message = "no trained model: run `make train` (make test does it first)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def serving(folder: Path, env: Optional[Dict[str, str]] = None) -> Iterator["Client"]:
    """Mitra's servers on free ports, serving a copy of content/ (so tests can edit it)."""
    require_model()
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    actions, rasa, web = free_ports(3)  # free ports: other checkouts may be testing too
    ports = Ports(actions=actions, rasa=rasa, web=web)
    with Servers(model=str(MODEL), ports=ports, log_dir=folder / "logs", web=False,
                 tracker_db=folder / "tracker.db", env={CONTENT_DIR_ENV: str(content), **(env or {})}) as servers:
        yield Client(servers.rasa_url, content, folder / "tracker.db")


@pytest.fixture(scope="session")
def mitra(tmp_path_factory):
    with serving(tmp_path_factory.mktemp("mitra")) as client:
        yield client


class Client:
    def __init__(self, url: str, content: Path, database: Path):
        self.url = url
        self.content = content
        self.database = database  # the SQLite tracker store, to read what was stored

    def post(self, path: str, body: bytes, timeout: float = 60):
        request = urllib.request.Request(self.url + path, data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())

    def say(self, sender: str, message) -> list:
        status, replies = self.post("/webhooks/rest/webhook",
                                    json.dumps({"sender": sender, "message": message}).encode())
        assert status == 200, replies
        return replies

    def parse(self, text: str) -> dict:
        status, result = self.post("/model/parse", json.dumps({"text": text}).encode())
        assert status == 200, result
        return result

    def onboard(self, sender: str, country: str = "TH") -> None:
        self.say(sender, "hello")
        self.say(sender, '/change_language{"language":"en"}')
        self.say(sender, f'/inform_country{{"work_country":"{country}"}}')


def texts(replies) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def facts(country: str) -> dict:
    import yaml

    data = yaml.safe_load((ROOT / "content" / "facts" / f"{country}.yml").read_text(encoding="utf-8"))
    return {key: str(fact.get("phone") or fact.get("value")) for key, fact in data["facts"].items()}
