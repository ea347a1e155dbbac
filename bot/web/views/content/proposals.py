"""Four-eyes review in the editor: approve or discard a change of a German text that waits for approval."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bot.content import approval
from bot.content.models import FaqProposal
from bot.content.review import ApprovalNotAllowed
from bot.web.views.content.access import editor_required, entry_or_404, language_or_404, text_of


def proposal_or_404(key: str, language: str) -> FaqProposal:
    """The change of the entry's text in ``language`` that waits for approval, else 404."""
    entry, code = entry_or_404(key), language_or_404(language).code
    proposal = approval.pending(text_of(entry, code))
    if proposal is None:
        raise Http404("no change waits for approval")
    return proposal


@require_POST
@editor_required
def approve(request: HttpRequest, key: str, language: str) -> HttpResponse:
    """A second person approves the change: it is saved and the chat shows it from now on."""
    proposal = proposal_or_404(key, language)
    try:
        revision = approval.approve(proposal, request.user)
    except ApprovalNotAllowed as refused:
        return render(request, "content/no_access.html", {"reason": "approve", "own": refused.reason == "own change"},
                      status=403)
    except approval.ProposalOutdated:
        messages.error(request, "Der Text wurde geändert, nachdem diese Änderung vorgeschlagen wurde. Bitte die "
                                "Änderung verwerfen und neu vorschlagen.")
    else:
        messages.success(request, f"Freigegeben: Version {revision.version} gilt ab sofort im Chat.")
    return redirect("content:edit", key=key, language=language)


@require_POST
@editor_required
def discard(request: HttpRequest, key: str, language: str) -> HttpResponse:
    """The author withdraws, or a reviewer rejects, the change; the approved text stays live."""
    proposal = proposal_or_404(key, language)
    try:
        approval.discard(proposal, request.user)
    except ApprovalNotAllowed:
        return render(request, "content/no_access.html", {"reason": "approve"}, status=403)
    messages.info(request, "Die vorgeschlagene Änderung wurde verworfen; der Chat zeigt weiter die freigegebene "
                           "Antwort.")
    return redirect("content:edit", key=key, language=language)
