"""Messages with no words never reach a topic."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.fallback_classifier import MitraFallbackClassifier


def classified(text, confidence=0.99):
    message = Message(data={"text": text, "intent": {"name": "affirm", "confidence": confidence},
                            "intent_ranking": [{"name": "affirm", "confidence": confidence}]})
    classifier = MitraFallbackClassifier({**MitraFallbackClassifier.get_default_config(), "threshold": 0.5})
    classifier.process([message])
    return message.get("intent")["name"]


@pytest.mark.parametrize("text", ["", "   ", "😀😀🙏", "?!...", "\ufffd\ufffd"])
def test_no_words_means_fallback_however_confident_the_classifier(text):
    assert classified(text) == "nlu_fallback"


def test_words_with_high_confidence_keep_their_intent():
    assert classified("ok 👍") == "affirm"


def test_low_confidence_still_falls_back():
    assert classified("ok", confidence=0.2) == "nlu_fallback"
