"""Custom Rasa NLU components: language identification, tokenization, gazetteer.

Referenced from config.yml by their full module path.
"""
