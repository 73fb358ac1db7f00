"""Each check of `python -m bot.content check`: one broken fixture, the file, line and fix it names."""
import datetime

from tests.content.content_helpers import DOMAIN, GOOD, TODAY, only

from bot.content.validate import REQUIRED_UI_STRINGS, validate

PASSPORT = "topics/passport_retention.yml"


def test_the_good_fixture_has_no_problems():
    assert validate(GOOD, DOMAIN, today=TODAY) == []


# shape of the files: reported by the loader, passed through -------------------------------

def test_bad_yaml_names_the_line(content):
    content.edit("topics/greet.yml", "group: conversation", "group: conversation\n  bad: [indent")
    problem = only(content.problems())
    assert problem.file == content.name("topics/greet.yml")
    assert problem.line == content.line_of("topics/greet.yml", "bad: [indent")
    assert "not valid YAML" in problem.message
    assert "indentation" in problem.fix


def test_unknown_key_is_named_with_allowed_keys(content):
    content.edit(PASSPORT, "follow_up:", "folow_up:")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name(PASSPORT), content.line_of(PASSPORT, "folow_up:"))
    assert problem.message == "unknown key 'folow_up' in the topic file"
    assert "follow_up" in problem.fix


def test_fact_without_source(content):
    content.edit("facts/TH.yml", "    source: https://example.org/th/police\n", "")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("facts/TH.yml"), content.line_of("facts/TH.yml", "name: Police"))
    assert problem.message == "fact 'police' is missing 'source'"


def test_fact_without_verified_date(content):
    content.edit("facts/MY.yml", '    verified: "2026-11-01"\n', "", )
    problem = only(content.problems())
    assert problem.file == content.name("facts/MY.yml")
    assert problem.message == "fact 'police' is missing 'verified'"


def test_unknown_translation_status(content):
    content.edit(PASSPORT, "status: draft", "status: done")
    problem = only(content.problems())
    assert problem.line == content.line_of(PASSPORT, "status: done")
    assert problem.message == "status 'done' is not known"
    assert problem.fix == "use 'draft' or 'reviewed'"


# fact references ---------------------------------------------------------------------------

def test_misspelt_fact_in_a_country_text(content):
    content.edit(PASSPORT, "{labour_hotline} ({labour_hotline.hours})", "{labour_hotlin} ({labour_hotline.hours})")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name(PASSPORT), content.line_of(PASSPORT, "{labour_hotlin}"))
    assert "TH has no fact 'labour_hotlin'" in problem.message
    assert "did you mean 'labour_hotline'?" in problem.fix


def test_fact_checked_against_the_texts_own_country(content):
    # TH has labour_hotline.hours; the MY text asks for a field MY's labour_hotline lacks
    content.edit("facts/MY.yml", "    hours: office hours\n", "")
    content.edit(PASSPORT, "Department on {labour_hotline}.", "Department on {labour_hotline.hours}.")
    problem = only(content.problems())
    assert problem.line == content.line_of(PASSPORT, "Department on {labour_hotline.hours}")
    assert "fact 'labour_hotline' of MY has no field 'hours'" in problem.message
    assert "phone" in problem.fix


def test_other_text_cannot_use_work_country_facts(content):
    content.edit(PASSPORT, "In Thailand call {TH.labour_hotline}", "Call {labour_hotline}")
    problem = only(content.problems())
    assert problem.line == content.line_of(PASSPORT, "Call {labour_hotline}")
    assert "(other)" in problem.message and "fact of the work country" in problem.message
    assert "{TH.labour_hotline}" in problem.fix


def test_one_text_for_all_countries_cannot_use_work_country_facts(content):
    content.edit("topics/greet.yml", "Hello! Choose", "Hello! Police: {police}. Choose")
    problem = only(content.problems())
    assert problem.file == content.name("topics/greet.yml")
    assert "used for every country" in problem.message


def test_named_country_fact_must_exist(content):
    content.edit(PASSPORT, "{TH.labour_hotline}", "{TH.labour}")
    problem = only(content.problems())
    assert problem.line == content.line_of(PASSPORT, "{TH.labour}")
    assert "TH has no fact 'labour'" in problem.message


def test_named_country_needs_a_facts_file(content):
    content.edit(PASSPORT, "{TH.labour_hotline}", "{SG.labour_hotline}")
    problem = only(content.problems())
    assert "names country SG, which has no facts file" in problem.message
    assert "content/facts/SG.yml" in problem.fix


def test_home_fact_must_exist_for_a_home_country(content):
    content.edit(PASSPORT, "{home.hotline}", "{home.embassy}")
    problem = only(content.problems())
    assert problem.line == content.line_of(PASSPORT, "{home.embassy}")
    assert "no home country (MM) has fact 'embassy'" in problem.message


