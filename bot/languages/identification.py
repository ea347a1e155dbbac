"""Language identification of one client message.

The decision combines, in this order:

1. the script (Latin, Cyrillic, Arabic, Ethiopic) narrows the candidates to the
   supported languages written in it;
2. Ethiopic: our own Tigrinya/Amharic decision (:mod:`bot.languages.ethiopic`);
3. several candidates: a weighted vote of a character and word n-gram model trained on
   the project's own text (NLU data and catalogs), frequent function words, for
   Ukrainian/Russian the words only one of their dictionaries knows
   (:mod:`bot.languages.cyrillic`), and py3langid (a detector that ships its model in its
   package; it knows little of chat writing, "slm", "tmm", "дяк", so it weighs least);
4. hints, from the conversation so far and from the channel (Telegram's
   ``language_code``), weigh in as priors. Messages too short or too unclear to
   tell ("ok", "سلام", "👍") are *ambiguous*: they keep the conversation's language.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np

from bot.languages import cyrillic
from bot.languages.ethiopic import is_tigrinya
from bot.languages.function_words import function_word_probabilities
from bot.languages.registry import LanguageRegistry
from bot.languages.scripts import ETHIOPIC, dominant_script
from bot.linear_model import fast_coefficients

#: Code used for Amharic, which we recognise but do not serve.
AMHARIC = "am"
#: Weight of a hint from the conversation so far, as a prior factor.
CONVERSATION_PRIOR = 3.0
#: Weight of a hint from the channel (the app's interface language).
CHANNEL_PRIOR = 1.5
#: Weight of each source in the vote among the candidates of one script, chosen by 5-fold
#: cross-validation on the NLU training data (short messages, Turkish 87 -> 96 %).
NGRAM_WEIGHT, FUNCTION_WORD_WEIGHT, LANGID_WEIGHT, LEXICON_WEIGHT = 2.0, 1.0, 0.25, 2.0
#: Below this probability the best guess does not count as a clear decision.
CLEAR_PROBABILITY = 0.75

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Hints:
    """What is known about the language before reading the message."""

    conversation: Optional[str] = None
    channel: Optional[str] = None


@dataclass(frozen=True)
class Detection:
    """The identified language of a message and how sure we are."""

    language: str
    confidence: float
    ambiguous: bool
    script: Optional[str]


class NgramModel:
    """A character and word n-gram classifier trained on labelled example messages."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_union

        self.vectorizer = make_union(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True, lowercase=True),
            TfidfVectorizer(analyzer="word", token_pattern=r"(?u)\b\w+\b", sublinear_tf=True, lowercase=True),
        )
        self.classifier = LogisticRegression(C=10.0, max_iter=2000)
        self._idf: Optional[List[Any]] = None

    def fit(self, texts: Sequence[str], languages: Sequence[str]) -> "NgramModel":
        """Train on example texts and their language codes."""
        self.classifier.fit(self.vectorizer.fit_transform(texts), languages)
        self._idf = None
        fast_coefficients(self.classifier)
        return self

    @property
    def languages(self) -> List[str]:
        """The languages the model was trained on."""
        return list(self.classifier.classes_)

    def features(self, texts: Sequence[str]) -> Any:
        """The fitted vectorizers' TF-IDF features of ``texts``, the same as ``self.vectorizer.transform``.

        Computed directly from the counts and each vectorizer's IDF vector (kept after first use):
        scikit-learn recomputes that vector from a diagonal matrix on every call, which with
        joblib's dispatch was most of this model's time per message.
        """
        from scipy.sparse import hstack

        return hstack([tf for tf, _ in self._tf_idf_parts(texts)], format="csr")

    def probabilities(self, text: str) -> Dict[str, float]:
        """Probability of each trained language for ``text``: ``predict_proba`` of its features.

        For one text the classifier's scores are summed over the text's few n-grams per vectorizer,
        without stacking the parts into one sparse matrix first (scipy's stacking took as long as
        counting the n-grams).
        """
        classifier = self.classifier
        if len(classifier.classes_) <= 2 or classifier.multi_class == "ovr" or classifier.solver == "liblinear":
            probs = classifier.predict_proba(self.features([text]))[0]
        else:  # multinomial: the softmax of the linear scores, as predict_proba computes it
            scores = classifier.intercept_.astype(np.float64)
            for tf, offset in self._tf_idf_parts([text]):
                scores = scores + classifier.coef_[:, offset + tf.indices] @ tf.data
            probs = np.exp(scores - scores.max())
            probs /= probs.sum()
        return dict(zip(classifier.classes_, probs))

    def _tf_idf_parts(self, texts: Sequence[str]) -> List[Tuple[Any, int]]:
        """Each vectorizer's normalised TF-IDF rows of ``texts`` and the column where its features start."""
        from sklearn.feature_extraction.text import CountVectorizer
        from sklearn.preprocessing import normalize

        vectorizers = [vectorizer for _, vectorizer in self.vectorizer.transformer_list]
        if getattr(self, "_idf", None) is None:
            self._idf = [vectorizer.idf_ for vectorizer in vectorizers]
        parts, offset = [], 0
        for vectorizer, idf in zip(vectorizers, self._idf):
            tf = CountVectorizer.transform(vectorizer, texts).astype(np.float64)
            np.log(tf.data, tf.data)
            tf.data += 1  # sublinear term frequency, as the vectorizers were configured
            tf.data *= idf[tf.indices]
            parts.append((normalize(tf, copy=False), offset))
            offset += len(idf)
        return parts


