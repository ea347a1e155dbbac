"""Editors' content: FAQ answers and example questions per language, their review states and
history, content gaps, and publishing a retrained model (Django app ``content``)."""
