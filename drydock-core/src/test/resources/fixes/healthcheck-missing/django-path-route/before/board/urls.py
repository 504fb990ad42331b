from django.http import HttpResponse, JsonResponse
from django.urls import path


def index(request):
    return HttpResponse('board')


def alive(request):
    return JsonResponse({'alive': True})


urlpatterns = [
    path('', index),
    path('healthz/', alive),
]
