from django.urls import path

from hub.reporting import views

urlpatterns = [
    path("reporting/", views.cycles, name="cycles"),
    path("reporting/cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("reporting/cycles/<int:pk>/export.<str:fmt>", views.cycle_export, name="cycle_export"),
    path("reporting/cycles/<int:pk>/<str:action>/", views.cycle_action, name="cycle_action"),
    path("reporting/questionnaires/", views.questionnaires, name="questionnaires"),
    path("reporting/questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire_detail"),
    path("reporting/reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reporting/reports/<int:pk>/sections/<int:number>/", views.report_section, name="report_section"),
    path("reporting/reports/<int:pk>/check/", views.report_check, name="report_check"),
    path("reporting/reports/<int:pk>/submit/", views.report_submit_view, name="report_submit"),
    path("reporting/reports/<int:pk>/return/", views.report_return_view, name="report_return"),
    path("reporting/reports/<int:pk>/accept/", views.report_accept_view, name="report_accept"),
    path("reporting/reports/<int:pk>/extension/", views.report_extension_view, name="report_extension"),
    path("reporting/reports/<int:pk>/showcase/", views.showcase_propose_view, name="report_showcase_propose"),
    path("reporting/reports/<int:pk>/report.pdf", views.report_pdf_view, name="report_pdf"),
    path("reporting/reports/<int:pk>/report.xlsx", views.report_xlsx_view, name="report_xlsx"),
    path("reporting/showcase/<int:pk>/<str:action>/", views.showcase_action, name="showcase_action"),
    path("reporting/evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
