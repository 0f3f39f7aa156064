from django.urls import path

from handschlag.feed import views

urlpatterns = [
    path("feed/", views.feed, name="feed"),
    path("feed/posts/new/", views.new_post, name="feed_new_post"),
    path("feed/posts/<int:post_id>/", views.post_detail, name="feed_post"),
    path("feed/posts/<int:post_id>/edit/", views.edit_post, name="feed_edit_post"),
    path("feed/posts/<int:post_id>/delete/", views.delete_post, name="feed_delete_post"),
    path("feed/posts/<int:post_id>/comments/", views.add_comment, name="feed_add_comment"),
    path("feed/posts/<int:post_id>/react/", views.react, name="feed_react"),
    path(
        "feed/comments/<int:comment_id>/delete/", views.delete_comment, name="feed_delete_comment"
    ),
    path("feed/topics/<str:topic>/", views.topic, name="feed_topic"),
    path("feed/topics/<str:topic>/follow/", views.follow_topic, name="feed_follow_topic"),
    path("feed/groups/<slug:slug>/", views.group_posts, name="feed_group"),
    path("feed/members/<int:member_id>/", views.member_posts, name="feed_member"),
    path("feed/members/<int:member_id>/follow/", views.follow_member, name="feed_follow_member"),
    path("feed/settings/", views.settings_page, name="feed_settings"),
    path("feed/settings/mutes/", views.mutes, name="feed_mutes"),
    path("feed/settings/labels/", views.label_settings, name="feed_label_settings"),
]
