import os
import subprocess
import sys


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = dict(os.environ)
    env.update(
        THIDUA_PRODUCTION="1",
        THIDUA_SECRET_KEY="x" * 20 + "kL9$mQ2#vR7!tZ4@wP8^sN3&bH6*jD1%fG5-cX0+",
        THIDUA_ALLOWED_HOSTS="thidua.example.vn",
        THIDUA_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="thidua.settings",
    )
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests; not a production setting
    result = subprocess.run(
        [sys.executable, "-m", "thidua.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _run(tmp_path, *args, **env_overrides):
    env = dict(os.environ)
    env.pop("THIDUA_SECRET_KEY", None)
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(THIDUA_ALLOWED_HOSTS="thidua.example.vn", THIDUA_VAR_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="thidua.settings", **env_overrides)
    return subprocess.run([sys.executable, "-m", "thidua.cli", *args], env=env, capture_output=True, text=True)


def test_production_without_a_secret_key_refuses_to_start(tmp_path):
    for command in (["check", "--deploy"], ["serve", "--port", "1"], ["migrate"]):
        result = _run(tmp_path, *command, THIDUA_PRODUCTION="1")
        assert result.returncode != 0, command
        assert "chưa đặt THIDUA_SECRET_KEY" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_production_on_the_public_demo_key_refuses_to_start(tmp_path):
    from thidua.settings import DEMO_SECRET_KEY

    result = _run(tmp_path, "check", "--deploy", THIDUA_PRODUCTION="1", THIDUA_SECRET_KEY=DEMO_SECRET_KEY)
    assert result.returncode != 0
    assert "THIDUA_SECRET_KEY" in result.stderr


def test_the_deploy_check_fails_on_the_demo_key(tmp_path):
    result = _run(tmp_path, "check", "--deploy")
    assert result.returncode != 0
    assert "thidua.E001" in result.stderr


def test_the_wsgi_application_refuses_production_without_a_key(tmp_path):
    env = dict(os.environ, THIDUA_PRODUCTION="1", THIDUA_VAR_DIR=str(tmp_path))
    env.pop("THIDUA_SECRET_KEY", None)
    result = subprocess.run([sys.executable, "-c", "import thidua.wsgi"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "THIDUA_SECRET_KEY" in result.stderr
