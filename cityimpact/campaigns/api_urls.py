from rest_framework.routers import DefaultRouter

from cityimpact.campaigns.api import views

router = DefaultRouter()
router.register("campaigns", views.CampaignViewSet, basename="campaign")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("comments", views.CommentViewSet, basename="comment")
router.register("experiments", views.ExperimentViewSet, basename="experiment")

urlpatterns = router.urls
