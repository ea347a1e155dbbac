"""`lotse bench`: load and memory benchmark of the full stack against a stock `rasa init` bot.

- :mod:`bot.benchmark.conversations`: what the simulated clients write (from the NLU training data).
- :mod:`bot.benchmark.load`: the load driver (a separate process) and the latency statistics.
- :mod:`bot.benchmark.memory`: resident memory of process trees from ``/proc``, and Rasa's memory by stage.
- :mod:`bot.benchmark.stock_bot`: the stock bot, created from the template in the installed rasa package.
- :mod:`bot.benchmark.stacks`: starting and stopping the bots under test.
- :mod:`bot.benchmark.report`: the table, the ratios, the targets and ``reports/bench.json``.
- :mod:`bot.benchmark.run`: the whole run.
"""
