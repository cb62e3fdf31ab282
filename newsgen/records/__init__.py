"""Records: `articles/<slug>.md`, the archive's source of truth, and seeds into them.

`record_file` reads and writes one record (`fields` checks its front matter,
`markup` its body); `store` holds every record and is the only code that writes them;
`cached`, `stub` and `serial` are a record's form in the catalog; `seeds`,
`listing` and `intake` find seeds and turn new or changed ones into records.
"""
