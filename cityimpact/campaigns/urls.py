from django.urls import path

from cityimpact.campaigns import views

app_name = "campaigns"

campaign = "<slug:city>/<slug:slug>/"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    # Before the campaign patterns: "proposals/1/" would otherwise read as a city and a slug.
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/support/", views.support, name="support"),
    path("proposals/<int:pk>/comment/", views.comment, name="comment"),
    path("proposals/<int:pk>/report/", views.report, name="report"),
    path("proposals/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("proposals/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("proposals/<int:pk>/answer/", views.answer, name="answer"),
    path("proposals/<int:pk>/score/", views.score, name="score"),
    path("proposals/<int:pk>/block/", views.block_author, name="block"),
    path(
        "proposals/<int:pk>/attachments/<int:attachment_id>/",
        views.attachment,
        name="attachment",
    ),
    path("proposals/<int:pk>/experiment/", views.experiment_start, name="experiment_start"),
    path(
        "proposals/<int:pk>/experiment/update/", views.experiment_update, name="experiment_update"
    ),
    path(
        "proposals/<int:pk>/experiment/results/",
        views.experiment_results,
        name="experiment_results",
    ),
    path(campaign, views.campaign_detail, name="campaign"),
    path(f"{campaign}propose/", views.propose, name="propose"),
    path(f"{campaign}similar/", views.similar, name="similar"),
    path(f"{campaign}answers/publish/", views.publish_answers, name="publish_answers"),
    path(f"{campaign}phase/", views.phase, name="phase"),
    path(f"{campaign}evaluation/", views.evaluation, name="evaluation"),
    path(f"{campaign}open-data.json", views.export_json, name="export_json"),
    path(f"{campaign}open-data.csv", views.export_csv, name="export_csv"),
]
