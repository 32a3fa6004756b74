"""`cityimpact create_user NAME --role city_staff --city espoo`: add a person with a role."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cityimpact.accounts.models import User
from cityimpact.accounts.roles import Role
from cityimpact.accounts.services import user_create
from cityimpact.core.models import City


class Command(BaseCommand):
    help = "Create a user with one or more roles; city staff also need --city."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--role", action="append", choices=Role.values, default=[], help="Repeat for more."
        )
        parser.add_argument("--city", help="Slug of the city a staff member works for.")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input instead of asking for it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"A user named {options['username']!r} already exists.")
        city = None
        if options["city"]:
            try:
                city = City.objects.get(slug=options["city"])
            except City.DoesNotExist as error:
                raise CommandError(f"No city with the slug {options['city']!r}.") from error
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
        try:
            validate_password(password)
            user = user_create(
                username=options["username"],
                password=password,
                email=options["email"],
                roles={Role(role) for role in options["role"]},
                city=city,
            )
        except (ValidationError, ValueError) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError(" ".join(messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Created {user.username}."))
