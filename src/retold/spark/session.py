"""The Spark session: what it needs (pyspark, Java 17+), how it starts, how it is set up.

pyspark is imported here and only when the Spark engine is chosen: the base install
does not need it. A local run binds to 127.0.0.1 with the web UI off and runs its
Python workers on the driver's interpreter (`PYSPARK_PYTHON`), so that every worker
hashes n-grams exactly as the driver's Python does. Under `spark-submit` the session
spark-submit made is used as it is: its master, its Python.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from retold.errors import CorpusError

MIN_JAVA = 17
INSTALL_PYSPARK = "pip install 'retold[spark]'"
INSTALL_JAVA = "apt-get install -y openjdk-17-jre-headless, or set JAVA_HOME to a Java 17+"

# Settings of every session retold starts; --conf KEY=VALUE overrides them.
DEFAULTS: Mapping[str, str] = {
    "spark.sql.adaptive.enabled": "true",  # coalesces small shuffles, splits skewed joins
    "spark.sql.adaptive.skewJoin.enabled": "true",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "500",  # rows carry whole texts
    "spark.sql.session.timeZone": "UTC",
    "spark.ui.showConsoleProgress": "false",
}
LOCAL: Mapping[str, str] = {
    "spark.ui.enabled": "false",
    "spark.driver.bindAddress": "127.0.0.1",
    "spark.driver.host": "127.0.0.1",
}


def java_version(java: str) -> int | None:
    """The major version of this `java` (8 for "1.8.0_292"), None when it will not run."""
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not found:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def find_java() -> str | None:
    """The `java` Spark will start: $JAVA_HOME/bin/java, else the one on PATH."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / "java"
        return str(candidate) if candidate.exists() else None
    return shutil.which("java")


def check_requirements() -> None:
    """Raise a CorpusError saying what to install when pyspark or Java 17+ is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise CorpusError(
            f"the spark engine needs pyspark, pandas and pyarrow ({exc.name} is not installed)",
            hint=INSTALL_PYSPARK,
        ) from exc
    java = find_java()
    if java is None:
        where = "JAVA_HOME" if os.environ.get("JAVA_HOME") else "PATH"
        raise CorpusError(
            f"the spark engine needs Java {MIN_JAVA}+ and none is on {where}", hint=INSTALL_JAVA
        )
    version = java_version(java)
    if version is None or version < MIN_JAVA:
        found = f"Java {version}" if version else "a java that does not run"
        raise CorpusError(
            f"the spark engine needs Java {MIN_JAVA}+, found {found} ({java})", hint=INSTALL_JAVA
        )


def is_local(master: str) -> bool:
    return master.startswith("local")


def submitted() -> bool:
    """Is this process the driver of a `spark-submit` (which made the JVM already)?"""
    return "PYSPARK_GATEWAY_PORT" in os.environ


@contextmanager
def session(master: str | None, conf: Mapping[str, str] | None = None) -> Iterator[Any]:
    """A SparkSession: the active one when there is one (a notebook, a test, spark-submit),
    kept running afterwards; else a new one on `master` (default local[*]), stopped at the
    end."""
    check_requirements()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    builder = SparkSession.builder.appName("retold scan")
    settings = dict(DEFAULTS)
    settings.update(conf or {})
    if not submitted():
        master = master or "local[*]"
        builder = builder.master(master)
        # workers run this interpreter: the n-gram hashes depend on the Python version
        if is_local(master):
            settings = {**LOCAL, **settings}
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            os.environ["PYSPARK_PYTHON"] = sys.executable
        elif "spark.pyspark.python" not in settings:
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        yield spark
    finally:
        spark.stop()


def parse_conf(pairs: tuple[str, ...]) -> dict[str, str]:
    """--conf KEY=VALUE options as a dict; a pair without '=' is a usage error."""
    conf = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CorpusError(
                f"--conf {pair!r} is not KEY=VALUE", hint="e.g. --conf spark.executor.memory=4g"
            )
        conf[key.strip()] = value
    return conf
