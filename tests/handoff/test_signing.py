"""Webhook bodies are signed with HMAC-SHA256; forged, altered or replayed ones are refused."""
from bot.handoff.signing import SIGNATURE_HEADER, TIMESTAMP_HEADER, signature, signed_headers, verify

SECRET = "s3cret"
BODY = b'{"event":"case.closed","case_id":"abc"}'


def test_a_body_signed_with_the_secret_is_accepted():
    assert verify(SECRET, BODY, signed_headers(SECRET, BODY, now=1000), now=1010)


def test_a_forged_signature_is_rejected():
    forged = signed_headers("guessed-secret", BODY, now=1000)
    assert not verify(SECRET, BODY, forged, now=1000)


def test_a_changed_body_is_rejected():
    headers = signed_headers(SECRET, BODY, now=1000)
    assert not verify(SECRET, BODY.replace(b"abc", b"xyz"), headers, now=1000)


def test_an_old_signed_call_cannot_be_replayed():
    headers = signed_headers(SECRET, BODY, now=1000)
    assert not verify(SECRET, BODY, headers, now=1000 + 3600)


def test_missing_headers_or_secret_are_rejected():
    assert not verify(SECRET, BODY, {}, now=1000)
    assert not verify(SECRET, BODY, {TIMESTAMP_HEADER: "soon", SIGNATURE_HEADER: "sha256=00"}, now=1000)
    assert not verify("", BODY, signed_headers("", BODY, now=1000), now=1000)


def test_the_signature_is_the_documented_hmac():
    import hashlib
    import hmac

    expected = hmac.new(SECRET.encode(), b"1000." + BODY, hashlib.sha256).hexdigest()
    assert signature(SECRET, BODY, 1000) == f"sha256={expected}"
