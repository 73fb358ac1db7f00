"""HMAC-SHA256 signatures for webhook bodies, the same scheme in both directions.

Headers: `X-Mitra-Timestamp: <unix seconds>` and
`X-Mitra-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>." + raw body>`.
Signing the timestamp with the body lets a receiver refuse a replayed old call
(older than TOLERANCE_SECONDS) as well as a forged one.
"""
import hashlib
import hmac
import time
from typing import Dict, Optional

SIGNATURE_HEADER = "X-Mitra-Signature"
TIMESTAMP_HEADER = "X-Mitra-Timestamp"
TOLERANCE_SECONDS = 300


def signature(secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def signed_headers(secret: str, body: bytes, now: Optional[float] = None) -> Dict[str, str]:
    timestamp = int(time.time() if now is None else now)
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: signature(secret, body, timestamp)}


def verify(secret: str, body: bytes, headers, now: Optional[float] = None) -> bool:
    """True only for a body signed with `secret` within the last few minutes."""
    if not secret:
        return False
    given = headers.get(SIGNATURE_HEADER) or ""
    try:
        timestamp = int(headers.get(TIMESTAMP_HEADER) or "")
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > TOLERANCE_SECONDS:
        return False
    return hmac.compare_digest(given.encode(), signature(secret, body, timestamp).encode())
