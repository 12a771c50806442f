from thidua.formats.vi.formats import *  # noqa: F403 — dates dd/mm/yyyy, amounts 1.000.000 in both languages
