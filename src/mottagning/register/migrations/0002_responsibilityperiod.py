"""ResponsibilityPeriod, until now in the cases app, becomes the register's (same table), and
gains the committee the unit answered to, so a change of committee starts a new period."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("register", "0001_initial"),
        # The cases app lets go of the model first, so both never hold it at once.
        ("cases", "0003_periods_to_register_transition_text"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ResponsibilityPeriod",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("omrade", models.CharField(max_length=40, verbose_name="område")),
                        ("arbete", models.CharField(max_length=30, verbose_name="arbete")),
                        ("fran", models.DateField(verbose_name="från")),
                        ("till", models.DateField(blank=True, null=True, verbose_name="till")),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                to="register.municipality",
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="ansvarsperioder",
                                to="register.person",
                            ),
                        ),
                        (
                            "unit",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="ansvarsperioder",
                                to="register.unit",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "ansvarsperiod",
                        "verbose_name_plural": "ansvarsperioder",
                        "db_table": "cases_responsibilityperiod",
                        "indexes": [
                            models.Index(
                                fields=["unit", "fran"], name="cases_respo_unit_id_ca83a3_idx"
                            ),
                            models.Index(
                                fields=["person", "unit"], name="cases_respo_person__2da7e3_idx"
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="responsibilityperiod",
            name="committee",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="ansvarsperioder",
                to="register.committee",
                verbose_name="nämnd",
            ),
        ),
    ]
