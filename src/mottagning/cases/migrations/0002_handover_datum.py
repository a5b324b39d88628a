"""Handovers carry their transition's date, and open tasks get a partial index: the worklist's
two slowest questions on a 100,000-person register (bench/bench_web.py) become index ranges."""

import datetime

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.models import OuterRef, Subquery


def copy_dates(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Handover = apps.get_model("cases", "Handover")
    Transition = apps.get_model("cases", "Transition")
    Handover.objects.update(
        datum=Subquery(Transition.objects.filter(pk=OuterRef("transition_id")).values("datum")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="handover",
            name="datum",
            field=models.DateField(default=datetime.date(1970, 1, 1), verbose_name="datum"),
            preserve_default=False,
        ),
        migrations.RunPython(copy_dates, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="handover", name="cases_hando_till_en_3cfb59_idx"),
        migrations.RemoveIndex(model_name="handover", name="cases_hando_fran_en_92e471_idx"),
        migrations.RemoveIndex(model_name="transition", name="cases_trans_ansvari_4a24e9_idx"),
        migrations.AddIndex(
            model_name="handover",
            index=models.Index(
                fields=["till_enhet", "datum"], name="cases_hando_till_en_datum_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="handover",
            index=models.Index(
                fields=["fran_enhet", "datum"], name="cases_hando_fran_en_datum_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="transition",
            index=models.Index(
                condition=models.Q(hanterad__isnull=True),
                fields=["ansvarig_enhet", "datum"],
                name="transition_open_by_unit",
            ),
        ),
    ]
