"""The `spark-submit` entry point: `retold scan --engine spark` with spark-submit's session.

    spark-submit --master yarn --archives retold-env.tar.gz#env \\
        --conf spark.pyspark.python=./env/bin/python \\
        "$(python -c 'import retold.spark.submit as m; print(m.__file__)')" \\
        s3a://bucket/crawl/ --work s3a://bucket/retold-work \\
        -o s3a://bucket/pairs --output-format jsonl-dir

Arguments are those of `retold scan` after `--engine spark` (the engine is implied).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from retold.cli import main as cli

    cli(["scan", "--engine", "spark", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
