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
    assert [line.get("level") for line in lines] == ["akut", None, None, None, "laege_i_dag", "egenomsorg"]
    assert lines[0]["id"] == "a" and lines[0]["reasons"]
    assert "unknown key" in lines[1]["error"] and lines[1]["id"] == "b"
    assert "invalid JSON" in lines[2]["error"]
    assert "between" in lines[3]["error"]
    assert lines[5] == {"id": "e", "level": "egenomsorg", "reasons": []}
    assert "line 2" in err


def test_text_from_stdin_explains_its_findings(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO(
        '{"id": 7, "text": "Ondt i lænden i tre uger, ingen feber, prikken i foden."}\nStiv nakke\n{"id": 8}\n'.encode()
    ), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    code, lines, _ = run(capsys, "--text", "-")
    first, plain, bad = lines
    assert code == 1
    assert set(first) == {"id", "level", "answers", "unasked", "reasons", "findings"}
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
