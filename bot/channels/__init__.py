"""Input channels: how messages from chat apps and the web reach Mitra."""
from bot.channels import action_response_check  # noqa: F401  (faster custom action calls in Rasa 3.6)
