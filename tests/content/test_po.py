"""Translators' round trip: export a language to PO, edit it as a translator would, import it."""
import shutil

import polib
import pytest

from tests.content.content_helpers import DOMAIN, REAL_CONTENT, only

from bot.content.library import load_library
from bot.content.po import PoError, export_po, import_po

PASSPORT = "topics/passport_retention.yml"


def export(content, lang):
    po = export_po(load_library(content.root), lang)
    return po, {entry.msgctxt: entry for entry in po}


def save_and_import(content, po, lang, tmp_path):
    path = tmp_path / f"{lang}.po"
    po.save(str(path))
    return import_po(content.root, lang, path, DOMAIN)


def test_export_pairs_english_with_the_translation_and_marks_drafts_fuzzy(content):
    po, entries = export(content, "th")
    assert po.metadata["Language"] == "th"
    th = entries["topic:passport_retention:answer:TH"]
    assert th.msgid.startswith("In Thailand your employer must not keep your passport.")
    assert th.msgstr == "นายจ้างยึดพาสปอร์ตไม่ได้ โทร {labour_hotline} เวลา {labour_hotline.hours}\n"
    assert th.fuzzy  # the Thai answer is a draft
    assert ("content/topics/passport_retention.yml", str(content.line_of(PASSPORT, "      TH: |"))) in th.occurrences
    assert entries["topic:passport_retention:title"].msgstr == "นายจ้างยึดพาสปอร์ต"
    assert entries["topic:passport_retention:examples"].msgid == "my boss keeps my passport\nemployer took my passport"
    assert entries["topic:greet:answer"].msgstr == ""  # not translated yet
    assert not entries["topic:greet:answer"].fuzzy
    assert entries["ui:emergency_line:MY"].msgid == "In danger, call the police on {police}."
    assert entries["ui:intro"].msgstr == ""


def test_reviewed_translation_is_exported_without_fuzzy(content):
    content.edit(PASSPORT, "status: draft", "status: reviewed")
    _, entries = export(content, "th")
    assert not entries["topic:passport_retention:answer:TH"].fuzzy


def test_the_default_language_cannot_be_exported(content):
    with pytest.raises(PoError, match="default language"):
        export(content, "en")


def test_round_trip_writes_the_edit_into_the_yaml_and_keeps_the_status(content, tmp_path):
    before = content.read(PASSPORT)
    po, entries = export(content, "th")
    entries["topic:passport_retention:answer:MY"].msgstr = "ในมาเลเซีย ห้ามใครยึดพาสปอร์ต โทร {labour_hotline}\n"
    result = save_and_import(content, po, "th", tmp_path)

    assert not result.refused, result.problems
    assert result.changed_files == [str(content.root / PASSPORT)]
    after = content.read(PASSPORT)
    assert after != before
    assert after.startswith("# The passport topic of the test content.\n")  # the top comment stays
    library = load_library(content.root)
    thai = library.topics["passport_retention"].answers["th"]
    assert thai.text["MY"] == "ในมาเลเซีย ห้ามใครยึดพาสปอร์ต โทร {labour_hotline}\n"
    assert thai.text["TH"] == "นายจ้างยึดพาสปอร์ตไม่ได้ โทร {labour_hotline} เวลา {labour_hotline.hours}\n"  # untouched variant kept
    assert thai.status == "draft"  # still fuzzy in the PO, so still a draft
    assert "      MY: |\n        ในมาเลเซีย" in after  # multi-line texts stay readable blocks
    assert "examples:\n  en:\n    - my boss keeps my passport" in after


def test_translator_removing_fuzzy_marks_the_answer_reviewed(content, tmp_path):
    po, entries = export(content, "th")
    for key in ("TH", "MY", "other"):
        entries[f"topic:passport_retention:answer:{key}"].flags.remove("fuzzy")
    save_and_import(content, po, "th", tmp_path)
    assert load_library(content.root).topics["passport_retention"].answers["th"].status == "reviewed"


def test_import_adds_a_new_translation_as_draft_when_fuzzy(content, tmp_path):
    po, entries = export(content, "my")
    greet = entries["topic:greet:answer"]
    greet.msgstr = "မင်္ဂလာပါ။ ခေါင်းစဉ်တစ်ခု ရွေးပါ။"
    greet.flags.append("fuzzy")
    entries["topic:greet:examples"].msgstr = "မင်္ဂလာပါ\nဟယ်လို\n"
    entries["ui:intro"].msgstr = "မင်္ဂလာပါ၊ ကျွန်ုပ်သည် စမ်းသပ် bot ဖြစ်သည်။"
    result = save_and_import(content, po, "my", tmp_path)

    assert result.examples_changed
    library = load_library(content.root)
    greet_my = library.topics["greet"].answers["my"]
    assert (greet_my.text, greet_my.status) == ("မင်္ဂလာပါ။ ခေါင်းစဉ်တစ်ခု ရွေးပါ။", "draft")
    assert library.topics["greet"].examples["my"] == ["မင်္ဂလာပါ", "ဟယ်လို"]
    assert library.ui["my"].strings == {"intro": "မင်္ဂလာပါ၊ ကျွန်ုပ်သည် စမ်းသပ် bot ဖြစ်သည်။"}
    assert library.ui["my"].status == "reviewed"
    assert (content.root / "ui" / "my.yml").exists()


