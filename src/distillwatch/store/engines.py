"""Engine connections: the same Ibis expressions run on DuckDB (default) or PySpark local mode.

``connect("duckdb")`` is an in-process DuckDB; ``connect("spark")`` starts (or reuses) a quiet
PySpark ``local[N]`` session in UTC with few shuffle partitions, sized for one machine. Hash
values differ between engines: keys computed at ingest (hex strings and their ``int64`` form,
``store.key_ints``) are never recomputed here, and no engine hash (:func:`hash64`, DuckDB
only) is stored or decides an order.
"""

from __future__ import annotations

import logging
import os
import sys

import duckdb
import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from distillwatch.exceptions import ConfigError

ENGINES: tuple[str, ...] = ("duckdb", "spark")
DEFAULT_ENGINE = "duckdb"
# A 2-core box gains nothing from Spark's default of 200 shuffle partitions, only overhead.
DEFAULT_SPARK_PARTITIONS = 4
DEFAULT_SPARK_MASTER = "local[2]"


def connect(
    engine: str = DEFAULT_ENGINE,
    *,
    threads: int | None = None,
    spark_master: str = DEFAULT_SPARK_MASTER,
    spark_partitions: int = DEFAULT_SPARK_PARTITIONS,
) -> ibis.BaseBackend:
    """An Ibis backend for ``engine`` ("duckdb" or "spark").

    Both run in UTC so that hour-of-day and day features agree between engines. DuckDB
    also caches the Parquet metadata it reads: every query over the events' read_parquet
    view parses all part files' footers again (binding reads every schema, scans read the
    row-group metadata); cached per file (checked against its modification time), each
    parse happens once. Both settings are local to the connection: a cursor of it gets
    them from :func:`copy_local_settings`.
    """
    if engine == "duckdb":
        con = ibis.duckdb.connect()
        con.raw_sql("SET TimeZone = 'UTC'")
        con.raw_sql("SET parquet_metadata_cache = true")
        if threads is not None:
            con.raw_sql(f"SET threads = {int(threads)}")
        return con
    if engine == "spark":
        return _connect_spark(master=spark_master, partitions=spark_partitions)
    raise ConfigError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")


# Connection-local settings a query's result or cost depends on (TimeZone,
# parquet_metadata_cache, ...) are copied to a cursor; not the progress bar's display.
_NOT_COPIED = frozenset({"enable_progress_bar", "enable_progress_bar_print"})
_SETTINGS = "SELECT name, value FROM duckdb_settings()"


def copy_local_settings(
    first: duckdb.DuckDBPyConnection, cur: duckdb.DuckDBPyConnection
) -> None:
    """Give ``cur`` every connection-local setting of ``first`` that it lacks (a cursor starts
    from the database's global settings)."""
    have = dict(cur.execute(_SETTINGS).fetchall())
    for name, value in first.execute(_SETTINGS + " WHERE scope = 'LOCAL'").fetchall():
        if name not in _NOT_COPIED and have.get(name) != value:
            quoted = str(value).replace("'", "''")
            cur.execute(f"SET {name} = '{quoted}'")


def on_duckdb(t: ir.Table) -> bool:
    """Whether ``t`` runs on DuckDB: the test for DuckDB-only fast paths (64-bit hashes,
    ``min_by`` top-k), which must give what the portable path gives."""
    try:
        return bool(t.get_backend().name == "duckdb")
    except Exception:  # no single backend (or an expression without one): the portable path
        return False


@ibis.udf.scalar.builtin(name="hash")
def hash64(value: str) -> dt.uint64:
    """DuckDB's 64-bit ``hash`` (Ibis' own ``hash()`` casts through BIT, a slow string type).
    DuckDB only (Spark's ``hash`` is 32-bit): features and linkage group on it in place of a
    string once they have checked that no two of the strings share a value."""


def _connect_spark(*, master: str, partitions: int) -> ibis.BaseBackend:
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:  # the [spark] extra is optional
        raise ConfigError(
            "engine 'spark' needs PySpark: pip install 'distillwatch[spark]'"
        ) from exc
    # Spark's JVM start-up chatter goes to log4j; keep the Python side quiet as well.
    logging.getLogger("py4j").setLevel(logging.ERROR)
    # Workers run no Python (no UDFs), but keep them on this interpreter if they ever do.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # A single machine: bind to loopback instead of warning about the hostname.
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master(master)
        .appName("distillwatch")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.extraJavaOptions", "-Duser.timezone=UTC")
        .config("spark.executor.extraJavaOptions", "-Duser.timezone=UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return ibis.pyspark.connect(session)
