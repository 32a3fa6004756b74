from django.urls import path

from cityimpact.handprint import views, wizard_views

app_name = "handprint"

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("<int:pk>/", views.assessment_detail, name="assessment"),
    path("<int:pk>/print/", views.assessment_print, name="print"),
    path("<int:pk>/result.pdf", views.assessment_pdf, name="pdf"),
    path("<int:pk>/status/", views.assessment_status, name="status"),
    path("new/", wizard_views.assessment_step1, name="wizard_new"),
    path("<int:pk>/edit/", wizard_views.assessment_step1, name="wizard_edit"),
    path("<int:pk>/inventory/", wizard_views.assessment_step2, name="wizard_inventory"),
]
