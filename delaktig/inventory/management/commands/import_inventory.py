from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from delaktig.accounts.models import User
from delaktig.core.errors import DomainError
from delaktig.inventory.imports import plan_import, read_rows
from delaktig.inventory.services import inventory_import


class Command(BaseCommand):
    help = (
        "Import the democracy inventory from a CSV or XLSX file: every row or none. "
        "With --dry-run, list every row's problem and write nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the .csv or .xlsx file")
        parser.add_argument("--dry-run", action="store_true", help="check the file only")
        parser.add_argument("--actor", default="", help="e-mail of the account the audit trail names")

    def handle(self, *args, path: Path, dry_run: bool, actor: str, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        user = User.objects.filter(email__iexact=actor).first() if actor else None
        if actor and user is None:
            raise CommandError(f"No account with the e-mail {actor}")
        content = path.read_bytes()
        try:
            plan = plan_import(read_rows(content, path.name))
            for problem in plan.problems:
                self.stderr.write(_("Row %(row)s: %(message)s") % {"row": problem.row, "message": problem.message})
            if not plan.ok:
                raise CommandError(_("Nothing was imported: correct the problems above."))
            if dry_run:
                self.stdout.write(_("%(count)s rows can be imported.") % {"count": len(plan.rows)})
                return
            initiatives = inventory_import(content=content, filename=path.name, actor=user)
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(self.style.SUCCESS(_("%(count)s initiatives were imported.") % {"count": len(initiatives)}))
