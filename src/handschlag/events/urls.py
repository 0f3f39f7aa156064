from django.urls import path

from handschlag.events import views

urlpatterns = [
    path("meetups/", views.meetup_list, name="meetups"),
    path("meetups/past/", views.past_meetups, name="past_meetups"),
    path("meetups/mine/", views.my_meetups, name="my_meetups"),
    path("meetups/new/", views.new_meetup, name="new_meetup"),
    path("meetups/notices/dismiss/", views.dismiss_promotions, name="dismiss_promotions"),
    path("meetups/calendar/", views.calendar_settings, name="calendar_settings"),
    path("meetups/calendar/<str:token>/meetups.ics", views.calendar_feed, name="calendar_feed"),
    path("meetups/<int:meetup_id>/", views.meetup_detail, name="meetup_detail"),
    path("meetups/<int:meetup_id>/edit/", views.edit_meetup, name="edit_meetup"),
    path("meetups/<int:meetup_id>/cancel/", views.cancel_meetup, name="cancel_meetup"),
    path("meetups/<int:meetup_id>/rsvp/", views.rsvp, name="meetup_rsvp"),
    path("meetups/<int:meetup_id>/rsvp/cancel/", views.cancel_rsvp, name="meetup_cancel_rsvp"),
    path("meetups/<int:meetup_id>/check-in/", views.check_in, name="meetup_check_in"),
    path("meetups/<int:meetup_id>/attendees/", views.attendees, name="meetup_attendees"),
    path("meetups/<int:meetup_id>/meetup.ics", views.meetup_ics, name="meetup_ics"),
]
