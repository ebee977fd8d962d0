"""The one error the engines raise for input a person can fix."""


class EngineInputError(ValueError):
    """Bad input (a malformed file, impossible parameters), with a message meant for a person.

    The message names the file, line or row and what is wrong; the CLI prints it on one line
    and exits with status 2.
    """
