from django.urls import re_path
from rest_framework.routers import DefaultRouter

from cityimpact.sdg.api import views
from cityimpact.sdg.api.classify import ClassifyView

router = DefaultRouter()
router.register("goals", views.GoalViewSet, basename="sdg-goal")
router.register("targets", views.TargetViewSet, basename="sdg-target")
router.register("indicators", views.IndicatorViewSet, basename="sdg-indicator")

router.register("local-goals", views.LocalGoalViewSet, basename="sdg-local-goal")
router.register("local-indicators", views.LocalIndicatorViewSet, basename="sdg-local-indicator")
router.register("links", views.SdgLinkViewSet, basename="sdg-link")
router.register("reviews", views.ReviewViewSet, basename="sdg-review")
router.register("contributions", views.ContributionViewSet, basename="sdg-contribution")

urlpatterns = [
    re_path(r"^classify/?$", ClassifyView.as_view(), name="sdg-classify"),
    *router.urls,
]
