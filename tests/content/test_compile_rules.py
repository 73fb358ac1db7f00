"""Compiled rules send each answered topic to action_answer_topic, except where a
hand-written rule in bot/data/rules/ chooses the action (e.g. talk_to_human)."""
from bot.content.compile import hand_written_intents, rules_data


def test_an_intent_with_a_hand_written_rule_gets_no_compiled_rule(library):
    own = hand_written_intents()
    assert "talk_to_human" in own
    compiled = {rule["steps"][0]["intent"] for rule in rules_data(library, own)["rules"]}
    assert "talk_to_human" not in compiled and "passport_retention" in compiled


def test_hand_written_intents_are_read_from_the_rules_folder(tmp_path):
    (tmp_path / "x.yml").write_text('version: "3.1"\nrules:\n  - rule: r\n    steps:\n'
                                    '      - intent: greet\n      - action: action_x\n')
    assert hand_written_intents(tmp_path) == {"greet"}