@functools.lru_cache(maxsize=1)
def _langid():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def langid_probabilities(text: str, candidates: Iterable[str]) -> Dict[str, float]:
    """py3langid's probabilities restricted to ``candidates`` it knows (normalised)."""
    identifier = _langid()
    known = [c for c in candidates if c in identifier.nb_classes]
    if not known:
        return {}
    # py3langid's rank(), with the product of the feature counts and the model summed over the
    # message's few features only instead of all 7,000 (the same figures, a fraction of the time)
    counts = identifier.instance2fv(text)
    present = np.flatnonzero(counts)
    log_probabilities = counts[present].astype(np.float64) @ identifier.nb_ptc[present] + identifier.nb_pc
    ranked = dict(zip(identifier.nb_classes, identifier.norm_probs(log_probabilities).tolist()))
    scores = {c: max(ranked.get(c, 0.0), 1e-9) for c in known}
    total = sum(scores.values())
    return {c: s / total for c, s in scores.items()}


def _normalise(scores: Dict[str, float]) -> Dict[str, float]:
    total = sum(scores.values()) or 1.0
    return {k: v / total for k, v in scores.items()}


#: Finds names (towns, offices) in a text: their (start, end) character spans.
NameFinder = Callable[[str], List[Tuple[int, int]]]
#: Inside a conversation, a message with at most this many words besides names keeps its language
#: unless the decision is nearly certain ("in rottenburg", "ja klar", "Filderstadt bitte").
SHORT_ANSWER_WORDS = 2
SHORT_ANSWER_SWITCH = 0.97


