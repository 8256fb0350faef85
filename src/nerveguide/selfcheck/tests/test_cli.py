import io
import json

from nerveguide.cli import main


def run(capsys, *argv):
    code = main(["selfcheck", *argv])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_answers_batch_goes_on_after_a_bad_line(tmp_path, capsys):
    source = tmp_path / "answers.jsonl"
    source.write_text(
        '{"id": "a", "fever": true}\n'
        '{"id": "b", "feber": true}\n'
        "{not json\n"
        '{"id": "c", "duration_weeks": -2}\n'
        '{"id": "d", "answers": {"bladder_bowel": null}, "level": "laege_i_dag"}\n'
        '{"id": "e"}\n',
        encoding="utf-8",
    )
    code, lines, err = run(capsys, "--answers", str(source))
    assert code == 1
    assert [line.get("level") for line in lines] == ["akut", None, None, None, "laege_i_dag", None]
    assert lines[0]["id"] == "a" and lines[0]["reasons"]
    assert "unknown key" in lines[1]["error"] and lines[1]["id"] == "b"
    assert "invalid JSON" in lines[2]["error"]
    assert "between" in lines[3]["error"]
    # no answer keys at all: an error, never a confident self-care result (issue 18)
    assert lines[5]["id"] == "e" and "no answer keys" in lines[5]["error"]
    assert "line 2" in err


def test_text_from_stdin_explains_its_findings(monkeypatch, capsys):
    stdin = io.TextIOWrapper(
        io.BytesIO(
            '{"id": 7, "text": "Ondt i lænden i tre uger, ingen feber, prikken i foden."}\nStiv nakke\n{"id": 8}\n'.encode()
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr("sys.stdin", stdin)
    code, lines, _ = run(capsys, "--text", "-")
    first, plain, bad = lines
    assert code == 1
    assert set(first) == {"id", "level", "answers", "unasked", "provisional", "reasons", "findings"}
    assert first["id"] == 7 and first["level"] == "fysioterapeut"
    assert first["answers"]["fever"] is False and "fever" not in first["unasked"]
    assert {"key": "duration_weeks", "value": 3, "evidence": "tre uger"} in first["findings"]
    assert plain["id"] is None and plain["answers"]["region"] == "nakke"
    assert bad["id"] == 8 and "text" in bad["error"]


def test_dev_set_lines_are_read_as_the_contract_says(shared_dir, capsys):
    code, lines, _ = run(capsys, "--text", str(shared_dir / "eval" / "selfcheck-dev.jsonl"))
    expected = [json.loads(line) for line in (shared_dir / "eval" / "selfcheck-dev.jsonl").open()]
    assert code == 0
    assert [line["id"] for line in lines] == [case["id"] for case in expected]
    assert [line["level"] for line in lines] == [case["level"] for case in expected]


def test_answers_that_would_be_guessed_are_errors(tmp_path, capsys):
    source = tmp_path / "answers.jsonl"
    source.write_text(
        '{"id": "a", "weakness": null}\n'
        '{"id": "b", "answers": {"radiation": "ben"}, "fever": true}\n'
        '{"id": "c", "fever": false, "fever": true}\n'
        '{"id": "d", "answers": {}}\n'
        '{"id": "e", "answers": {"fever": true}, "level": "akut"}\n',
        encoding="utf-8",
    )
    code, lines, _ = run(capsys, "--answers", str(source))
    assert code == 1
    assert "only allowed for yes/no" in lines[0]["error"]
    assert "beside `answers`" in lines[1]["error"] and "fever" in lines[1]["error"]
    assert "duplicate key fever" in lines[2]["error"]
    assert "no answer keys" in lines[3]["error"]
    assert lines[4]["level"] == "akut"


def test_text_results_say_when_they_are_provisional(tmp_path, capsys):
    source = tmp_path / "texts.jsonl"
    source.write_text('{"id": 1, "text": "ondt i lænden i 101 år"}\n', encoding="utf-8")
    code, [line], _ = run(capsys, "--text", str(source))
    assert code == 0
    assert line["provisional"] is True and "bladder_bowel" in line["unasked"]
    assert line["answers"]["duration_weeks"] == 5200
