"""Rasa component: tokenizes each message with spaCy's tokenizer for its language.

spaCy's blank pipelines carry per-language tokenizer rules (clitics, punctuation
such as the Ethiopic full stop ``።``) and need no downloaded model. The
language comes from the language identifier, which must run before.
"""

from __future__ import annotations

import functools
from typing import Any, Dict, List, Optional, Text

import spacy
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.constants import LANGUAGE

#: spaCy's language-independent tokenizer, for languages it has no rules for.
MULTILINGUAL = "xx"


@functools.lru_cache(maxsize=None)
def spacy_tokenizer(code: str):  # type: ignore[no-untyped-def]
    """A blank spaCy pipeline for ``code`` (``xx`` when spaCy has none)."""
    try:
        return spacy.blank(code)
    except (ImportError, KeyError, ValueError):  # spaCy raises ImportError for unknown codes
        return spacy.blank(MULTILINGUAL)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class LanguageTokenizer(Tokenizer):
    """Tokenizes with spaCy's rules for the message's language."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """The component's default config."""
        return {"intent_tokenization_flag": False, "intent_split_symbol": "_", "token_pattern": None,
                "prefix_separator_symbol": None}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "LanguageTokenizer":
        """Create the tokenizer."""
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        """Split ``attribute`` of ``message`` into tokens, dropping whitespace and lone punctuation."""
        text = message.get(attribute) or ""
        nlp = spacy_tokenizer(message.get(LANGUAGE) or MULTILINGUAL)
        tokens = [Token(t.text, t.idx, lemma=t.text.lower()) for t in nlp.make_doc(text)
                  if not t.is_space and not (t.is_punct and len(t.text) == 1)]
        if not tokens and text.strip():
            tokens = [Token(text.strip(), text.index(text.strip()))]
        return self._apply_token_pattern(tokens)

    @staticmethod
    def not_supported_languages() -> Optional[List[Text]]:
        """All our languages are supported."""
        return None