def test_broken_brace(content):
    content.edit("topics/greet.yml", "Hello! Choose", "Hello {! Choose")
    problem = only(content.problems())
    assert "broken {reference}" in problem.message
    assert "{{" in problem.fix


def test_ui_string_references_are_checked_too(content):
    content.edit("ui/en.yml", 'MY: "In danger, call the police on {police}."', 'MY: "Call {polise}."')
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("ui/en.yml"), content.line_of("ui/en.yml", "{polise}"))
    assert "MY has no fact 'polise'" in problem.message


def test_country_topic_needs_a_text_for_each_work_country_or_other(content):
    content.edit(PASSPORT, "      MY: |\n        In Malaysia nobody may hold your passport without lawful authority.\n"
                           "        Contact the Labour Department on {labour_hotline}.\n", "")
    content.edit(PASSPORT, "      other: |\n        Your passport", "      elsewhere: |\n        Your passport")
    problems = content.problems()
    error = only(problems)
    assert error.line == content.line_of(PASSPORT, "    text:")
    assert "no text for work countries MY and no 'other' text" in error.message
    warning = only(problems, "warning")  # 'elsewhere' is not a country: never shown
    assert "'elsewhere', which is not a work country" in warning.message


# facts ---------------------------------------------------------------------------------------

def test_verified_must_be_a_date(content):
    content.edit("facts/TH.yml", 'verified: "2026-11-01"', 'verified: "1 Nov 2026"')
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("facts/TH.yml"), content.line_of("facts/TH.yml", "1 Nov 2026"))
    assert problem.message == "fact 'police': verified '1 Nov 2026' is not a date"
    assert "YYYY-MM-DD" in problem.fix


def test_impossible_date_is_not_a_date(content):
    content.edit("facts/TH.yml", 'verified: "2026-11-01"', 'verified: "2026-02-30"')
    assert "is not a date" in only(content.problems()).message


def test_old_fact_is_a_warning(content):
    problems = content.problems(today=datetime.date(2027, 6, 1))  # 212 days after 2026-11-01
    assert all(p.severity == "warning" for p in problems)
    police = [p for p in problems if p.file == content.name("facts/TH.yml") and "'police'" in p.message][0]
    assert police.message == "fact 'police' was last verified 2026-11-01, 212 days ago (limit 180)"
    assert police.line == content.line_of("facts/TH.yml", "verified")


def test_fact_max_age_comes_from_settings(content):
    content.edit("settings.yml", "fact_max_age_days: 180", "fact_max_age_days: 365")
    assert content.problems(today=datetime.date(2027, 6, 1)) == []


def test_malformed_phone_number(content):
    content.edit("facts/MY.yml", "phone: 03-8000 8000", "phone: 03-8000 8000 ext. 12")
    problem = only(content.problems())
    assert problem.line == content.line_of("facts/MY.yml", "ext. 12")
    assert problem.message == "fact 'labour_hotline': '03-8000 8000 ext. 12' is not a phone number"


def test_phone_number_formats_that_are_fine(content):
    content.edit("facts/MY.yml", "phone: 03-8000 8000", 'phone: "+60 (3) 8000-8000"')
    assert content.problems() == []
    content.edit("facts/MY.yml", 'phone: "999"', 'phone: "99"')
    assert "is not a phone number" in only(content.problems()).message


# lengths, topics, languages, intents ---------------------------------------------------------

def test_answer_over_the_smallest_budget_is_a_warning(content):
    content.edit("topics/greet.yml", '"Hello! Choose a topic or type your question."', '"' + "Hello. " * 100 + '"')
    problem = only(content.problems(), "warning")
    assert problem.line == content.line_of("topics/greet.yml", "text:")
    assert "is 699 characters long once the facts are in; the sms channel takes 640" in problem.message
    assert [p for p in content.problems() if p.severity == "error"] == []


def test_answer_over_the_default_budget_is_an_error(content):
    content.edit("topics/greet.yml", '"Hello! Choose a topic or type your question."', '"' + "Hello. " * 150 + '"')
    problem = only(content.problems())
    assert "the limit is 1000" in problem.message


