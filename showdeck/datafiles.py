"""The files of a show's data folder and how large one may be: what a build reads into its snapshot.

Kept apart from the loader (which needs pydantic) so that a build whose inputs are unchanged can
hash them and stop without loading the validator.
"""

from __future__ import annotations

SHOW_FILE = "show.toml"
EPISODES_FILE = "episodes.csv"
MILESTONES_FILE = "milestones.csv"
SOURCES_FILE = "sources.csv"
CLAIMS_FILE = "claims.csv"
ARTICLE_FILE = "article.md"
#: Every file the loader reads, in the order it reads them.
DATA_FILES = (SHOW_FILE, EPISODES_FILE, MILESTONES_FILE, SOURCES_FILE, CLAIMS_FILE, ARTICLE_FILE)
#: Bytes in one data file (the largest real one is 27 kB).
MAX_FILE_BYTES = 1_000_000
