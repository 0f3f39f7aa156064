from django.urls import path

from handschlag.api import views
from handschlag.api.v1 import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("settings/api-tokens/", views.token_list, name="api_tokens"),
    path("settings/api-tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_api_token"),
]