def test_budget_counts_the_rendered_facts_not_the_references(content):
    content.edit("settings.yml", "{sms: 640, default: 1000}", "{default: 200}")
    # 20 x "{TH.police} " is 240 characters as written, 79 once 191 is in (and the end trimmed)
    content.edit("topics/emergency_help.yml", 'other: "Call the local police."', 'other: "' + "{TH.police} " * 20 + '"')
    assert content.problems() == []
    content.edit("facts/TH.yml", "    name: Police\n", "    name: Police\n    note: " + "n" * 300 + "\n")
    content.edit("topics/emergency_help.yml", 'other: "', 'other: "{TH.police.note} ')
    problem = only(content.problems())
    assert problem.line == content.line_of("topics/emergency_help.yml", "other:")
    assert "the 'en' answer (other) is 380 characters long once the facts are in; the limit is 200" in problem.message


def test_follow_up_to_unknown_topic(content):
    content.edit(PASSPORT, "follow_up: [emergency_help]", "follow_up: [emergency]")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name(PASSPORT), content.line_of(PASSPORT, "follow_up"))
    assert problem.message == "follow_up names unknown topic 'emergency'"
    assert problem.fix == "did you mean 'emergency_help'?"


def test_answer_in_a_language_not_in_languages_yml(content):
    content.edit(PASSPORT, "  th:\n    status: draft", "  tha:\n    status: draft")
    problem = only(content.problems())
    assert problem.line == content.line_of(PASSPORT, "  tha:")
    assert problem.message == "language 'tha' in answers is not in languages.yml"


def test_intent_unknown_to_the_domain(content):
    content.edit("topics/greet.yml", "intent: greet", "intent: greet")
    (content.root / "topics" / "greet.yml").rename(content.root / "topics" / "hello.yml")
    content.edit("topics/hello.yml", "intent: greet", "intent: hello")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("topics/hello.yml"), 1)
    assert problem.message == "intent 'hello' is not in domain.yml"


def test_missing_domain_skips_the_intent_check_with_a_warning(content, tmp_path):
    problem = only(content.problems(domain=tmp_path / "no-domain.yml"), "warning")
    assert "intents were not checked" in problem.message


def test_same_example_under_two_topics(content):
    content.edit("topics/greet.yml", "[hi, hello, good morning]", "[hi, hello, good morning, ' My  Boss keeps my PASSPORT ']")
    problem = only(content.problems())
    # topics are read in name order, so the later file is the one blamed
    assert (problem.file, problem.line) == (content.name(PASSPORT), content.line_of(PASSPORT, "- my boss keeps"))
    assert problem.message == ("example 'my boss keeps my passport' is also an example of 'greet' "
                               "(content/topics/greet.yml:4)")


def test_required_ui_strings_must_exist_in_the_default_language(content):
    content.edit("ui/en.yml", '  menu_button: "Main menu"\n', "")
    problem = only(content.problems())
    assert problem.file == content.name("ui/en.yml")
    assert problem.message == "UI strings the assistant needs are missing: menu_button"
    assert "menu_button" in REQUIRED_UI_STRINGS


def test_topic_needs_a_default_language_answer(content):
    content.edit(PASSPORT, "  en:\n    status: reviewed", "  my:\n    status: reviewed")
    problem = only(content.problems())
    assert "none in the default language 'en'" in problem.message


def test_problems_read_as_file_line_message_and_fix(content):
    content.edit(PASSPORT, "follow_up: [emergency_help]", "follow_up: [emergency]")
    line = content.line_of(PASSPORT, "follow_up")
    assert str(only(content.problems())) == (
        f"content/{PASSPORT}:{line}: error: follow_up names unknown topic 'emergency'\n"
        "    fix: did you mean 'emergency_help'?")


def test_home_facts_need_the_home_country(content):
    # the fixture's passport answer has {home.hotline} and needs: [work_country, home_country]
    assert content.problems() == []
    content.edit(PASSPORT, "needs: [work_country, home_country]", "needs: [work_country]")
    problem = only([p for p in content.problems() if "'en' answer" in p.message])
    assert problem.line == content.line_of(PASSPORT, "    text:")
    assert "does not ask for the home country" in problem.message
    assert problem.fix == "add home_country to 'needs:'"


def test_unknown_reliability(content):
    content.edit("facts/MM.yml", "reliability: official", "reliability: unverifed")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("facts/MM.yml"), content.line_of("facts/MM.yml", "unverifed"))
    assert problem.message == "fact 'hotline': reliability 'unverifed' is not known"
    assert problem.fix == "use official, secondary, unverified"


def test_a_translation_must_give_the_same_facts_as_the_english(content):
    content.edit(PASSPORT, "ในมาเลเซีย โทร {labour_hotline}", "ในมาเลเซีย โทร 03-8000 8000")
    problem = only(content.problems())
    assert "same facts" in problem.message and "{labour_hotline}" in problem.message


