from django.contrib import admin
from django.db import OperationalError, connection
from django.http import HttpResponse
from django.urls import path


def healthz(request):
    try:
        connection.ensure_connection()
    except OperationalError:
        return HttpResponse("database unavailable", status=503)
    return HttpResponse("ok")


urlpatterns = [
    path("healthz/", healthz),
    path("admin/", admin.site.urls),
]
