"""The case summary a person receives: only what the worker agreed to share.

The worker is shown these fields before they agree (bot/actions/handoff.py), and
nothing else goes into a case: no name, phone number, channel user id or chat
history. Their later messages reach the person only because they write them
during the hand-off, for that purpose. The conversation's own id stays in Mitra
(outbox.py maps a case to it), so the team's tool never learns it.
"""
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, Iterable, List, Optional

# The fields of a case; tests check that a case holds these and no others.
SHARED_FIELDS = ("case_id", "language", "work_country", "home_country", "topic", "self_check_signs", "opened_at")


@dataclass(frozen=True)
class Case:
    case_id: str
    language: str
    work_country: Optional[str]
    home_country: Optional[str]
    topic: Optional[str]  # the last topic the worker asked about, e.g. "passport_retention"
    self_check_signs: List[str] = field(default_factory=list)  # ILO indicator keys they agreed to share
    opened_at: str = ""

    @classmethod
    def new(cls, language: str, work_country: Optional[str], home_country: Optional[str],
            topic: Optional[str], self_check_signs: Iterable[str] = ()) -> "Case":
        return cls(case_id=uuid.uuid4().hex, language=language, work_country=work_country,
                   home_country=home_country, topic=topic,
                   self_check_signs=[str(s) for s in self_check_signs if s],
                   opened_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat())

    def summary(self) -> Dict[str, Any]:
        return asdict(self)

    def text(self) -> str:
        """The summary as a short note for a person reading it in a chat tool."""
        lines = [f"Mitra case {self.case_id}",
                 f"Language: {self.language}",
                 f"Works in: {self.work_country or 'not given'}",
                 f"From: {self.home_country or 'not given'}",
                 f"Asked about: {self.topic or 'not given'}"]
        if self.self_check_signs:
            lines.append("Self-check signs: " + ", ".join(self.self_check_signs))
        return "\n".join(lines)
