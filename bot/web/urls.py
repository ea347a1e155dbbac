"""URLs of the web process."""

from django.contrib import admin
from django.urls import include, path

from bot.web.views import chat, health, nlg

urlpatterns = [
    path("", chat.chat_page, name="chat"),
    path("chat/api/messages", chat.messages_endpoint, name="chat-send"),
    path("nlg", nlg.nlg_endpoint, name="nlg"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("inbox/", include("bot.web.views.inbox.urls")),
]
