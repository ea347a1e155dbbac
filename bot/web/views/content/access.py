"""Who may use the editor, and finding an entry or a language the URL names (404 otherwise)."""

from __future__ import annotations

import functools
from typing import Any, Callable, List

from babel import Locale
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from bot.content.constants import EDITOR_GROUP, SOURCE_LANGUAGE
from bot.content.models import FaqEntry, FaqText
from bot.languages import Language, registry

#: Languages written in Ethiopic script: their text fields get an Ethiopic font stack.
ETHIOPIC_SCRIPT = "Ethi"


def is_editor(user: Any) -> bool:
    """Whether ``user`` may use the editor: a superuser or a member of the editor group."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.groups.filter(name=EDITOR_GROUP).exists())


def editor_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Editors only: anonymous users go to the login page, others get a German 403 page."""
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_editor(request.user):
            return render(request, "content/no_access.html", status=403)
        return view(request, *args, **kwargs)
    return wrapper


def languages() -> List[Language]:
    """The languages the editor offers: German (the source) first, then the registry's order."""
    ordered = list(registry())
    return sorted(ordered, key=lambda lang: lang.code != SOURCE_LANGUAGE)


def language_or_404(code: str) -> Language:
    """The supported language with this code, else 404."""
    language = registry().get(code)
    if language is None:
        raise Http404("unknown language")
    return language


def language_name(code: str) -> str:
    """The German name of a language.

    >>> language_name("ar"), language_name("ti"), language_name("xx")
    ('Arabisch', 'Tigrinya', 'xx')
    """
    return str(Locale("de").languages.get(code, code))


def entry_or_404(key: str) -> FaqEntry:
    """The FAQ entry with this key, else 404."""
    return get_object_or_404(FaqEntry, key=key)


def text_of(entry: FaqEntry, code: str) -> FaqText:
    """The entry's text in this language; an unsaved, missing one when there is none yet."""
    text = FaqText.objects.filter(entry=entry, language=code).first()
    return text if text is not None else FaqText(entry=entry, language=code)


def script_context(language: Language) -> dict:
    """Template attributes for text in ``language``: ``lang``, ``dir`` and whether it is Ethiopic."""
    return {"code": language.code, "dir": language.direction, "ethiopic": language.script == ETHIOPIC_SCRIPT,
            "name": language_name(language.code), "endonym": language.endonym}
