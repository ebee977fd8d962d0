"""Django's database session store, reading a session with one plain SQL query.

Every request of a logged-in resident begins by reading its session. Building that query through the
ORM costs the web process several times what the database spends answering it, and on the busiest
path (a vote) it was a fifth of the request; the query itself is the ORM's own.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        connection = connections[router.db_for_read(self.model)]
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {table} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # unknown or expired: the visitor starts a new session
            return None
        return self.model(session_key=self.session_key, session_data=row[0])
