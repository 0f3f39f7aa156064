from django.urls import path

from handschlag.imports import views

urlpatterns = [
    path("import/", views.imports_home, name="imports"),
    path("import/<int:job_id>/", views.import_job, name="import_job"),
    path("import/<int:job_id>/progress/", views.import_progress, name="import_progress"),
    path("import/<int:job_id>/contacts.csv", views.import_csv, name="import_csv"),
    path("import/<int:job_id>/profile/", views.import_profile, name="import_profile"),
    path("import/contacts/", views.imported_contacts, name="imported_contacts"),
    path(
        "import/contacts/<int:contact_id>/invite/",
        views.invite_imported_contact,
        name="invite_imported_contact",
    ),
]
