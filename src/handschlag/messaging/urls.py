from django.urls import path

from handschlag.messaging import views

urlpatterns = [
    path("messages/", views.conversations, name="conversations"),
    path("messages/requests/", views.message_requests, name="message_requests"),
    path("messages/group/new/", views.new_group, name="new_group_conversation"),
    path("messages/<int:conversation_id>/", views.conversation, name="conversation"),
    path(
        "messages/<int:conversation_id>/accept/",
        views.accept_request,
        name="accept_message_request",
    ),
    path(
        "messages/<int:conversation_id>/ignore/",
        views.ignore_request,
        name="ignore_message_request",
    ),
    path(
        "messages/<int:conversation_id>/<int:message_id>/report/",
        views.report_message,
        name="report_message",
    ),
    path(
        "messages/<int:conversation_id>/<int:message_id>/reply/",
        views.reply_message,
        name="reply_message",
    ),
    path(
        "messages/<int:conversation_id>/<int:message_id>/delete/",
        views.delete_message,
        name="delete_message",
    ),
    path("members/<int:member_id>/message/", views.write_message, name="write_message"),
]
