"""Replaces (or appends) one '## Title' section of bench/RESULTS.md with the text of a file.

Usage: results.py RESULTS.md "## Title" SECTION_FILE
"""
import re
import sys

HEADER = ("# Benchmark results\n\n"
          "Every figure here was measured side by side in one run on this repository's own machine; the\n"
          "command that produced it is given with it. `bench/run-all` refreshes all of them (see bench/README.md).\n\n")


def main(path, title, section_file):
    section = open(section_file).read().rstrip() + "\n"
    try:
        text = open(path).read()
    except FileNotFoundError:
        text = HEADER
    pattern = re.compile(r"^" + re.escape(title) + r"\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda m: section + "\n", text, count=1)
    else:
        text = text.rstrip() + "\n\n" + section
    open(path, "w").write(text.rstrip() + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
