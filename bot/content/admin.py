"""Django admin of the content: FAQ entries with their texts; content gaps and publications read-only.

The web editor (``/content/``) is the editors' main tool; the admin is the fallback. Texts
changed here still go through :func:`bot.content.approval.submit` (``review.save_text``, or a change
waiting for approval under four-eyes review), so the review rules hold (version, revision, outdated
translations); state and versions are read-only.
"""

from __future__ import annotations

from typing import Any, List

from django import forms
from django.contrib import admin

from bot.content.constants import ReviewState
from bot.content.models import ContentGap, FaqEntry, FaqText, Publication, ReviewPolicy
from bot.content.approval import submit


def language_choices() -> List[tuple]:
    """The registry's languages as form choices (code and own name)."""
    from bot.languages import registry

    return [(language.code, f"{language.code} – {language.endonym}") for language in registry()]


class FaqTextForm(forms.ModelForm):
    """One language's text in the entry form: the language is one of the registry's."""

    language = forms.ChoiceField(label="Sprache", choices=language_choices)

    class Meta:
        model = FaqText
        fields = ["language", "answer", "more", "examples"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 4, "cols": 60}),
                   "more": forms.Textarea(attrs={"rows": 4, "cols": 60}),
                   "examples": forms.Textarea(attrs={"rows": 4, "cols": 40})}


class FaqTextInline(admin.StackedInline):
    """The entry's texts; saving goes through the review rules."""

    model = FaqText
    form = FaqTextForm
    extra = 0
    can_delete = False
    fields = ["language", "answer", "more", "examples", "state", "version", "source_version", "updated_by", "updated_at"]
    readonly_fields = ["state", "version", "source_version", "updated_by", "updated_at"]


@admin.register(FaqEntry)
class FaqEntryAdmin(admin.ModelAdmin):
    """FAQ entries: key, title, topic, what follows, sources and dates, linked services, the texts per language."""

    fields = ["key", "title", "topic", "handover", "legal", "stand", "review_due", "sources", "services"]
    list_display = ["key", "title", "topic", "review_due", "missing_languages", "unreviewed_languages", "updated_at"]
    list_filter = ["topic", "handover", "legal"]
    search_fields = ["key", "title", "topic", "texts__answer"]
    ordering = ["review_due", "topic", "key"]
    filter_horizontal = ["services"]
    inlines = [FaqTextInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        """Entries with their texts (the state columns need them)."""
        return super().get_queryset(request).prefetch_related("texts")

    @admin.display(description="fehlt in")
    def missing_languages(self, entry: FaqEntry) -> str:
        """Languages without an answer."""
        return " ".join(t.language for t in entry.texts.all() if t.state == ReviewState.MISSING)

    @admin.display(description="ungeprüft/veraltet in")
    def unreviewed_languages(self, entry: FaqEntry) -> str:
        """Languages whose answer is not reviewed or outdated."""
        return " ".join(t.language for t in entry.texts.all()
                        if t.state in (ReviewState.UNREVIEWED, ReviewState.OUTDATED))

    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        """Save changed and new texts through the review rules (German first, so translations follow it)."""
        if formset.model is not FaqText:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        changed = [f for f in formset.forms if f.has_changed() and f.cleaned_data]
        for text_form in sorted(changed, key=lambda f: f.cleaned_data["language"] != "de"):
            self._save_text(request, form.instance, formset, text_form)
        return None

    def _save_text(self, request: Any, entry: FaqEntry, formset: Any, text_form: Any) -> None:
        """One text: a new one starts missing at version 0, then is saved like every change."""
        text = text_form.instance
        is_new = text.pk is None
        if is_new:
            text = FaqText.objects.create(entry=entry, language=text_form.cleaned_data["language"],
                                          state=ReviewState.MISSING)
        done = submit(text, answer=text_form.cleaned_data["answer"], examples=text_form.cleaned_data["examples"],
                      more=text_form.cleaned_data["more"], user=request.user)
        if done.waiting:  # four-eyes review: the German change waits for a second person
            self.message_user(request, f"{text}: Die Änderung wartet auf die Freigabe durch eine zweite Person "
                                       "(Vier-Augen-Prinzip, im FAQ-Editor).")
        if is_new:
            formset.new_objects.append(text)
        else:
            formset.changed_objects.append((text, text_form.changed_data))


class ReadOnlyAdmin(admin.ModelAdmin):
    """A list and detail view that nobody changes here (written by the bot or by publishing)."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        """Nobody adds rows here."""
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        """Nobody changes rows here (view permission still shows them)."""
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        """Nobody deletes rows here."""
        return False


@admin.register(ContentGap)
class ContentGapAdmin(ReadOnlyAdmin):
    """Messages the bot could not answer (redacted), newest first."""

    list_display = ["created_at", "language", "reason", "topic", "text"]
    list_filter = ["language", "reason", "topic"]
    search_fields = ["text", "topic"]
    date_hierarchy = "created_at"


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    """Attempts to retrain and activate a model with the current example questions."""

    list_display = ["created_at", "status", "accuracy", "baseline_accuracy", "started_by", "finished_at"]
    list_filter = ["status"]


@admin.register(ReviewPolicy)
class ReviewPolicyAdmin(admin.ModelAdmin):
    """The district's four-eyes switch: one row, seen and changed by superusers only (editors must not
    switch off the review of their own changes)."""

    list_display = ("__str__", "changed_at", "changed_by")

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        """Only superusers set the editorial policy."""
        return bool(request.user.is_superuser)

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        """Only superusers set the editorial policy."""
        return bool(request.user.is_superuser)

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        """Only superusers set the editorial policy."""
        return bool(request.user.is_superuser)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        """One row: a superuser adds it once."""
        return bool(request.user.is_superuser) and not ReviewPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        """The row stays; it is switched off, not deleted."""
        return False

    def save_model(self, request, obj, form, change) -> None:  # type: ignore[no-untyped-def]
        """Always the one row (``pk=1``), with who switched it."""
        obj.pk = 1
        obj.changed_by = request.user
        super().save_model(request, obj, form, change)
