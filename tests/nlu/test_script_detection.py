"""Script detection from Unicode ranges (bot.nlu.script)."""

import pytest

from bot.nlu.script import dominant_script, script_runs


@pytest.mark.parametrize(
    "text, script",
    [
        ("นายจ้างยึดพาสปอร์ต", "Thai"),
        ("အလုပ်ရှင်", "Mymr"),
        ("ធ្វើការ", "Khmr"),
        ("ນາຍຈ້າງ", "Laoo"),
        ("আমার পাসপোর্ট", "Beng"),
        ("मेरो राहदानी", "Deva"),
        ("Majikan saya", "Latn"),
        ("Tiếng Việt", "Latn"),
        ("นายจ้างเอา passport ไป", "Thai"),  # more Thai letters than Latin
        ("my passport ไป", "Latn"),
        ("", ""),
        ("123 🙏 ?!", ""),
    ],
)
def test_dominant_script(text, script):
    assert dominant_script(text) == script


def test_runs_split_scripts_and_drop_spaces():
    assert list(script_runs("นายจ้าง passport300 ไป")) == [
        (0, 7, "Thai"),
        (8, 16, "Latn"),
        (16, 19, "Zyyy"),
        (20, 22, "Thai"),
    ]


def test_joiners_stay_inside_their_run():
    text = "ক্\u200dষ"  # Bengali with a zero-width joiner
    assert list(script_runs(text)) == [(0, len(text), "Beng")]
