"""Rasa's FallbackClassifier, plus: a message with no letters or digits is never a topic.

An empty message, a row of emoji or punctuation carries no question, but the
intent classifier still picks its nearest intent (often "affirm"). Such messages
go to the fallback, which asks the worker to write their question in words.
"""
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


def has_words(text) -> bool:
    return isinstance(text, str) and any(char.isalnum() for char in text)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class MitraFallbackClassifier(FallbackClassifier):
    def _should_fallback(self, message: Message) -> bool:
        return not has_words(message.get(TEXT)) or super()._should_fallback(message)
