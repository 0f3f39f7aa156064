from django.urls import path

from handschlag.recommendations import views

urlpatterns = [
    path("recommendations/", views.overview, name="recommendations"),
    path("recommendations/ask/<int:member_id>/", views.ask, name="ask_recommendation"),
    path(
        "recommendations/requests/<int:request_id>/write/",
        views.write,
        name="write_recommendation",
    ),
    path(
        "recommendations/requests/<int:request_id>/decline/",
        views.decline,
        name="decline_recommendation_request",
    ),
    path(
        "recommendations/requests/<int:request_id>/withdraw/",
        views.withdraw_request,
        name="withdraw_recommendation_request",
    ),
    path(
        "recommendations/<int:recommendation_id>/approve/",
        views.approve,
        name="approve_recommendation",
    ),
    path(
        "recommendations/<int:recommendation_id>/withdraw/",
        views.withdraw,
        name="withdraw_recommendation",
    ),
    path(
        "recommendations/collaborations/new/<int:member_id>/",
        views.declare_collaboration,
        name="declare_collaboration",
    ),
    path(
        "recommendations/collaborations/<int:collaboration_id>/answer/",
        views.answer_collaboration,
        name="answer_collaboration",
    ),
]
