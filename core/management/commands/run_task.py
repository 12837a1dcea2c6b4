import json
import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run a registered Celery task in-process and print its return value: run_task <name> [json kwargs]"

    def add_arguments(self, parser):
        parser.add_argument("name", nargs="?", help="Celery task name, e.g. tenants.classify_lease_statuses")
        parser.add_argument(
            "kwargs", nargs="?", default="{}", help="JSON object of keyword arguments, e.g. '{\"limit\": 10}'"
        )
        parser.add_argument("--list", action="store_true", help="List the registered task names")

    def handle(self, *args, **opts):
        from celery import current_app as app  # the project's app (config.celery), without core importing config

        app.loader.import_default_modules()
        ours = sorted(n for n in app.tasks if not n.startswith("celery."))
        if opts["list"] or not opts["name"]:
            for n in ours:
                self.stdout.write(n)
            return
        name = opts["name"]
        try:
            kwargs = json.loads(opts["kwargs"])
        except json.JSONDecodeError as exc:
            raise CommandError(f"kwargs must be a JSON object: {exc}") from exc
        if not isinstance(kwargs, dict):
            raise CommandError("kwargs must be a JSON object.")
        if name not in app.tasks:
            raise CommandError(f"Unknown task '{name}'. Registered: {', '.join(ours) or '(none)'}")
        started = time.perf_counter()
        result = app.tasks[name].run(**kwargs)
        elapsed = time.perf_counter() - started
        out = result if isinstance(result, str) else json.dumps(result, indent=2, default=str)
        self.stdout.write(out)
        self.stderr.write(f"({name} finished in {elapsed:.2f}s)")
