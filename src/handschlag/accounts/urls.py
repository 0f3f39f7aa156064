from django.urls import path

from handschlag.accounts import views

urlpatterns = [
    path("invitations/", views.invitations, name="invitations"),
    path("language/", views.set_language, name="set_language"),
]
