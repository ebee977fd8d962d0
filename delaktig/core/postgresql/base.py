"""Django's PostgreSQL backend with a health check that needs no round trip to the server.

Web processes keep their connections between requests (CONN_MAX_AGE), and Django's health check makes
sure one still works before a request uses it: with the stock backend that is a ``SELECT 1`` on every
request, a round trip that costs the server and the web process more than the query a cached proposal
page then runs. An idle connection has nothing to read, though: when the server ends a connection
(restart, fail-over, an idle timeout, ``pg_terminate_backend``) it says so and closes the socket, which
makes it readable. So a connection with nothing waiting is healthy; only when something is waiting
(the end, or a harmless notice) does the stock check run and decide.
"""

import select

from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQLDatabaseWrapper


class DatabaseWrapper(PostgreSQLDatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed or self.connection.broken:
            return False
        try:
            waiting, _writable, _failed = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not waiting or super().is_usable()
