from django.urls import path

from secon.policy import chain_views, plan_views, views

app_name = "policy"

base = "<slug:project>/policy/"
plan = base + "plans/<int:pk>/"

urlpatterns = [
    path(base, views.index, name="index"),
    path(base + "new/", views.create, name="create"),
    path(base + "<int:pk>/", views.detail, name="instrument"),
    path(base + "<int:pk>/edit/", views.edit, name="edit"),
    path(base + "<int:pk>/status/", views.transition, name="transition"),
    path(base + "<int:pk>/stakeholders/", views.stakeholders, name="stakeholders"),
    path(base + "<int:pk>/meetings/", chain_views.group_meetings, name="meetings"),
    path(base + "<int:pk>/timeline/", chain_views.instrument_chain, name="instrument_chain"),
    path(base + "public/", views.public_index, name="public"),
    path(base + "plans/", plan_views.index, name="plans"),
    path(base + "plans/new/", plan_views.create, name="plan_create"),
    path(plan, plan_views.detail, name="plan"),
    path(plan + "edit/", plan_views.edit, name="plan_edit"),
    *[
        path(plan + f"{step}/", plan_views.step, {"name": step}, name=f"plan_{step}")
        for step in plan_views.DONE
    ],
    path(plan + "actions/new/", plan_views.action_form, name="action_add"),
    path(plan + "actions/<int:action_pk>/", plan_views.action_form, name="action_edit"),
    path(plan + "actions/<int:action_pk>/progress/", plan_views.progress, name="progress"),
    path(base + "timeline/practice/<int:pk>/", chain_views.practice_chain, name="practice_chain"),
    path(base + "timeline/partner/<int:pk>/", chain_views.partner_chain, name="partner_chain"),
]
