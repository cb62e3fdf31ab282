"""What a build remembers, so that every stage skips what did not change.

| tracker | what it remembers | where (catalog) | owner | invalidated by |
|---|---|---|---|---|
| input fingerprint | size and mtime of every input: seeds, records, templates, static files, newsgen's own code (`PACKAGE_DIR`), the config; equal means nothing to do | `meta.inputs` | `incremental/inputs.py` (`InputStats`) | any input's size or mtime; set only after a build without errors |
| render inputs | a hash of templates, static files, newsgen's code and the config: what every page is rendered with | key of `snapshot`; part of every page signature | `incremental/inputs.py` (`InputStats.render_inputs`), `incremental/signature.py` (`theme_signature`) | a template, static file, code or config change: a whole build |
| output marks | the published folder's top-level names, inodes and mtimes | `meta.output` | `incremental/inputs.py` (`output_marks`) | a file or folder of `_site/` changed by hand: the catalog no longer vouches for it |
| seed stats | size, mtime and hash of each seed | `files` | `records/intake.py` | size or mtime moved (then hashed); hash differs from the record's `source_hash` (then parsed) |
| record heads and rows | each record's head (slug, seed, hashes, date, fingerprint, keys set), parsed row, paragraphs and search terms | `heads`, `records` | `records/store.py`, `records/cached.py` | the record file's size or mtime |
| replaced records | the rows of records replaced since the last build, as it saw them | `replaced` | `incremental/catalog.py` (written by `records/store.py`, read by `incremental/delta.py`) | cleared at the end of every build |
| page signatures | per page: a hash of its template, the config, the render inputs and the fingerprints of the records it shows | `outputs` | `incremental/signature.py` | any of those; all of them after a failed build |
| snapshot and page dependencies | the last whole build's model by story number, each story's shape (`site.model.MODEL_READS`), the tally, and which pages each story and term feeds | `snapshot`, `deps` | `incremental/snapshot.py` | other render inputs; a failed build; records that needed analysis at load |
| tree manifests | file → digest of the published and standby trees, under labels a/b, and each tree's inode | `manifests`, `meta.live_ino`/`standby_ino` | `output/writer.py`, `output/standby.py` | a tree whose inode or output marks differ; a failed build |
| session generation | the catalog's generation when a `serve` session's last build ended; the session's records, manifests, snapshot and input stats are trusted only while it holds | `meta.generation` (the session keeps the rest in memory) | `incremental/session.py` | any build by another process, or a failed build |

A catalog of another newsgen version, schema or row format is thrown away whole, and
the next build is a clean one. `delta.py` is the small path: the whole build's stages
scoped to the pages that the changed stories reach (see docs/ARCHITECTURE.md).
"""
