"""A lower layer asks a hook; a higher layer provides the answer (thidua.core.hooks)."""

from thidua.core import hooks


def test_a_hook_nobody_provides_answers_with_nothing():
    assert hooks.ask("tests.nobody", 1, x=2) == []


def test_every_provider_answers_in_order_and_none_answers_are_left_out():
    def double(n):
        return 2 * n

    def silent(n):
        return None

    def square(n):
        return n * n

    for provider in (double, silent, square, double):  # the same provider twice counts once
        hooks.provide("tests.numbers", provider)
    assert hooks.ask("tests.numbers", 3) == [6, 9]


def test_the_fund_fills_the_hooks_participation_asks():
    from thidua.fund.hooks import activity_funding, unit_contributions
    from thidua.participation.dashboard import UNIT_CONTRIBUTIONS
    from thidua.participation.views import ACTIVITY_PANELS

    assert activity_funding in hooks._providers[ACTIVITY_PANELS]
    assert unit_contributions in hooks._providers[UNIT_CONTRIBUTIONS]
