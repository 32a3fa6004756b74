from django.urls import path

from cityimpact.portfolio import io_views, views

app_name = "portfolio"

initiative = "initiatives/<slug:city>/<slug:slug>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/<slug:city>/", views.initiative_create_view, name="initiative_create"),
    path(initiative, views.initiative_detail, name="initiative"),
    path(f"{initiative}edit/", views.initiative_edit_view, name="initiative_edit"),
    path(f"{initiative}history/", views.initiative_history, name="initiative_history"),
    path(f"{initiative}outcomes/new/", views.outcome_edit_view, name="outcome_create"),
    path(f"{initiative}outcomes/<int:pk>/", views.outcome_edit_view, name="outcome_edit"),
    path(
        f"{initiative}outcomes/<int:pk>/delete/",
        views.outcome_delete_view,
        name="outcome_delete",
    ),
    path(f"{initiative}adoptions/new/", views.adoption_edit_view, name="adoption_create"),
    path(f"{initiative}adoptions/<int:pk>/", views.adoption_edit_view, name="adoption_edit"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("cities/<slug:slug>/audit-log/", views.city_audit_log, name="city_audit_log"),
    path("cities/<slug:slug>/import/", io_views.import_page, name="import"),
    path("graph/", views.network_graph_page, name="graph"),
    path("graph.json", views.network_graph_data, name="graph_data"),
    path("export/initiatives.csv", io_views.export_csv, name="export_csv"),
    path("export/initiatives.json", io_views.export_json, name="export_json"),
]
