"""The login counters."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies: list = []
    operations = [
        migrations.CreateModel(
            name="LoginCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=80, unique=True)),
                ("started", models.DateTimeField()),
                ("count", models.PositiveIntegerField(default=0)),
            ],
            options={"verbose_name": "Anmeldezähler", "verbose_name_plural": "Anmeldezähler"},
        ),
    ]