class LanguageIdentifier:
    """Identify the language of messages among the registry's languages."""

    def __init__(self, languages: LanguageRegistry, ngram_model: Optional[NgramModel] = None,
                 names: Optional[NameFinder] = None) -> None:
        self.languages = languages
        self.ngram_model = ngram_model
        self.names = names

    def identify(self, text: str, hints: Hints = Hints()) -> Detection:
        """Identify the language of ``text``, using ``hints`` for short or unclear messages."""
        script = dominant_script(text)
        fallback = self.languages.resolve(hints.conversation, hints.channel, self.languages.default)
        if script is None:
            return Detection(fallback, 0.0, True, None)
        if script == ETHIOPIC and not is_tigrinya(text):
            return Detection(AMHARIC, 0.9, False, script)
        candidates = self.languages.by_script(script)
        if not candidates:
            return Detection(fallback, 0.0, True, script)
        probabilities = self._candidate_probabilities(text, candidates)
        probabilities = self._apply_hints(probabilities, hints)
        best, confidence = max(probabilities.items(), key=lambda kv: kv[1])
        ambiguous = self._is_ambiguous(text, confidence, len(candidates), script, hints)
        if ambiguous and hints.conversation in self.languages:
            best = hints.conversation  # type: ignore[assignment]
        elif hints.conversation is None and self._transliterated(script, confidence, hints.channel):
            return Detection(hints.channel, round(float(confidence), 4), True, script)  # type: ignore[arg-type]
        return Detection(best, round(float(confidence), 4), bool(ambiguous), script)

    def _transliterated(self, script: str, confidence: float, channel: Optional[str]) -> bool:
        """Whether an unsure first message in another script than the channel's language is that language
        written in Latin letters (Arabizi, Russian or Persian typed on a Latin keyboard)."""
        language = self.languages.get(channel)
        return bool(language and language.script != script and confidence < SHORT_ANSWER_SWITCH)

    def _candidate_probabilities(self, text: str, candidates: List[str]) -> Dict[str, float]:
        if len(candidates) == 1:
            return {candidates[0]: 1.0}
        sources = [(LANGID_WEIGHT, langid_probabilities(text, candidates)),
                   (FUNCTION_WORD_WEIGHT, function_word_probabilities(text, candidates, self.languages))]
        if set(candidates) & set(cyrillic.LANGUAGES):
            sources.append((LEXICON_WEIGHT, _normalise({c: v for c, v in cyrillic.lexicon_votes(text).items()
                                                        if c in candidates})))
        if self.ngram_model is not None:
            trained = self.ngram_model.probabilities(text)
            sources.append((NGRAM_WEIGHT, _normalise({c: trained.get(c, 0.0) for c in candidates})))
        combined = {c: sum(weight * s.get(c, 0.0) for weight, s in sources) for c in candidates}
        return _normalise(combined) if any(combined.values()) else {c: 1 / len(candidates) for c in candidates}

    @staticmethod
    def _apply_hints(probabilities: Dict[str, float], hints: Hints) -> Dict[str, float]:
        weighted = dict(probabilities)
        for code, weight in ((hints.conversation, CONVERSATION_PRIOR), (hints.channel, CHANNEL_PRIOR)):
            if code in weighted:
                weighted[code] *= weight  # type: ignore[index]
        return _normalise(weighted)

    def _is_ambiguous(self, text: str, confidence: float, n_candidates: int, script: str, hints: Hints) -> bool:
        """Too little text, or no clear winner, to change the conversation's language.

        One or two words in another script than the conversation's ("ok", "Jobcenter",
        a place name) are what clients of every language write; they do not switch. Nor does a
        short answer in the same script, counting its words without the names in it, unless the
        decision is nearly certain.
        """
        words = _TOKEN.findall(text)
        conversation = self.languages.get(hints.conversation)
        if conversation and conversation.script != script and (len(words) <= 2 or confidence < SHORT_ANSWER_SWITCH):
            return True
        if conversation and len(self._words_besides_names(text)) <= SHORT_ANSWER_WORDS:
            return confidence < SHORT_ANSWER_SWITCH
        if n_candidates == 1:
            return sum(c.isalpha() for c in text) < 2
        return (len(words) <= 1 and confidence < 0.97) or confidence < CLEAR_PROBABILITY

    def _words_besides_names(self, text: str) -> List[str]:
        """The words of ``text`` outside the names the name finder knows."""
        spans = self.names(text) if self.names else []
        return [m.group() for m in _TOKEN.finditer(text) if not _spans_cover(spans, m.start(), m.end())]


def _spans_cover(spans: Sequence[Tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def training_pairs(examples: Iterable[Tuple[str, Optional[str]]]) -> Tuple[List[str], List[str]]:
    """Split (text, language) pairs into parallel lists, skipping unlabelled ones."""
    texts, languages = [], []
    for text, language in examples:
        if language:
            texts.append(text)
            languages.append(language)
    return texts, languages
