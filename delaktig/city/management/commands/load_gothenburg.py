from django.core.management.base import BaseCommand

from delaktig.city.services import gothenburg_load


class Command(BaseCommand):
    help = "Create or update Gothenburg's areas, districts, committees and citizen offices (idempotent)."

    def handle(self, *args, **options):
        counts = gothenburg_load()
        self.stdout.write(", ".join(f"{count} {name}" for name, count in counts.items()))
