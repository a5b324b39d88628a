"""Employers, places, volunteers, associations and meeting places can be closed with a date
(Avslutbar); the volunteer's aktiv flag becomes that date."""

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.utils import timezone


def _inactive_to_closed(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    # No service ever set aktiv to False, so this only carries a hand-made change; its real
    # date is unknown and the day of the migration is the nearest honest one.
    apps.get_model("matching", "Volontar").objects.filter(aktiv=False).update(
        avslutad=timezone.localdate()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="arbetsgivare",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="forening",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="historicalarbetsgivare",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="historicalforening",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="historicalmotesplats",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="historicalpraktikplats",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="historicalvolontar",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="motesplats",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="praktikplats",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.AddField(
            model_name="volontar",
            name="avslutad",
            field=models.DateField(blank=True, null=True, verbose_name="avslutad"),
        ),
        migrations.RunPython(_inactive_to_closed, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="historicalvolontar",
            name="aktiv",
        ),
        migrations.RemoveField(
            model_name="volontar",
            name="aktiv",
        ),
    ]
