from django.urls import path

from hub.members import views

urlpatterns = [
    path("members/", views.directory, name="member_directory"),
    path("members/export.<str:fmt>", views.directory_export, name="member_directory_export"),
    path("members/<slug:slug>/", views.profile, name="member_profile"),
    path("members/<slug:slug>/notes/", views.note_create, name="member_note_create"),
]
