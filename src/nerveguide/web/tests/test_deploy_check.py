import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

REPO_ROOT = Path(__file__).resolve().parents[4]
MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def _static_paths() -> list[str]:
    return [
        path for finder in finders.get_finders() for path, _ in finder.list(["CVS", ".*", "*~"])
    ]


def write_manifest(static_root: Path, paths: list[str]) -> None:
    """The staticfiles.json collectstatic would write (names unhashed: only the keys matter)."""
    static_root.mkdir(parents=True, exist_ok=True)
    manifest = {"paths": {path: path for path in paths}, "version": "1.1"}
    (static_root / "staticfiles.json").write_text(json.dumps(manifest), encoding="utf-8")


def _production_env(var_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECURE_SSL_REDIRECT",
            "SECURE_COOKIES",
            "TESTING",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="nerveguide.dk",
        VAR_DIR=str(var_dir),
    )
    return env


def test_check_deploy_fails_without_the_static_manifest_and_passes_with_it(tmp_path):
    # Every HTML page was a 500 with DEBUG=0 and no collectstatic, and check --deploy said nothing.
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    env = _production_env(tmp_path)
    result = subprocess.run(
        command, check=False, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "nerveguide.E001" in result.stderr and "collectstatic" in result.stderr
    assert "Traceback" not in result.stderr
    write_manifest(tmp_path / "static", _static_paths())
    result = subprocess.run(
        command, check=False, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_wsgi_application_refuses_to_start_without_the_static_manifest(tmp_path):
    code = "import nerveguide.project.wsgi"
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=REPO_ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "static files manifest" in result.stderr and "collectstatic" in result.stderr


def test_manifest_check_names_files_missing_from_an_old_manifest(tmp_path, settings):
    from nerveguide.web.checks import check_static_manifest, static_manifest_problem

    settings.STORAGES = MANIFEST_STORAGE
    settings.STATIC_ROOT = tmp_path
    assert [e.id for e in check_static_manifest()] == ["nerveguide.E001"]
    paths = _static_paths()
    write_manifest(tmp_path, [p for p in paths if p != "ninja/swagger-ui-init.js"])
    assert "ninja/swagger-ui-init.js" in static_manifest_problem()
    write_manifest(tmp_path, paths)
    assert static_manifest_problem() is None and check_static_manifest() == []
    (tmp_path / "staticfiles.json").write_text("{not json", encoding="utf-8")
    assert "cannot be read" in static_manifest_problem()


@pytest.mark.parametrize("storage", ["django.contrib.staticfiles.storage.StaticFilesStorage"])
def test_manifest_check_is_silent_without_a_manifest_storage(settings, storage):
    from nerveguide.web.checks import static_manifest_problem

    settings.STORAGES = {**MANIFEST_STORAGE, "staticfiles": {"BACKEND": storage}}
    assert static_manifest_problem() is None


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    write_manifest(tmp_path / "static", _static_paths())  # what collectstatic leaves behind
    env = _production_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        check=False,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_secret_key():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "NERVEGUIDE_SERVES_NOTHING"}
    }
    result = subprocess.run(
        [sys.executable, "-c", "import nerveguide.project.settings"],
        check=False,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
