from rest_framework.routers import DefaultRouter

from cityimpact.sdg.api import views

router = DefaultRouter()
router.register("goals", views.GoalViewSet, basename="sdg-goal")
router.register("targets", views.TargetViewSet, basename="sdg-target")
router.register("indicators", views.IndicatorViewSet, basename="sdg-indicator")

urlpatterns = router.urls
