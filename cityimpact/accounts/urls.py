from django.contrib.auth import views as auth_views
from django.urls import path

from cityimpact.accounts.views import LoginView, account, identify, my_data, signup, verify

app_name = "accounts"

urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", signup, name="signup"),
    path("verify/<str:uid>/<str:token>/", verify, name="verify"),
    path("identify/", identify, name="identify"),
    path("me/", account, name="account"),
    path("me/data.json", my_data, name="my_data"),
]