def test_doubled_braces_in_a_translation_are_an_error(content):
    content.edit(PASSPORT, "ในมาเลเซีย โทร {labour_hotline}", "ในมาเลเซีย โทร {{labour_hotline}}")
    assert "doubled braces" in only(content.problems()).message


# fact texts per language ---------------------------------------------------------------------

WAGE = ("  police:\n", "  wage:\n    value: {en: 337 to 400 baht a day, th: วันละ 337 ถึง 400 บาท}\n"
        "    source: https://example.org/th/wage\n    reliability: official\n    verified: \"2026-11-01\"\n"
        "  police:\n")


def test_a_fact_text_may_be_written_per_language(content):
    content.edit("facts/TH.yml", *WAGE)
    assert content.problems() == []


def test_a_translated_fact_text_must_keep_the_numbers(content):
    content.edit("facts/TH.yml", *WAGE)
    content.edit("facts/TH.yml", "วันละ 337 ถึง 400 บาท", "วันละ 377 ถึง 400 บาท")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("facts/TH.yml"), content.line_of("facts/TH.yml", "377"))
    assert problem.message == ("fact 'wage' value: the 'th' text has the numbers 377, 400, "
                               "the 'en' text has 337, 400")
    assert "write the same numbers as the 'en' text (337, 400)" in problem.fix


def test_native_digits_grouping_and_word_order_are_the_same_numbers(content):
    content.edit("facts/TH.yml", *WAGE)
    content.edit("facts/TH.yml", "{en: 337 to 400 baht a day, th: วันละ 337 ถึง 400 บาท}",
                 "\n      en: up to 100,000 baht from 1 July 2025\n"
                 "      th: ไม่เกิน ๑๐๐,๐๐๐ บาท ตั้งแต่ ๑ กรกฎาคม 2025\n"
                 "      my: ၂၀၂၅ ဇူလိုင် ၁ ရက်မှ စ၍ ဘတ် ၁၀၀,၀၀၀ အထိ\n")
    assert content.problems() == []
    content.edit("facts/TH.yml", "ဇူလိုင် ၁ ရက်", "ဇူလိုင် ၇ ရက်")
    problem = only(content.problems())
    assert "the 'my' text has the numbers 2025, 7, 100,000, the 'en' text has 100,000, 1, 2025" in problem.message


def test_a_translated_fact_text_cannot_drop_or_add_a_number(content):
    content.edit("facts/TH.yml", "th: 24 ชั่วโมง", "th: ตลอดวัน")
    assert "the 'th' text has the numbers none, the 'en' text has 24" in only(content.problems()).message


def test_a_fact_text_per_language_needs_the_default_language(content):
    content.edit("facts/TH.yml", "{en: 24 hours, th: 24 ชั่วโมง}", "{th: 24 ชั่วโมง}")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("facts/TH.yml"), content.line_of("facts/TH.yml", "hours:"))
    assert problem.message == "fact 'labour_hotline' hours is written per language but has no 'en' text, " \
                              "which is the fallback"


def test_a_fact_text_in_an_unknown_language(content):
    content.edit("facts/TH.yml", "th: 24 ชั่วโมง", "tha: 24 ชั่วโมง")
    problem = only(content.problems())
    assert problem.message == "fact 'labour_hotline' hours: language 'tha' is not in languages.yml"
    assert "did you mean 'th'?" in problem.fix


def test_a_country_name_in_an_unknown_language(content):
    content.edit("facts/MM.yml", "  en: Myanmar\n", "  en: Myanmar\n  mm: မြန်မာ\n")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("facts/MM.yml"), content.line_of("facts/MM.yml", "mm:"))
    assert problem.message == "the name of MM: language 'mm' is not in languages.yml"


def test_a_country_name_needs_the_default_language(content):
    content.edit("facts/MM.yml", "  en: Myanmar\n", "  my: မြန်မာ\n")
    assert "the name of MM has no 'en' text" in only(content.problems()).message


def test_phone_numbers_are_never_per_language(content):
    content.edit("facts/TH.yml", 'phone: "1546"', 'phone: {en: "1546", th: "๑๕๔๖"}')
    problem = only(content.problems())
    assert problem.message == "'phone' in fact 'labour_hotline' has the wrong type"
    assert problem.fix == "it must be text"


def test_a_fact_text_per_language_must_be_text(content):
    content.edit("facts/TH.yml", "th: 24 ชั่วโมง", "th: [24, ชั่วโมง]")
    problem = only(content.problems())
    assert (problem.file, problem.line) == (content.name("facts/TH.yml"), content.line_of("facts/TH.yml", "hours:"))
    assert problem.message == "fact 'labour_hotline': 'hours' in 'th' must be text"
