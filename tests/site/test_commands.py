"""The `thidua` console command: every command it lists exists, and the ones that span the domains live in site."""

from django.core.management import get_commands

from thidua.cli import COMMANDS, main


def test_every_listed_command_exists():
    commands = get_commands()
    for name in COMMANDS:
        assert name.replace("-", "_") in commands, name


def test_the_commands_that_span_the_domains_are_the_sites():
    commands = get_commands()
    assert {name: commands[name] for name in ("demo", "bench", "synth")} == {
        "demo": "thidua.site", "bench": "thidua.site", "synth": "thidua.site"}


def test_help_lists_every_command(capsys):
    main(["--help"])
    out = capsys.readouterr().out
    for name, text in COMMANDS.items():
        assert f"  {name:<14} {text}" in out
