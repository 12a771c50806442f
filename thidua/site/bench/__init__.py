"""`thidua bench`: the runner (runner.py) measures the pages that the modules beside it list, one module per domain
(base.py: the floor, org and movements; participation.py; fund.py). Each module's `pages()` returns its
BenchPage rows and imports nothing of the runner: the runner imports them, never the other way round."""
