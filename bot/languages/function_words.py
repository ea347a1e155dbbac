"""Short frequent words and letters that tell close languages apart in short messages.

Character statistics confuse Turkish with German or English when a message is short and carries
German office words ("Jobcenter icin Termin lazim"), and Ukrainian with Russian. The words below are
frequent, short and (nearly) unique to one of our languages; :func:`function_word_probabilities`
turns their counts into a distribution the identifier adds to its other sources.

>>> round(function_word_probabilities("Jobcenter icin Termin lazim", ["de", "en", "tr"])["tr"], 2)
0.91
>>> function_word_probabilities("Jobcenter Termin", ["de", "en", "tr"])
{}
"""

from __future__ import annotations

import re
from typing import Dict, Iterable

FUNCTION_WORDS: Dict[str, frozenset] = {
    "de": frozenset("ich du wir ist sind bin habe hat und oder nicht kein keine der die das den dem ein eine "
                    "einen mit für fur auf wo wie was wann welche welcher mein meine meinen bitte kann können "
                    "konnen möchte mochte brauche gibt es zu im am vom von danke ja nein hallo auch noch schon "
                    "mir mich sie ihr".split()),
    "en": frozenset("i you we is are am have has and or not the a an with for on where how what when which "
                    "my please can could would want need there it to at of thanks thank yes hello hi me do "
                    "does i'm dont don't".split()),
    "tr": frozenset("ben sen biz siz bir ve veya değil degil yok var mi mı mu mü misiniz mısınız musunuz miyim "
                    "mıyım ne nerede nereye nasıl nasil neden hangi kaç kac için icin ile bu şu benim bana "
                    "lütfen lutfen istiyorum lazım lazim merhaba selam teşekkürler tesekkurler sağol sagol "
                    "evet hayır hayir zaman kadar gibi daha çok cok yardım yardim nedir nerde nereden tamam peki "
                    "aynen tabi tabii abi abla hocam kardesim kardeşim slm mrb tmm evt hyr tşk tsk sağolun "
                    "sagolun eyvallah iyi günler gunler".split()),
    "uk": frozenset("і й що як де коли чи мені мене ви він вона це є немає потрібно треба можна ласка дякую "
                    "ні привіт мій моя моє зі від".split()),
    "ru": frozenset("и что как где когда ли мне меня вы он она это есть нет нужно надо можно пожалуйста "
                    "спасибо да привет мой моя моё со от".split()),
}
#: Letters only one of our languages of a script uses.
MARKER_LETTERS: Dict[str, str] = {"tr": "şğı", "uk": "іїєґ", "ru": "ыэъё"}
#: Turkish verb endings ("istiyorum", "gitmek"; "verilir" is too common an ending to count) and case
#: endings after an apostrophe, which Turkish writes after names ("Ulm'da", "Stuttgart'tan").
_TURKISH_ENDINGS = re.compile(r"(?:iyor|ıyor|uyor|üyor|yorum|yoruz|mak|mek|miyim|mıyım|misin|mısın)$"
                              r"|'(?:[dt][ae]n?|[dt][ae]y[ıi]m|y?[ae]|n?[ıiuü]n|l[ae]r)$")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def function_word_probabilities(text: str, candidates: Iterable[str]) -> Dict[str, float]:
    """Votes of function words, marker letters and Turkish endings, normalised; empty without any vote."""
    words = [w.casefold() for w in _WORD.findall(text)]
    lowered = text.casefold()
    votes: Dict[str, float] = {}
    for code in candidates:
        score = sum(word in FUNCTION_WORDS.get(code, ()) for word in words)
        score += 2 * sum(letter in lowered for letter in MARKER_LETTERS.get(code, ""))
        if code == "tr":
            score += sum(bool(_TURKISH_ENDINGS.search(word)) for word in words)
        votes[code] = float(score)
    total = sum(votes.values())
    if not total:
        return {}
    smoothed = {code: score + 0.1 for code, score in votes.items()}
    norm = sum(smoothed.values())
    return {code: score / norm for code, score in smoothed.items()}
