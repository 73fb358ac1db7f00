"""Mitra's action server: `rasa run actions --actions bot.actions`.

One module per concern: answers (topic answers from content/), onboarding
(language and country), menu, fallback, privacy (deleting a conversation),
handoff (talking to a person; pause.py keeps Mitra quiet meanwhile), self_check (the ILO
self-check form). `base.MitraAction` holds what they share.
"""
from bot.actions import answers, fallback, handoff, menu, onboarding, privacy, self_check  # noqa: F401  (registers the actions)
