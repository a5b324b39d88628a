"""ResponsibilityPeriod moves to the register app (its table stays where it is): the register
decides visibility from it and must not import cases. Transitions keep the rules core's own
sentence and sources, so any code the core adds needs no new choice here."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_handover_datum")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ResponsibilityPeriod")],
            database_operations=[],
        ),
        migrations.AlterField(
            model_name="transition",
            name="typ",
            field=models.CharField(max_length=40, verbose_name="typ"),
        ),
        migrations.AddField(
            model_name="transition",
            name="beskrivning",
            field=models.CharField(blank=True, max_length=300, verbose_name="beskrivning"),
        ),
        migrations.AddField(
            model_name="transition",
            name="kalla",
            field=models.TextField(blank=True, verbose_name="källa"),
        ),
    ]
