# The samordnare role (issue 14), after the förtroendevald role (issue 13): both branches altered the choices.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_fortroendevald_role"),
    ]

    operations = [
        migrations.AlterField(
            model_name="accessgrant",
            name="roll",
            field=models.CharField(
                blank=True,
                choices=[
                    ("handlaggare", "Handläggare"),
                    ("enhetschef", "Enhetschef"),
                    ("ekonom", "Ekonom"),
                    ("strateg", "Strateg"),
                    ("revisor", "Revisor"),
                    ("administrator", "Administratör"),
                    ("fortroendevald", "Förtroendevald"),
                    ("samordnare", "Samordnare"),
                ],
                max_length=20,
                verbose_name="roll",
            ),
        ),
        migrations.AlterField(
            model_name="historicalaccessgrant",
            name="roll",
            field=models.CharField(
                blank=True,
                choices=[
                    ("handlaggare", "Handläggare"),
                    ("enhetschef", "Enhetschef"),
                    ("ekonom", "Ekonom"),
                    ("strateg", "Strateg"),
                    ("revisor", "Revisor"),
                    ("administrator", "Administratör"),
                    ("fortroendevald", "Förtroendevald"),
                    ("samordnare", "Samordnare"),
                ],
                max_length=20,
                verbose_name="roll",
            ),
        ),
        migrations.AlterField(
            model_name="historicaluserrole",
            name="roll",
            field=models.CharField(
                choices=[
                    ("handlaggare", "Handläggare"),
                    ("enhetschef", "Enhetschef"),
                    ("ekonom", "Ekonom"),
                    ("strateg", "Strateg"),
                    ("revisor", "Revisor"),
                    ("administrator", "Administratör"),
                    ("fortroendevald", "Förtroendevald"),
                    ("samordnare", "Samordnare"),
                ],
                max_length=20,
                verbose_name="roll",
            ),
        ),
        migrations.AlterField(
            model_name="userrole",
            name="roll",
            field=models.CharField(
                choices=[
                    ("handlaggare", "Handläggare"),
                    ("enhetschef", "Enhetschef"),
                    ("ekonom", "Ekonom"),
                    ("strateg", "Strateg"),
                    ("revisor", "Revisor"),
                    ("administrator", "Administratör"),
                    ("fortroendevald", "Förtroendevald"),
                    ("samordnare", "Samordnare"),
                ],
                max_length=20,
                verbose_name="roll",
            ),
        ),
    ]
