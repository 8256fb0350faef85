import pytest

from nerveguide.project.env import envbool, envint, envlist


def test_envbool(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert envbool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert envbool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert envbool("FLAG", True) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ValueError, match="FLAG"):
        envbool("FLAG", False)


def test_envint_and_envlist(monkeypatch):
    monkeypatch.setenv("N", "12")
    assert envint("N", 1) == 12
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ValueError, match="N="):
        envint("N", 1)
    monkeypatch.setenv("HOSTS", "a.dk, b.dk,")
    assert envlist("HOSTS", []) == ["a.dk", "b.dk"]
