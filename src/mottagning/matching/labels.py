"""The Swedish labels of matching.codes' vocabularies, translated; and the sentences that
explain a match (matching.ranking's criteria). The codes and their sources are in codes.py."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mottagning.matching import codes
from mottagning.matching.ranking import Skal

SVENSKA: dict[str, Promise] = {
    "ingen": _("Ingen svenska ännu"),
    "sfi_a": _("Sfi kurs A"),
    "sfi_b": _("Sfi kurs B"),
    "sfi_c": _("Sfi kurs C"),
    "sfi_d": _("Sfi kurs D"),
    "sva_grund": _("Svenska som andraspråk, grundläggande"),
    "sva_gymnasial": _("Svenska som andraspråk, gymnasial"),
    "flytande": _("Flytande svenska"),
}
UTBILDNING: dict[str, Promise] = {
    "ingen": _("Ingen formell utbildning"),
    "forgymnasial": _("Förgymnasial (grundskola eller motsvarande)"),
    "gymnasial": _("Gymnasial"),
    "eftergymnasial": _("Eftergymnasial"),
}
VOLONTARINSATSER: dict[str, Promise] = {
    "van": _("Vän/språkvän"),
    "vagvisare": _("Vägvisare"),
    "laxhjalp": _("Läxhjälp"),
}
PRAKTIK_UTFALL: dict[str, Promise] = {
    "arbete": _("Arbete"),
    "studier": _("Studier"),
    "fortsatt_sokande": _("Fortsatt sökande"),
}
BIDRAG_STATUS: dict[str, Promise] = {
    "ansokt": _("Ansökt"),
    "beviljat": _("Beviljat"),
    "avslaget": _("Avslaget"),
    "utbetalt": _("Utbetalt"),
    "aterrapporterat": _("Återrapporterat"),
}
BIDRAG_SYFTE: dict[str, Promise] = {
    "motesplats": _("Mötesplats"),
    "sprak": _("Språkträning"),
    "fritid": _("Idrott och fritid"),
    "foraldrastod": _("Föräldrastöd"),
    "samhallsinformation": _("Samhällsinformation"),
    "annat": _("Annat integrationsfrämjande"),
}
TRAFF_SLAG: dict[str, Promise] = {
    "fysiskt": _("Träff"),
    "telefon": _("Telefon eller video"),
    "aktivitet": _("Gemensam aktivitet"),
}
SAMTYCKE_ANDAMAL: dict[str, Promise] = {"volontar": _("Matchning med volontär")}

# Every vocabulary with its labels, so a test can check that no code lacks one.
VOCABULARIES: tuple[tuple[tuple[str, ...], dict[str, Promise]], ...] = (
    (codes.SVENSKA, SVENSKA),
    (codes.UTBILDNING, UTBILDNING),
    (codes.VOLONTARINSATSER, VOLONTARINSATSER),
    (codes.PRAKTIK_UTFALL, PRAKTIK_UTFALL),
    (codes.BIDRAG_STATUS, BIDRAG_STATUS),
    (codes.BIDRAG_SYFTE, BIDRAG_SYFTE),
    (codes.TRAFF_SLAG, TRAFF_SLAG),
    (codes.SAMTYCKE_ANDAMAL, SAMTYCKE_ANDAMAL),
)


def choices(vocabulary: tuple[str, ...], labels: dict[str, Promise]) -> list[tuple[str, Promise]]:
    return [(code, labels[code]) for code in vocabulary]


def reason(skal: Skal) -> str:
    """One criterion of a match, as a sentence with its points."""
    points = skal.poang
    text: object
    match skal.kod:
        case "yrkesmal":
            text = _("Yrkesmålet %(kod)s %(namn)s") % {
                "kod": skal.varde,
                "namn": codes.ssyk_name(skal.varde),
            }
        case "erfarenhet":
            text = _("Erfarenhet av %(kod)s %(namn)s") % {
                "kod": skal.varde,
                "namn": codes.ssyk_name(skal.varde),
            }
        case "ort":
            text = _("Bor i %(ort)s där platsen finns") % {"ort": skal.varde}
        case "svenska":
            text = _("Svenskan (%(niva)s) över platsens krav") % {"niva": SVENSKA[skal.varde]}
        case "praktik_i_plan":
            text = _("Praktik finns i den individuella planen")
        case "krav_svenska":
            return str(_("Platsen kräver minst %(niva)s") % {"niva": SVENSKA[skal.varde]})
        case "krav_utbildning":
            return str(_("Platsen kräver utbildning: %(niva)s") % {"niva": UTBILDNING[skal.varde]})
        case "krav_korkort":
            return str(_("Platsen kräver körkort %(klass)s") % {"klass": skal.varde})
        case "full":
            return str(_("Platsen är full"))
        case "redan_har":
            return str(_("Personen gör redan praktik på platsen"))
        case "period_slut":
            return str(_("Platsens period slutade %(datum)s") % {"datum": skal.varde})
        case _:
            return skal.kod
    return str(_("%(text)s: %(poang)s poäng") % {"text": text, "poang": points})
