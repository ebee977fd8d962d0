from django.urls import include, path

from delaktig.proposals import views

app_name = "proposals"

urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("rapport/", include("delaktig.api.report_urls")),
    path("regler/", views.rule_catalogue_page, name="rules"),
    path("liknande/", views.similar, name="similar"),
    path("nytt/", views.proposal_create, name="create"),
    path("mina/", views.my_proposals, name="mine"),
    path("<id:pk>/", views.proposal_detail, name="detail"),
    path("<id:pk>/andra/", views.proposal_edit, name="edit"),
    path("<id:pk>/skicka-in/", views.proposal_submit, name="submit"),
    path("<id:pk>/dra-tillbaka/", views.proposal_withdraw, name="withdraw"),
    path("<id:pk>/rosta/", views.vote, name="vote"),
    path("<id:pk>/folj/", views.follow, name="follow"),
    path("<id:pk>/kommentera/", views.comment_create, name="comment"),
    path("kommentarer/<id:pk>/anmal/", views.comment_report, name="comment_report"),
    path("moderering/", views.moderation_queue, name="moderation"),
    path("moderering/<id:pk>/", views.moderation_review, name="review"),
    path("moderering/<id:pk>/publicera/", views.moderation_publish, name="publish"),
    path("moderering/<id:pk>/avvisa/", views.moderation_refuse, name="refuse"),
    path("moderering/<id:pk>/tilldela/", views.moderation_assign, name="assign"),
    path("moderering/kommentarer/<id:pk>/", views.moderation_comment, name="review_comment"),
    path("namnd/", views.committee_queue, name="committee_queue"),
    path("namnd/<id:pk>/", views.committee_handling, name="handling"),
    path("namnd/<id:pk>/registrera/", views.committee_record, name="record"),
]
