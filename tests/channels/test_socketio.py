"""What the socket.io channel tells the web chat page about this deployment."""
import copy

from bot.channels.socketio import web_presentation
from bot.content.deployment import read_deployment


def test_the_page_gets_the_display_name_of_the_default_language(library):
    assert web_presentation(library) == {"name": library.display_name(library.default_language)}
    assert web_presentation(library) == {"name": "Mitra"}


def test_a_neutral_deployment_gives_the_page_its_neutral_name(library):
    deployed = copy.copy(library)
    deployed.deployment = read_deployment(library.settings, {"MITRA_DISPLAY_NAME": "Lotus"})
    assert web_presentation(deployed) == {"name": "Lotus"}
