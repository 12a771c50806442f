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
