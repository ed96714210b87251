from django.urls import path

from hub.public import assessments
from hub.public import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.home, name="about"),
    path("commitments/<int:number>/", views.commitment_detail, name="commitment_detail"),
    path("open/self-assessment/", assessments.self_assessment, name="public_self_assessment"),
]
