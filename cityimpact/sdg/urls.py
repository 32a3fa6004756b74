from django.urls import path

from cityimpact.sdg import views

app_name = "sdg"

# Codes are like 11.6, 11.a, 11.6.1, 17.19.2: letters, digits and dots.
urlpatterns = [
    path("", views.goal_wheel, name="wheel"),
    path("goals/<int:number>/", views.goal_detail, name="goal"),
    path("targets/<str:code>/", views.target_detail, name="target"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
]
