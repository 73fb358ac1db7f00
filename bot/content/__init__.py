"""The content library: editors' YAML files in content/, loaded, checked and rendered.

`load_library(path)` reads content/ into a `Library`; `render` turns a topic or a UI
string into the text for one language and country. Nothing here knows about Rasa
except `compile`, which writes training data to the build folder.
"""
from bot.content.errors import ContentError, ContentErrors
from bot.content.library import Library, load_library

__all__ = ["ContentError", "ContentErrors", "Library", "load_library"]
