from django.urls import path

from handschlag.groups import views

urlpatterns = [
    path("groups/", views.group_index, name="groups"),
    path("groups/new/", views.new_group, name="new_group"),
    path("groups/invitations/", views.invitations, name="group_invitations"),
    path(
        "groups/invitations/<int:invitation_id>/answer/",
        views.answer_invitation,
        name="answer_group_invitation",
    ),
    path("groups/settings/", views.invitation_settings, name="group_settings"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groups/<slug:slug>/join/", views.join, name="join_group"),
    path("groups/<slug:slug>/leave/", views.leave, name="leave_group"),
    path("groups/<slug:slug>/invite/", views.invite, name="invite_to_group"),
    path(
        "groups/<slug:slug>/requests/<int:request_id>/answer/",
        views.answer_join_request,
        name="answer_join_request",
    ),
    path(
        "groups/<slug:slug>/moderators/<int:member_id>/",
        views.make_moderator,
        name="make_group_moderator",
    ),
]
