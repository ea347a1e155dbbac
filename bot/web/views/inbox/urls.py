"""URLs of the inbox (namespace ``inbox``)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from bot.web.throttle import ThrottledAuthenticationForm
from bot.web.views.inbox import actions, live, notifications, statistics, tickets

app_name = "inbox"
urlpatterns = [
    path("", tickets.ticket_list, name="list"),
    path("statistik/", statistics.statistics_page, name="statistics"),
    path("benachrichtigungen/", notifications.notifications_page, name="notifications"),
    path("login/", auth_views.LoginView.as_view(template_name="inbox/login.html", redirect_authenticated_user=True,
                                                authentication_form=ThrottledAuthenticationForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tickets/<str:reference>/", tickets.ticket_detail, name="ticket"),
    path("tickets/<str:reference>/claim", actions.claim, name="claim"),
    path("tickets/<str:reference>/assign", actions.assign, name="assign"),
    path("tickets/<str:reference>/status", actions.change_status, name="status"),
    path("tickets/<str:reference>/note", actions.add_note, name="note"),
    path("tickets/<str:reference>/reply", actions.reply, name="reply"),
    path("tickets/<str:reference>/live", live.live_feed, name="live"),
    path("tickets/<str:reference>/live/start", live.start_live, name="live_start"),
    path("tickets/<str:reference>/live/end", live.end_live, name="live_end"),
]
