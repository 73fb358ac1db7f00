"""The live content: reloaded when an editor saves a file, never replaced by a broken edit.

Servers call `store.library` on each request. At most once a second it looks at the
files' modification times; if something changed it loads and validates the content
again. A broken edit is refused with one clear log line per problem and the last
good content keeps serving.
"""
import logging
import os
import threading
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Union

from bot.content.errors import ContentError, ContentErrors
from bot.content.library import Library, load_library

logger = logging.getLogger(__name__)

CONTENT_DIR_ENV = "MITRA_CONTENT_DIR"
DEFAULT_CONTENT_DIR = Path(__file__).resolve().parents[2] / "content"


def _snapshot(root: Path) -> Dict[str, float]:
    stamps = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith((".yml", ".yaml")):
                path = os.path.join(folder, name)
                try:
                    stamps[path] = os.stat(path).st_mtime_ns
                except OSError:  # removed between listing and stat
                    pass
    return stamps


class ContentStore:
    def __init__(self, root: Union[str, Path], check_interval: float = 1.0,
                 check: Optional[Callable[[Library], List[ContentError]]] = None):
        self.root = Path(root)
        self.check_interval = check_interval
        self._check = check
        self._lock = threading.Lock()
        self._library: Optional[Library] = None
        self._stamps: Dict[str, float] = {}
        self._checked_at = 0.0
        self.last_errors: List[ContentError] = []

    @property
    def library(self) -> Library:
        now = time.monotonic()
        if self._library is None or now - self._checked_at >= self.check_interval:
            with self._lock:
                self._checked_at = now
                stamps = _snapshot(self.root)
                if self._library is None or stamps != self._stamps:
                    self._reload(stamps)
        if self._library is None:
            raise ContentErrors(self.last_errors)
        return self._library

    def _reload(self, stamps: Dict[str, float]) -> None:
        try:
            library = load_library(self.root)
            errors = [e for e in (self._check(library) if self._check else []) if e.severity == "error"]
            if errors:
                raise ContentErrors(errors)
        except ContentErrors as exc:
            self.last_errors = exc.errors
            what = "kept the last good content" if self._library else "no content could be loaded"
            for error in exc.errors:
                logger.error("content edit refused (%s): %s", what, str(error).replace("\n", " "))
        else:
            if self._library is not None:
                logger.info("content reloaded from %s", self.root)
            self._library = library
            self.last_errors = []
        # Remember the files even when refused: the same broken edit is not re-read
        # every second, and the next save triggers a new attempt.
        self._stamps = stamps


def _default_check(library: Library) -> List[ContentError]:
    try:
        from bot.content.validate import validate
    except ImportError:  # the full validator is optional at run time
        return []
    return validate(library)


store = ContentStore(os.environ.get(CONTENT_DIR_ENV, DEFAULT_CONTENT_DIR), check=_default_check)
