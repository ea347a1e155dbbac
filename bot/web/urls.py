"""URLs of the web process."""

from django.contrib import admin
from django.urls import include, path

from bot.channels.telegram.webhook import telegram_webhook
from bot.channels.whatsapp.webhook import whatsapp_webhook
from bot.web.throttle import ThrottledAdminAuthenticationForm
from bot.web.views import chat, health, nlg

admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("", chat.chat_page, name="chat"),
    path("chat/api/messages", chat.messages_endpoint, name="chat-send"),
    path("chat/api/history", chat.history, name="chat-history"),
    path("chat/api/end", chat.end_conversation, name="chat-end"),
    path("nlg", nlg.nlg_endpoint, name="nlg"),
    path("healthz", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("inbox/", include("bot.web.views.inbox.urls")),
    path("content/", include("bot.web.views.content.urls")),
    path("channels/telegram/webhook", telegram_webhook, name="telegram-webhook"),
    path("channels/whatsapp/webhook", whatsapp_webhook, name="whatsapp-webhook"),
]
