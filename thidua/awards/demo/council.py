"""The council part of the demo (its area fills it in)."""


def load(ctx) -> None:
    """Adds this area's demo records to ctx."""
