from django.urls import path

from hub.public import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.home, name="about"),
]
