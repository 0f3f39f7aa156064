from handschlag.network.views import connections, inbox, requests

urlpatterns = [*requests.urlpatterns, *inbox.urlpatterns, *connections.urlpatterns]
