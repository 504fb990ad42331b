from django.urls import path
from api import views

urlpatterns = [
    # expect: readiness-check-missing
    path("", views.index),
]
