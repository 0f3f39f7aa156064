from handschlag.notifications.views import urlpatterns

__all__ = ["urlpatterns"]
