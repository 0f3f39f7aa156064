from django.urls import path

from handschlag.core import views

urlpatterns = [
    path("", views.home, name="home"),
]