def test_import_refuses_a_broken_edit_and_restores_the_files(content, tmp_path):
    before = content.read(PASSPORT)
    po, entries = export(content, "th")
    entries["topic:passport_retention:answer:TH"].msgstr = "โทร {labour_hotlin}\n"  # misspelt fact
    entries["topic:passport_retention:title"].msgstr = "ชื่อใหม่"
    result = save_and_import(content, po, "th", tmp_path)

    assert result.refused
    assert result.changed_files == []
    assert any("TH has no fact 'labour_hotlin'" in p.message for p in result.problems)
    assert content.read(PASSPORT) == before


def test_english_changed_since_export_comes_back_as_draft(content, tmp_path):
    content.edit(PASSPORT, "status: draft", "status: reviewed")
    po, entries = export(content, "th")
    content.edit(PASSPORT, "In Thailand your employer must not keep", "In Thailand no employer may keep")
    for key in ("TH", "MY", "other"):
        entries[f"topic:passport_retention:answer:{key}"].msgstr += " "
    result = save_and_import(content, po, "th", tmp_path)
    assert any("English text changed since the export" in note for note in result.notes)
    assert load_library(content.root).topics["passport_retention"].answers["th"].status == "draft"


def test_po_for_another_language_is_refused(content, tmp_path):
    po, _ = export(content, "th")
    path = tmp_path / "th.po"
    po.save(str(path))
    with pytest.raises(PoError, match="for language 'th', not 'my'"):
        import_po(content.root, "my", path, DOMAIN)


def test_unknown_context_is_skipped_with_a_note(content, tmp_path):
    po, _ = export(content, "th")
    po.append(polib.POEntry(msgctxt="topic:no_such_topic:answer", msgid="x", msgstr="y"))
    result = save_and_import(content, po, "th", tmp_path)
    assert any(note.startswith("topic:no_such_topic:answer") and "skipped" in note for note in result.notes)


def test_errors_already_in_the_content_do_not_block_a_translation(content, tmp_path):
    content.edit("topics/greet.yml", "group: conversation", "group: conversation\nfollow_up: [no_such_topic]")
    po, entries = export(content, "th")
    entries["topic:greet:answer"].msgstr = "สวัสดี"
    result = save_and_import(content, po, "th", tmp_path)
    assert not result.refused
    assert result.new_errors == []
    assert any("unknown topic 'no_such_topic'" in p.message for p in result.problems)  # still listed
    assert load_library(content.root).topics["greet"].answers["th"].text == "สวัสดี"


def test_a_full_round_trip_of_the_real_content_changes_no_english(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, root)
    before = load_library(root)
    po = export_po(before, "km")
    for entry in po:
        entry.msgstr = entry.msgid  # a "translation" that copies the English
    path = tmp_path / "km.po"
    po.save(str(path))
    import_po(root, "km", path, tmp_path / "no-domain.yml")
    after = load_library(root)
    for name, topic in before.topics.items():
        again = after.topics[name]
        assert (again.examples["en"], again.titles, again.needs, again.follow_up) == \
            (topic.examples["en"], {**topic.titles, **({"km": topic.titles["en"]} if "en" in topic.titles else {})},
             topic.needs, topic.follow_up)
        if "en" in topic.answers:
            assert again.answers["en"].text == topic.answers["en"].text
            assert again.answers["km"].text == topic.answers["en"].text
    assert after.ui["km"].strings == before.ui["en"].strings


# fact texts and country names ---------------------------------------------------------------

def test_export_has_country_names_and_the_fact_texts_answers_show(content):
    _, entries = export(content, "th")
    name = entries["country:TH:name"]
    assert (name.msgid, name.msgstr, name.fuzzy) == ("Thailand", "", False)
    assert ("content/facts/TH.yml", str(content.line_of("facts/TH.yml", "  en: Thailand"))) in name.occurrences
    hours = entries["fact:TH:labour_hotline:hours"]  # shown by {labour_hotline.hours}
    assert (hours.msgid, hours.msgstr, hours.fuzzy) == ("24 hours", "24 ชั่วโมง", False)
    assert "Keep its numbers exactly: 24" in hours.comment
    # no answer shows these: nothing to translate (an older PO may still carry them: imported)
    assert "fact:MY:labour_hotline:hours" not in entries and "fact:TH:police:name" not in entries
    assert not any(ctxt.endswith((":phone", ":url", ":email", ":source")) for ctxt in entries)


