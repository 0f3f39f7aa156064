from handschlag.moderation.views import urlpatterns

__all__ = ["urlpatterns"]
