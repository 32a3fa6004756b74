from django.urls import path
from rest_framework.routers import DefaultRouter

from cityimpact.handprint.api import views

router = DefaultRouter()
router.register("factors", views.EmissionFactorViewSet, basename="handprint-factor")

urlpatterns = [
    path("calculate", views.CalculateView.as_view(), name="handprint-calculate"),
    *router.urls,
]
