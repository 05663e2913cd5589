"""The steps of the demo content command. Each app registers its own in AppConfig.ready() (or, for portal,
in the command module), so `load_demo_content` fills every app without portal importing the others.

A step is a callable taking the command's stdout and returning a one-line summary.
"""

_steps = {}


def register_step(label, step, position=50):
    _steps[label] = (position, step)


def steps():
    return [(label, step) for label, (position, step) in sorted(_steps.items(), key=lambda item: item[1][0])]
