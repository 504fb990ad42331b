import flask_script

from shop import create_app

manager = flask_script.Manager(create_app)

if __name__ == "__main__":
    manager.run()
