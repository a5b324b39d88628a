from django.urls import path

from mottagning.matching import views

app_name = "matching"

urlpatterns = [
    path("praktikbank/", views.praktikbank, name="praktikbank"),
    path("praktikbank/arbetsgivare/ny/", views.arbetsgivare_create, name="arbetsgivare_create"),
    path(
        "praktikbank/arbetsgivare/<int:pk>/kontakt/",
        views.arbetsgivare_kontakt,
        name="arbetsgivare_kontakt",
    ),
    path("praktikbank/platser/ny/", views.praktikplats_create, name="praktikplats_create"),
    path("praktikbank/platser/<int:pk>/", views.praktikplats_detail, name="praktikplats"),
    path("personer/<int:person_id>/matchning/", views.person_matchning, name="person"),
    path(
        "personer/<int:person_id>/matchning/profil/",
        views.kompetensprofil_edit,
        name="kompetensprofil",
    ),
    path("personer/<int:person_id>/praktik/ny/", views.praktik_create, name="praktik_create"),
    path("praktik/<int:pk>/avsluta/", views.praktik_end, name="praktik_end"),
    path("uppfoljningar/<int:pk>/genomford/", views.uppfoljning_done, name="uppfoljning_done"),
    path("personer/<int:person_id>/samtycke/nytt/", views.samtycke_create, name="samtycke_create"),
    path("samtycken/<int:pk>/aterkalla/", views.samtycke_withdraw, name="samtycke_withdraw"),
    path(
        "samtycken/<int:pk>/matcha/",
        views.volontarmatchning_create,
        name="volontarmatchning_create",
    ),
    path("volontarer/", views.volontar_list, name="volontarer"),
    path("volontarer/ny/", views.volontar_create, name="volontar_create"),
    path("volontarer/<int:pk>/", views.volontar_detail, name="volontar"),
    path("volontarer/<int:pk>/utdrag/", views.volontar_check_record, name="volontar_utdrag"),
    path("volontarmatchningar/<int:pk>/traff/", views.traff_create, name="traff_create"),
    path("foreningar/", views.foreningar, name="foreningar"),
    path("foreningar/ny/", views.forening_create, name="forening_create"),
    path("foreningar/<int:pk>/kontakt/", views.forening_kontakt, name="forening_kontakt"),
    path("bidrag/ny/", views.ansokan_create, name="ansokan_create"),
    path("bidrag/<int:pk>/", views.ansokan_detail, name="ansokan"),
    path("bidrag/<int:pk>/<slug:steg>/", views.ansokan_step, name="ansokan_step"),
    path("motesplatser/", views.motesplatser, name="motesplatser"),
    path("motesplatser/ny/", views.motesplats_create, name="motesplats_create"),
    path("motesplatser/aktivitet/ny/", views.arrangemang_create, name="arrangemang_create"),
    path("natverksmoten/ny/", views.natverksmote_create, name="natverksmote_create"),
    path("kalender/<slug:kommun>/", views.kalender, name="kalender"),
    path("matchning/uppfoljning/", views.uppfoljning, name="uppfoljning"),
]
