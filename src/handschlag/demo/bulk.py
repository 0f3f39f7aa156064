"""Fast writes for the demo crowd: prepared multi-row inserts and load-time SQLite tuning.

The ORM's ``bulk_create`` builds a model instance per row, which alone would take longer
than the 15 minutes a million-member benchmark network may take; these helpers write
precomputed tuples instead. They are for the demo generator only.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.db import connection, models
from django.db.backends.utils import CursorWrapper

if TYPE_CHECKING:
    from _typeshed import SupportsLenAndGetItem

T = TypeVar("T")
Row = tuple[object, ...]


class BulkTable:
    """Rows for one table, written with a single prepared ``INSERT`` via ``executemany``."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        meta = model._meta
        quote = connection.ops.quote_name
        columns = []
        for name in fields:
            field = meta.get_field(name)
            if not isinstance(field, models.Field):
                raise TypeError(f"{model.__name__}.{name} is not a column")
            columns.append(quote(field.column))
        self.table = meta.db_table
        self.copy_sql = f"COPY {quote(meta.db_table)} ({', '.join(columns)}) FROM STDIN"
        # Table and column names come from the models' metadata, quoted; values are parameters.
        self.sql = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        self.rows: list[Row] = []
        self.written = 0

    def flush(self, cursor: CursorWrapper) -> int:
        """Write the collected rows and forget them; returns how many were written."""
        count = len(self.rows)
        if count and connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path, several times faster than executemany.
            with cursor.cursor.copy(self.copy_sql) as copy:
                for row in self.rows:
                    copy.write_row(row)
            self.rows = []
            self.written += count
        elif count:
            # Any: django-stubs types parameters as a union our plain Python values satisfy.
            cursor.executemany(self.sql, cast("list[Any]", self.rows))
            self.rows = []
            self.written += count
        return count


@contextmanager
def bulk_load_session() -> Iterator[None]:
    """Loosen SQLite's durability while the crowd is written, and restore it afterwards.

    A half-written demo database is thrown away anyway, so fsyncs and per-row foreign
    key lookups buy nothing during the load (the generator computes every key itself).
    Inside an outer transaction (tests) PRAGMAs cannot change, so nothing is touched.
    """
    tune = connection.vendor == "sqlite" and not connection.in_atomic_block
    if tune:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA foreign_keys=OFF")
            cursor.execute("PRAGMA cache_size=-131072")  # 128 MiB of page cache
    try:
        yield
    finally:
        if tune:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.execute("PRAGMA cache_size=-2000")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.execute("PRAGMA analysis_limit=1000")
                cursor.execute("PRAGMA optimize")


@contextmanager
def indexes_deferred(tables: Sequence[str]) -> Iterator[None]:
    """Drop the secondary indexes of ``tables`` on SQLite and build them again at the end.

    Building an index once from sorted data is several times faster than updating it row
    by row during a bulk load. Unique indexes are rebuilt too, and so still checked. Only
    outside a transaction (never in tests), where a failed load leaves a database that is
    thrown away anyway.
    """
    if connection.in_atomic_block:
        yield
        return
    if connection.vendor == "postgresql":
        with _postgresql_indexes_deferred(tables):
            yield
        return
    if connection.vendor != "sqlite":
        yield
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Only placeholders are formatted into the query; the table names are parameters.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "  # noqa: S608
            f"AND tbl_name IN ({', '.join(['%s'] * len(tables))}) ORDER BY name",
            list(tables),
        )
        indexes: list[tuple[str, str]] = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _name, sql in indexes:
                cursor.execute(sql)


@contextmanager
def _postgresql_indexes_deferred(tables: Sequence[str]) -> Iterator[None]:
    # Foreign keys are checked row by row during COPY, and every index is updated per row:
    # at 40 million connection rows that is most of the load. Drop them (foreign keys
    # first, then unique constraints, then plain indexes), build them once at the end
    # (in the reverse order; adding a foreign key validates every row in one query).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype "
            "FROM pg_constraint c WHERE c.contype IN ('f', 'u') "
            "AND c.conrelid::regclass::text = ANY(%s) ORDER BY c.contype, c.conname",
            [list(tables)],
        )
        constraints: list[tuple[str, str, str, str]] = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid::regclass::text = ANY(%s) "
            "AND NOT i.indisprimary AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            "ORDER BY 1",
            [list(tables)],
        )
        indexes: list[tuple[str, str]] = cursor.fetchall()
        for table, name, _definition, _kind in constraints:  # 'f' sorts before 'u'
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for _name, sql in indexes:
                cursor.execute(sql)
            for table, name, definition, _kind in reversed(constraints):
                quoted = connection.ops.quote_name(name)
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quoted} {definition}")
            cursor.execute("RESET maintenance_work_mem")
            for table in tables:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def weighted_table(items: Sequence[int], weights: Sequence[float], size: int = 1000) -> list[int]:
    """A list in which each item occurs by its weight, so ``rng.choice`` draws weighted fast."""
    total = sum(weights)
    table: list[int] = []
    for item, weight in zip(items, weights, strict=True):
        table.extend([item] * max(1, round(size * weight / total)))
    return table


class QuickRandom(random.Random):
    """``random.Random`` whose ``choice``/``randint``/``randrange`` scale one float draw.

    The standard methods draw integers by rejection sampling, three times slower; the
    float's bias (below 2**-50 for the small ranges used here) is irrelevant for demo data.
    """

    def choice(self, seq: SupportsLenAndGetItem[T]) -> T:
        """One item of ``seq``, with a single draw."""
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        """An integer from ``a`` to ``b`` inclusive, with a single draw."""
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:
        """An integer of ``range(start, stop)`` (step 1 only), with a single draw."""
        if stop is None:
            start, stop = 0, start
        if step != 1:
            return super().randrange(start, stop, step)
        return start + int(self.random() * (stop - start))
