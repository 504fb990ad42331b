import os

from flask_script import Command, Manager

from shop import create_app

manager = Manager(create_app)


class Gunicorn(Command):
    """Serves the application with gunicorn."""

    def run(self):
        os.execvp("gunicorn", ["gunicorn", "--bind", "0.0.0.0:8000", "shop:create_app()"])


manager.add_command("serve", Gunicorn())

if __name__ == "__main__":
    manager.run()
