from django.urls import path

from hub.commitments import views

urlpatterns = [
    path("commitments/", views.commitments, name="commitments"),
]
