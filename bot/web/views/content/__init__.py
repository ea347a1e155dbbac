"""The editors' web editor: FAQ answers and example questions per language, history, gaps, publishing.

Server-rendered German pages for members of the ``editor`` group (and superusers). Every change goes
through :mod:`bot.content.review`, which holds the review-state rules; answers are live at once,
example questions need a publication (a retrained model, :mod:`bot.content.publish`).
"""
