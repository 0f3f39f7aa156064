from django.urls import path

from handschlag.profiles import views

urlpatterns = [
    path("members/<int:member_id>/", views.profile_detail, name="profile_detail"),
    path("members/<int:member_id>/vcard/", views.profile_vcard, name="profile_vcard"),
    path("profile/", views.own_profile, name="own_profile"),
    path("profile/edit/", views.edit_profile, name="edit_profile"),
    path("profile/privacy/", views.edit_privacy, name="edit_privacy"),
    path("profile/preferences/", views.edit_preferences, name="edit_preferences"),
    path("profile/positions/add/", views.edit_position, name="add_position"),
    path("profile/positions/<int:position_id>/", views.edit_position, name="edit_position"),
    path(
        "profile/positions/<int:position_id>/delete/",
        views.delete_position,
        name="delete_position",
    ),
    path("profile/education/add/", views.edit_education, name="add_education"),
    path("profile/education/<int:education_id>/", views.edit_education, name="edit_education"),
    path(
        "profile/education/<int:education_id>/delete/",
        views.delete_education,
        name="delete_education",
    ),
    path("profile/skills/", views.edit_skills, name="edit_skills"),
    path("profile/languages/", views.edit_languages, name="edit_languages"),
    path(
        "profile/languages/<int:spoken_language_id>/delete/",
        views.delete_language,
        name="delete_language",
    ),
    path("search/", views.search, name="search"),
]
