from django.urls import path
from rest_framework.routers import DefaultRouter

from cityimpact.handprint.api import views

router = DefaultRouter()
router.register("factors", views.EmissionFactorViewSet, basename="handprint-factor")
router.register("assessments", views.AssessmentViewSet, basename="handprint-assessment")

urlpatterns = [
    path("calculate", views.CalculateView.as_view(), name="handprint-calculate"),
    *router.urls,
]
