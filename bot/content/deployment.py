"""How the assistant presents itself in one deployment: its display name and first message.

A worker's phone may be watched. An NGO can then make the chat look like any other:
a harmless name in the web chat's title and header and in the bot's own words, and a
plain greeting instead of an introduction about work abroad and rights. Both are set in
content/settings.yml and need no code:

    deployment:
      name: Mitra                 # or one name per language: {en: Mitra, th: มิตรา}
      first_message: intro        # the UI string (ui/LANG.yml) that opens a conversation

Texts write the name as `{bot_name}`. For one content folder serving two deployments,
the environment overrides the file: MITRA_DISPLAY_NAME (one name for every language)
and MITRA_FIRST_MESSAGE (a UI string's key). content/README.md shows a neutral example.
"""
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional

NAME_ENV = "MITRA_DISPLAY_NAME"
FIRST_MESSAGE_ENV = "MITRA_FIRST_MESSAGE"
DEFAULT_NAME = "Mitra"
DEFAULT_FIRST_MESSAGE = "intro"
MAX_NAME_CHARS = 40  # a browser tab and a chat header show about this much


@dataclass
class Deployment:
    names: Dict[str, str]  # language -> display name; "" (every language) when one name is given
    first_message: str  # the key of the UI string sent first
    # setting -> the environment variable that set it, so errors can name where a value came from
    from_env: Dict[str, str] = field(default_factory=dict)

    def name(self, lang: Optional[str], default_lang: str) -> str:
        """The display name in `lang`, else in the default language, else the one name for all."""
        for code in (lang, default_lang, ""):
            if code is not None and self.names.get(code):
                return self.names[code]
        return next(iter(self.names.values()), DEFAULT_NAME)


def read_deployment(settings: Mapping[str, Any], environ: Optional[Mapping[str, str]] = None) -> Deployment:
    """The deployment from settings.yml's `deployment:` block, with environment overrides.

    Values are taken as given (shape errors are the loader's, meaning errors the validator's),
    so that a broken value is reported rather than silently replaced.
    """
    environ = os.environ if environ is None else environ
    block = settings.get("deployment")
    block = block if isinstance(block, Mapping) else {}
    name = block.get("name", DEFAULT_NAME)
    names = {str(k): v if isinstance(v, str) else "" for k, v in name.items()} \
        if isinstance(name, Mapping) else {"": name if isinstance(name, str) else ""}
    first = block.get("first_message", DEFAULT_FIRST_MESSAGE)
    deployment = Deployment(names, first if isinstance(first, str) else "")
    if environ.get(NAME_ENV, "").strip():
        deployment.names = {"": environ[NAME_ENV].strip()}
        deployment.from_env["name"] = NAME_ENV
    if environ.get(FIRST_MESSAGE_ENV, "").strip():
        deployment.first_message = environ[FIRST_MESSAGE_ENV].strip()
        deployment.from_env["first_message"] = FIRST_MESSAGE_ENV
    return deployment