def test_fact_and_country_translations_are_written_into_the_facts_file(content, tmp_path):
    content.write("facts/MM.yml", "# Home country facts of the test content.\n" + content.read("facts/MM.yml"))
    po, entries = export(content, "my")
    entries["country:MM:name"].msgstr = "မြန်မာ"
    entries["fact:TH:labour_hotline:hours"].msgstr = "၂၄ နာရီ"
    po.append(polib.POEntry(msgctxt="fact:MY:labour_hotline:hours", msgid="office hours", msgstr="ရုံးချိန်",
                            flags=["fuzzy"]))  # facts have no status: a fuzzy one is imported too
    result = save_and_import(content, po, "my", tmp_path)

    assert not result.refused, result.new_errors
    assert sorted(result.changed_files) == sorted(str(content.root / f) for f in ("facts/MM.yml", "facts/MY.yml",
                                                                                  "facts/TH.yml"))
    library = load_library(content.root)
    assert library.countries["MM"].names == {"en": "Myanmar", "my": "မြန်မာ"}
    th_hours = library.countries["TH"].facts["labour_hotline"].translations["hours"]
    assert th_hours == {"en": "24 hours", "my": "၂၄ နာရီ", "th": "24 ชั่วโมง"}  # in the order of languages.yml
    my = library.countries["MY"].facts["labour_hotline"]
    assert my.translations["hours"] == {"en": "office hours", "my": "ရုံးချိန်"}  # a plain string became a mapping
    assert my.fields["phone"] == "03-8000 8000"
    assert content.read("facts/MM.yml").startswith("# Home country facts of the test content.\ncountry: MM\n")
    assert "    hours:\n      en: office hours\n      my: ရုံးချိန်\n" in content.read("facts/MY.yml")
    # and the worker reads them
    from bot.content.render import render_topic
    text = render_topic(library, library.topics["passport_retention"], "th", "TH", "MM").text
    assert "24 ชั่วโมง" in text


def test_a_fact_translation_that_changes_a_number_is_refused(content, tmp_path):
    before = content.read("facts/TH.yml")
    po, entries = export(content, "th")
    entries["fact:TH:labour_hotline:hours"].msgstr = "12 ชั่วโมง"
    result = save_and_import(content, po, "th", tmp_path)
    assert result.refused
    problem = only(result.new_errors)
    assert problem.message == "fact 'labour_hotline' hours: the 'th' text has the numbers 12, the 'en' text has 24"
    assert content.read("facts/TH.yml") == before


def test_a_fact_whose_english_changed_since_the_export_is_not_imported(content, tmp_path):
    po, entries = export(content, "th")
    content.edit("facts/TH.yml", "{en: 24 hours,", "{en: 8 to 16,")
    content.edit("facts/TH.yml", "th: 24 ชั่วโมง", "th: 8 ถึง 16")
    entries["fact:TH:labour_hotline:hours"].msgstr = "๒๔ ชั่วโมง"
    entries["country:TH:name"].msgstr = "ประเทศไทย"
    result = save_and_import(content, po, "th", tmp_path)
    assert any(n.startswith("fact:TH:labour_hotline:hours") and "not imported" in n for n in result.notes)
    library = load_library(content.root)
    assert library.countries["TH"].facts["labour_hotline"].translations["hours"]["th"] == "8 ถึง 16"
    assert library.countries["TH"].names["th"] == "ประเทศไทย"


def test_a_po_that_changes_nothing_rewrites_no_file(content, tmp_path):
    content.edit(PASSPORT, "answers:\n", "# a comment further down, which a rewrite would lose\nanswers:\n")
    before = content.read(PASSPORT)
    po, _ = export(content, "th")  # carries the existing Thai answer, title and fact hours
    result = save_and_import(content, po, "th", tmp_path)
    assert result.changed_files == []
    assert content.read(PASSPORT) == before


def test_a_rewritten_facts_file_changes_only_the_translated_field(content, tmp_path):
    before = content.read("facts/MY.yml").splitlines()
    po, _ = export(content, "th")
    po.append(polib.POEntry(msgctxt="fact:MY:labour_hotline:hours", msgid="office hours", msgstr="เวลาราชการ"))
    save_and_import(content, po, "th", tmp_path)
    after = content.read("facts/MY.yml").splitlines()
    assert [line for line in after if line not in before] == ["    hours:", "      en: office hours",
                                                               "      th: เวลาราชการ"]
    assert [line for line in before if line not in after] == ["    hours: office hours"]
