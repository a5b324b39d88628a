"""Test data for the Django apps. Organisation rows are made directly (the profiles are tested
with the rules core); persons go through the services wherever a test is about behaviour."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from mottagning.accounts.models import User, UserRole
from mottagning.cases.models import ResponsibilityPeriod
from mottagning.register.models import Committee, Municipality, Person, Unit

PASSWORD = "ett-langt-testlosenord-42"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("kod",)

    kod = "alingsas"
    namn = "Alingsås kommun"


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    municipality = factory.SubFactory(MunicipalityFactory)
    kod = factory.Sequence(lambda n: f"namnd{n}")
    namn = factory.Sequence(lambda n: f"Nämnd {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    municipality = factory.SubFactory(MunicipalityFactory)
    committee = factory.SubFactory(
        CommitteeFactory, municipality=factory.SelfAttribute("..municipality")
    )
    kod = factory.Sequence(lambda n: f"enhet{n}")
    namn = factory.Sequence(lambda n: f"Enhet {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        for role in extracted or ["handlaggare"]:
            UserRole.objects.create(user=self, roll=role)

    @factory.post_generation
    def units(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if extracted:
            self.units.set(extracted)
        self.save()
        self.forget_access()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    registrerad_av = factory.SubFactory(UnitFactory)
    municipality = factory.SelfAttribute("registrerad_av.municipality")
    fornamn = factory.Sequence(lambda n: f"Förnamn{n}")
    efternamn = factory.Sequence(lambda n: f"Efternamn{n}")
    fodelsedatum = dt.date(2000, 1, 1)


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponsibilityPeriod

    person = factory.SubFactory(PersonFactory)
    municipality = factory.SelfAttribute("person.municipality")
    unit = factory.SubFactory(UnitFactory)
    omrade = "boende"
    arbete = "myndighetsutovning"
    fran = dt.date(2018, 1, 1)
    till = None


def luhn_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def personnummer(date: str, serial: str = "238") -> str:
    """A valid personnummer ÅÅÅÅMMDD-NNNC for the date (and serial), with its check digit."""
    short = date[2:] + serial
    return f"{date}-{serial}{luhn_digit(short)}"


def samordningsnummer(date: str, serial: str = "238") -> str:
    day = int(date[6:8]) + 60
    shifted = f"{date[:6]}{day:02d}"
    short = shifted[2:] + serial
    return f"{shifted}-{serial}{luhn_digit(short)}"
