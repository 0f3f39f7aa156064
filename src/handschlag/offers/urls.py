from django.urls import path

from handschlag.offers import views

urlpatterns = [
    path("offers/", views.offer_inbox, name="offer_inbox"),
    path("offers/settings/", views.offer_settings, name="offer_settings"),
    path("offers/sent/", views.sent_offers, name="sent_offers"),
    path("offers/send/<int:member_id>/", views.send_offer, name="send_offer"),
    path("offers/<int:offer_id>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:offer_id>/interested/", views.offer_interested, name="offer_interested"),
    path("offers/<int:offer_id>/decline/", views.offer_decline, name="offer_decline"),
    path("offers/<int:offer_id>/report/", views.offer_report, name="offer_report"),
]
