"""URLs of the editors' web editor (namespace ``content``)."""

from django.urls import path

from bot.web.views.content import entries, entry, gaps, history, proposals, publishing, texts

app_name = "content"
urlpatterns = [
    path("", entries.entry_list, name="list"),
    path("entries/new/", entry.new_entry, name="new"),
    path("entries/<slug:key>/", entry.entry_page, name="entry"),
    path("entries/<slug:key>/<str:language>/", texts.edit_text, name="edit"),
    path("entries/<slug:key>/<str:language>/preview", texts.preview, name="preview"),
    path("entries/<slug:key>/<str:language>/reviewed", texts.mark_reviewed, name="reviewed"),
    path("entries/<slug:key>/<str:language>/approve", proposals.approve, name="approve"),
    path("entries/<slug:key>/<str:language>/discard", proposals.discard, name="discard"),
    path("entries/<slug:key>/<str:language>/history/", history.text_history, name="history"),
    path("entries/<slug:key>/<str:language>/revert", history.revert_text, name="revert"),
    path("gaps/", gaps.gap_list, name="gaps"),
    path("publish/", publishing.publish_page, name="publish"),
    path("publish/start", publishing.start, name="publish_start"),
    path("publish/status", publishing.status, name="publish_status"),
]
