"""Languages: the registry of supported languages and language identification."""

from bot.languages.registry import Language, LanguageRegistry, registry

__all__ = ["Language", "LanguageRegistry", "registry"]
