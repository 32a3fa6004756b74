from django.urls import path

from cityimpact.sdg import classify_views, review_views, views

app_name = "sdg"

review = "reviews/<slug:city>/<slug:slug>/"

# Codes are like 11.6, 11.a, 11.6.1, 17.19.2: letters, digits and dots.
urlpatterns = [
    path("", views.goal_wheel, name="wheel"),
    path("gaps/", views.target_gap_list, name="gaps"),
    path("goals/<int:number>/", views.goal_detail, name="goal"),
    path("targets/<str:code>/", views.target_detail, name="target"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path("local/", review_views.local_page, name="local"),
    path(
        "local/indicators/<int:pk>/values/new/",
        review_views.indicator_value_create,
        name="indicator_value_create",
    ),
    path("links/new/<str:source>/<int:pk>/", review_views.link_create, name="link_create"),
    path("reviews/", review_views.review_list, name="reviews"),
    path(review, review_views.review_detail, name="review"),
    path(f"{review}contribute/", review_views.contribute, name="contribute"),
    path(f"{review}phase/", review_views.phase, name="phase"),
    path(f"{review}links/<int:pk>/evaluate/", review_views.evaluate_link, name="evaluate_link"),
    path(f"{review}report/", review_views.report, name="report"),
    path(f"{review}report/pdf/", review_views.report_pdf_start, name="report_pdf_start"),
    path("contributions/<int:pk>/moderate/", review_views.moderate, name="moderate"),
    path("contributions/<int:pk>/evaluate/", review_views.evaluate, name="evaluate"),
    path("classify/", classify_views.classify, name="classify"),
    path("classify/batch/", classify_views.classify_batch, name="classify_batch"),
    path("classify/<uuid:job_id>.csv", classify_views.classify_csv, name="classify_csv"),
    path("suggest/<str:source>/<int:pk>/", classify_views.suggest, name="suggest"),
    path(
        "suggestions/<int:pk>/decide/",
        classify_views.suggestion_decision,
        name="suggestion_decide",
    ),
    path("reports/<uuid:job_id>.pdf", review_views.report_pdf_download, name="report_pdf"),
]
