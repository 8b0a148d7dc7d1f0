"""Writers on one SQLite file take turns (core/sqlite): under a crowd nobody is starved into
"database is locked", which Django's own SQLite backend gives about half of these writers."""

import threading
import time

from django.db.utils import ConnectionHandler

from core.sqlite.base import WriteTurns


def test_waiters_get_their_turn_in_the_order_they_came():
    turns = WriteTurns()
    assert turns.take(timeout=1)
    served: list[int] = []
    waiters = []
    for number in range(5):
        waiter = threading.Thread(target=lambda n=number: (turns.take(5), served.append(n)))
        waiter.start()
        waiters.append(waiter)
        time.sleep(0.05)  # each is queued before the next arrives
    for _ in range(5):
        turns.give_back()
        time.sleep(0.05)
    for waiter in waiters:
        waiter.join(timeout=5)
    assert served == [0, 1, 2, 3, 4]


def test_a_waiter_that_gives_up_does_not_hold_up_the_next():
    turns = WriteTurns()
    assert turns.take(timeout=1)
    assert not turns.take(timeout=0.05)  # gave up
    turns.give_back()
    assert turns.take(timeout=0.05)  # free again, not handed to the one who left


def _file_database(tmp_path, timeout: float = 5, **options) -> ConnectionHandler:
    database = {
        "ENGINE": "core.sqlite",
        "NAME": str(tmp_path / "writes.sqlite3"),
        "OPTIONS": {"timeout": timeout, "init_command": "PRAGMA journal_mode=WAL;", **options},
    }
    return ConnectionHandler({"default": database})  # one connection per thread


def _rows(connections: ConnectionHandler) -> list[int]:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT writer FROM saved ORDER BY writer")
        return [row[0] for row in cursor.fetchall()]


def _crowd_writes(connections: ConnectionHandler, writers: int, rounds: int, write_round) -> None:
    """`writers` threads at once, each running `write_round(connection, number)` `rounds`
    times; every one must succeed, and every row it wrote must be there."""
    setup = connections["default"]
    setup.cursor().execute("CREATE TABLE saved (writer integer)")
    setup.close()
    all_at_once = threading.Barrier(writers)
    errors: list[str] = []

    def writer(number: int) -> None:
        connection = connections["default"]
        all_at_once.wait()
        try:
            for _ in range(rounds):
                write_round(connection, number)
        except Exception as error:  # noqa: BLE001 - every failure is the finding
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert _rows(connections) == sorted(n for n in range(writers) for _ in range(rounds * 2))


def _atomic_then_single_write(connection, number: int) -> None:
    # As transaction.atomic() does it on SQLite, holding the write lock a while.
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        connection.cursor().execute("INSERT INTO saved VALUES (%s)", [number])
        time.sleep(0.01)
        connection.commit()
    finally:
        connection.set_autocommit(True)
    # A single write outside a transaction queues as well.
    connection.cursor().execute("INSERT INTO saved VALUES (%s)", [number])


def _two_writes_in_a_write_transaction(connection, number: int) -> None:
    with connection.write_transaction():
        connection.cursor().execute("INSERT INTO saved VALUES (%s)", [number])
        time.sleep(0.01)  # holding the write lock a while, as a save does
        connection.cursor().execute("INSERT INTO saved VALUES (%s)", [number])


def test_forty_threads_writing_at_once_with_a_short_busy_timeout_all_succeed(
    tmp_path, django_db_blocker
):
    connections = _file_database(tmp_path, timeout=1.5, transaction_mode="IMMEDIATE")
    with django_db_blocker.unblock():
        _crowd_writes(connections, 40, 5, _atomic_then_single_write)


def test_a_write_transaction_keeps_both_statements_or_neither(tmp_path, django_db_blocker):
    connections = _file_database(tmp_path)
    with django_db_blocker.unblock():
        connection = connections["default"]
        connection.cursor().execute("CREATE TABLE saved (writer integer)")
        with connection.write_transaction():
            connection.cursor().execute("INSERT INTO saved VALUES (%s)", [1])
            connection.cursor().execute("INSERT INTO saved VALUES (%s)", [2])
        try:
            with connection.write_transaction():
                connection.cursor().execute("INSERT INTO saved VALUES (%s)", [3])
                raise RuntimeError("the second statement failed")
        except RuntimeError:
            pass
        assert not connection.connection.in_transaction
        # The turn was given back: the next writer in this process is not kept waiting.
        assert connection._turns.take(timeout=0.05)
        connection._turns.give_back()
        assert _rows(connections) == [1, 2]
        connection.close()


def test_twenty_threads_in_write_transactions_at_once_all_succeed(tmp_path, django_db_blocker):
    connections = _file_database(tmp_path, timeout=1.5)
    with django_db_blocker.unblock():
        _crowd_writes(connections, 20, 3, _two_writes_in_a_write_transaction)
