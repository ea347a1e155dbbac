"""Evaluation of Lotse on data it was not built from: held-out messages and typed conversations."""
