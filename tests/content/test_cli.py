"""`python -m bot.content ...` as an editor runs it: messages and exit codes, never a traceback."""
import sys
import types

from tests.content.content_helpers import DOMAIN

from bot.content.__main__ import main

PASSPORT = "topics/passport_retention.yml"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_passes_on_good_content(content, capsys):
    code, out, _ = run(capsys, "check", "--content", str(content.root), "--domain", str(DOMAIN))
    assert code == 0
    assert out.splitlines()[-1].startswith("0 errors")


def test_check_prints_each_problem_with_its_fix_and_fails(content, capsys):
    content.edit(PASSPORT, "follow_up: [emergency_help]", "follow_up: [emergency]")
    line = content.line_of(PASSPORT, "follow_up")
    code, out, _ = run(capsys, "check", "--content", str(content.root), "--domain", str(DOMAIN))
    assert code == 1
    assert (f"content/{PASSPORT}:{line}: error: follow_up names unknown topic 'emergency'\n"
            "    fix: did you mean 'emergency_help'?\n") in out
    assert "1 error, 0 warnings: content has errors" in out.splitlines()[-1]


def test_warnings_alone_do_not_fail_the_check(content, capsys, tmp_path):
    code, out, _ = run(capsys, "check", "--content", str(content.root), "--domain", str(tmp_path / "none.yml"))
    assert code == 0
    assert "0 errors, 1 warning" in out


def test_bad_yaml_gives_a_message_not_a_traceback(content, capsys):
    content.write("settings.yml", "default_language: [en\n")
    code, out, err = run(capsys, "report", "--content", str(content.root))
    assert code == 1
    assert "content/settings.yml:2: error: this is not valid YAML" in err
    assert "Traceback" not in out + err


def test_report_writes_html(content, capsys, tmp_path):
    page = tmp_path / "out" / "report.html"
    code, out, _ = run(capsys, "report", "--content", str(content.root), "--html", str(page))
    assert code == 0
    assert "Translation coverage" in out
    assert "<h1>Mitra content report</h1>" in page.read_text(encoding="utf-8")


def test_po_round_trip_from_the_command_line(content, capsys, tmp_path):
    po = tmp_path / "th.po"
    assert run(capsys, "export-po", "th", str(po), "--content", str(content.root))[0] == 0
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgctxt "topic:greet:answer"\nmsgid "Hello! Choose a topic or type your question."\n'
                               'msgstr ""', 'msgctxt "topic:greet:answer"\nmsgid "Hello! Choose a topic or type your '
                               'question."\nmsgstr "สวัสดี เลือกหัวข้อ"'), encoding="utf-8")
    code, out, _ = run(capsys, "import-po", "th", str(po), "--content", str(content.root), "--domain", str(DOMAIN))
    assert code == 0
    assert f"updated {content.root / 'topics/greet.yml'}" in out
    assert "สวัสดี เลือกหัวข้อ" in content.read("topics/greet.yml")


def test_refused_import_exits_1_and_says_nothing_changed(content, capsys, tmp_path):
    po = tmp_path / "th.po"
    run(capsys, "export-po", "th", str(po), "--content", str(content.root))
    po.write_text(po.read_text(encoding="utf-8").replace("โทร {labour_hotline}", "โทร {labour}"), encoding="utf-8")
    code, out, _ = run(capsys, "import-po", "th", str(po), "--content", str(content.root), "--domain", str(DOMAIN))
    assert code == 1
    assert "TH has no fact 'labour'" in out
    assert "import refused" in out and "Nothing was changed" in out


def test_missing_po_file_is_a_message(content, capsys, tmp_path):
    code, _, err = run(capsys, "import-po", "th", str(tmp_path / "none.po"), "--content", str(content.root))
    assert code == 1
    assert err.startswith("error: cannot read")


def test_compile_hands_its_arguments_to_the_compile_module(monkeypatch, capsys):
    seen = []
    fake = types.ModuleType("bot.content.compile")
    fake.main = lambda argv: seen.append(argv) or 0
    monkeypatch.setitem(sys.modules, "bot.content.compile", fake)
    assert main(["compile", "--build", "somewhere"]) == 0
    assert seen == [["--build", "somewhere"]]
