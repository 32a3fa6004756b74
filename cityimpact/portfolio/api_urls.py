from rest_framework.routers import DefaultRouter

from cityimpact.portfolio.api import views

router = DefaultRouter()
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("cities", views.CityViewSet, basename="city")
router.register("networks", views.NetworkViewSet, basename="network")
router.register("outcomes", views.OutcomeViewSet, basename="outcome")
router.register("adoptions", views.AdoptionViewSet, basename="adoption")

urlpatterns = router.urls
