import importlib
import importlib.util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo: users for every role and sample content from each app's demo.py (idempotent). "
        "Run load_gothenburg first."
    )

    def handle(self, *args, **options):
        logins = []
        with transaction.atomic():
            for module in self._demo_modules():
                logins += module.load() or []
        self.stdout.write(self.style.SUCCESS("Demo loaded. Log in at /konto/login/ as:"))
        for role, email, password in logins:
            self.stdout.write(f"  {role:<28} {email:<40} password: {password}")

    def _demo_modules(self):
        """Yield each Delaktig app's demo module, in INSTALLED_APPS order (accounts before the rest)."""
        for config in apps.get_app_configs():
            name = f"{config.name}.demo"
            if config.name.startswith("delaktig.") and importlib.util.find_spec(name):
                yield importlib.import_module(name)
