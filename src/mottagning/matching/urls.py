from django.urls import URLPattern, path

from mottagning.config import converters  # noqa: F401  # registers <id:...>
from mottagning.matching import views

app_name = "matching"


def _katalog() -> list[URLPattern]:
    """Create, edit, close, reopen and delete for each kind of the catalogue, under its own
    path: `<kind>_create`, `<kind>_update`, `<kind>_close`, `<kind>_reopen`, `<kind>_delete`."""
    patterns = []
    for kind, k in views.KATALOG.items():
        kwargs = {"kind": kind}
        patterns += [
            path(f"{k.prefix}ny/", views.katalog_create, kwargs, name=f"{kind}_create"),
            path(f"{k.prefix}<id:pk>/andra/", views.katalog_update, kwargs, name=f"{kind}_update"),
            path(f"{k.prefix}<id:pk>/avsluta/", views.katalog_close, kwargs, name=f"{kind}_close"),
            path(
                f"{k.prefix}<id:pk>/ateroppna/",
                views.katalog_reopen,
                kwargs,
                name=f"{kind}_reopen",
            ),
            path(
                f"{k.prefix}<id:pk>/ta-bort/", views.katalog_delete, kwargs, name=f"{kind}_delete"
            ),
        ]
    return patterns


urlpatterns = [
    path("praktikbank/", views.praktikbank, name="praktikbank"),
    path(
        "praktikbank/arbetsgivare/<id:pk>/kontakt/",
        views.kontakt_create,
        {"kind": "arbetsgivare"},
        name="arbetsgivare_kontakt",
    ),
    path("praktikbank/platser/<id:pk>/", views.praktikplats_detail, name="praktikplats"),
    path("personer/<id:person_id>/matchning/", views.person_matchning, name="person"),
    path(
        "personer/<id:person_id>/matchning/profil/",
        views.kompetensprofil_edit,
        name="kompetensprofil",
    ),
    path("personer/<id:person_id>/praktik/ny/", views.praktik_create, name="praktik_create"),
    path("praktik/<id:pk>/avsluta/", views.praktik_end, name="praktik_end"),
    path("uppfoljningar/<id:pk>/genomford/", views.uppfoljning_done, name="uppfoljning_done"),
    path("personer/<id:person_id>/samtycke/nytt/", views.samtycke_create, name="samtycke_create"),
    path("samtycken/<id:pk>/aterkalla/", views.samtycke_withdraw, name="samtycke_withdraw"),
    path(
        "samtycken/<id:pk>/matcha/",
        views.volontarmatchning_create,
        name="volontarmatchning_create",
    ),
    path("volontarer/", views.volontar_list, name="volontarer"),
    path("volontarer/<id:pk>/", views.volontar_detail, name="volontar"),
    path("volontarer/<id:pk>/utdrag/", views.volontar_check_record, name="volontar_utdrag"),
    path("volontarmatchningar/<id:pk>/traff/", views.traff_create, name="traff_create"),
    path("foreningar/", views.foreningar, name="foreningar"),
    path(
        "foreningar/<id:pk>/kontakt/",
        views.kontakt_create,
        {"kind": "forening"},
        name="forening_kontakt",
    ),
    path("bidrag/ny/", views.ansokan_create, name="ansokan_create"),
    path("bidrag/<id:pk>/", views.ansokan_detail, name="ansokan"),
    path("bidrag/<id:pk>/<slug:steg>/", views.ansokan_step, name="ansokan_step"),
    path("motesplatser/", views.motesplatser, name="motesplatser"),
    path("motesplatser/aktivitet/ny/", views.arrangemang_create, name="arrangemang_create"),
    path("natverksmoten/ny/", views.natverksmote_create, name="natverksmote_create"),
    path("kontakter/<id:pk>/ta-bort/", views.kontakt_delete, name="kontakt_delete"),
    path("kalender/<slug:kommun>/", views.kalender, name="kalender"),
    path("matchning/uppfoljning/", views.uppfoljning, name="uppfoljning"),
    *_katalog(),
]
