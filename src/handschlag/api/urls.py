from django.urls import path

from handschlag.api.v1 import api
from handschlag.api.views import revoke_token, token_list

urlpatterns = [
    path("api/v1/", api.urls),
    path("settings/api-tokens/", token_list, name="api_tokens"),
    path("settings/api-tokens/<int:token_id>/revoke/", revoke_token, name="revoke_api_token"),
]
