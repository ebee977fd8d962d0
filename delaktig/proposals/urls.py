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
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/andra/", views.proposal_edit, name="edit"),
    path("<int:pk>/skicka-in/", views.proposal_submit, name="submit"),
    path("<int:pk>/dra-tillbaka/", views.proposal_withdraw, name="withdraw"),
    path("<int:pk>/rosta/", views.vote, name="vote"),
    path("<int:pk>/folj/", views.follow, name="follow"),
    path("<int:pk>/kommentera/", views.comment_create, name="comment"),
    path("kommentarer/<int:pk>/anmal/", views.comment_report, name="comment_report"),
    path("moderering/", views.moderation_queue, name="moderation"),
    path("moderering/<int:pk>/", views.moderation_review, name="review"),
    path("moderering/<int:pk>/publicera/", views.moderation_publish, name="publish"),
    path("moderering/<int:pk>/avvisa/", views.moderation_refuse, name="refuse"),
    path("moderering/<int:pk>/tilldela/", views.moderation_assign, name="assign"),
    path("moderering/kommentarer/<int:pk>/", views.moderation_comment, name="review_comment"),
    path("namnd/", views.committee_queue, name="committee_queue"),
    path("namnd/<int:pk>/", views.committee_handling, name="handling"),
    path("namnd/<int:pk>/registrera/", views.committee_record, name="record"),
]
