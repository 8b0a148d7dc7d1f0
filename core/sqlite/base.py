"""Django's SQLite backend, with the threads of one process taking turns to write.

SQLite lets one writer at a time. The others poll, sleeping up to 100 ms between tries, until
the busy timeout; that polling is unfair under a crowd. With 200 residents saving at once on
`make run`'s threaded server, one request kept losing the race for 10 s while the rest went
through, and a slower machine passed the 20 s timeout: "database is locked", a server error.
Here a process's threads queue for their write in arrival order and sleep until it is theirs.
Writers in other processes (the task worker) still meet SQLite's own busy timeout, and so does
a thread that waited a whole timeout in the queue: waiting longer could hang two writers that
wait for each other.
"""

from __future__ import annotations

import threading
from collections import deque
from contextlib import contextmanager, nullcontext
from functools import lru_cache

from django.db.backends.sqlite3 import base

# Statements that take SQLite's write lock when run outside a transaction.
WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class WriteTurns:
    """A first-come, first-served lock whose waiters give up after a timeout."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._taken = False

    def take(self, timeout: float) -> bool:
        with self._guard:
            if not self._taken:
                self._taken = True
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout):
            return True
        with self._guard:
            if turn.is_set():  # handed over just as the wait ran out
                return True
            self._waiting.remove(turn)
            return False

    def give_back(self) -> None:
        with self._guard:
            if self._waiting:
                self._waiting.popleft().set()  # handed straight to the next: stays taken
            else:
                self._taken = False

    @contextmanager
    def turn(self, timeout: float):
        taken = self.take(timeout)
        try:
            yield
        finally:
            if taken:
                self.give_back()


_turns_per_file: dict[str, WriteTurns] = {}
_turns_guard = threading.Lock()


def turns_for(database_name: str) -> WriteTurns:
    with _turns_guard:
        return _turns_per_file.setdefault(database_name, WriteTurns())


def _is_write(query: str) -> bool:
    return query.lstrip()[:7].upper().startswith(WRITE_VERBS)


@lru_cache(maxsize=128)
def _in_qmark_style(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class Cursor(base.SQLiteCursorWrapper):
    """Django's cursor, remembering each statement's conversion to SQLite's "?" placeholders.

    Django converts every statement anew with a regular expression, which costs more than
    running a short statement (13 µs for the autosave's read); a process runs the same few
    statements over and over.
    """

    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _in_qmark_style(query)
        return super().convert_query(query, param_names=param_names)


class TurnTakingCursor(Cursor):
    """A single write outside a transaction (an autocommit INSERT) waits for its turn too."""

    def __init__(self, connection, turns: WriteTurns, timeout: float):
        super().__init__(connection)
        self.turns = turns
        self.timeout = timeout

    def execute(self, query, params=None):
        if self.connection.in_transaction or not _is_write(query):
            return super().execute(query, params)
        with self.turns.turn(self.timeout):
            return super().execute(query, params)

    def executemany(self, query, param_list):
        if self.connection.in_transaction or not _is_write(query):
            return super().executemany(query, param_list)
        with self.turns.turn(self.timeout):
            return super().executemany(query, param_list)


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._turns: WriteTurns | None = None
        self._turn_timeout = 5.0  # sqlite3's own default busy timeout
        self._holds_turn = False

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        # Known once the connection opens (a test database gets its name after the wrapper is
        # made). A database in memory is one process's own: nothing to queue for.
        name = str(self.settings_dict["NAME"])
        self._turns = None if self.is_in_memory_db() else turns_for(name)
        self._turn_timeout = float(conn_params.get("timeout", self._turn_timeout))
        return connection

    def create_cursor(self, name=None):
        turns, timeout = self._turns, self._turn_timeout
        if turns is None:
            return self.connection.cursor(factory=Cursor)
        return self.connection.cursor(
            factory=lambda connection: TurnTakingCursor(connection, turns, timeout)
        )

    def _start_transaction_under_autocommit(self):
        # Transactions begin IMMEDIATE (settings): the write lock is SQLite's from BEGIN to the
        # end, so the turn is held as long.
        if self._turns is not None and not self._holds_turn:
            self._holds_turn = self._turns.take(self._turn_timeout)
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._end_turn()
            raise

    def _set_autocommit(self, autocommit):
        super()._set_autocommit(autocommit)
        if autocommit:  # the outermost atomic block has ended
            self._end_turn()

    def _close(self):
        try:
            super()._close()
        finally:
            self._end_turn()

    @contextmanager
    def write_transaction(self):
        """A few statements as one IMMEDIATE transaction, in autocommit mode (no atomic block).

        What `transaction.atomic` does here without its bookkeeping (switching autocommit off
        and on again, a cursor for BEGIN): some 20 µs of an autosave's 900. Nothing inside may
        ask for a savepoint or an on_commit hook.
        """
        self.ensure_connection()
        raw = self.connection
        with self._turns.turn(self._turn_timeout) if self._turns else nullcontext():
            with self.wrap_database_errors:
                raw.execute("BEGIN IMMEDIATE")
            try:
                yield
                with self.wrap_database_errors:
                    raw.commit()
            except BaseException:
                if raw.in_transaction:
                    with self.wrap_database_errors:
                        raw.rollback()
                raise

    def _end_turn(self) -> None:
        if self._holds_turn:
            self._holds_turn = False
            self._turns.give_back()
