from django.urls import path

from handschlag.gdpr import views

urlpatterns = [
    path("settings/your-data/", views.your_data, name="your_data"),
    path("settings/delete-account/", views.delete_account, name="delete_account"),
    path("account-deleted/", views.account_deleted, name="account_deleted"),
]
