from django.urls import path

from cityimpact.core import views

app_name = "core"

urlpatterns = [
    path("<uuid:job_id>/", views.job_progress, name="job"),
]
