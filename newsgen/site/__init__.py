"""The site: records into pages, and pages into HTML, with no disk I/O.

`model` lays out every listing, `urls` names every output path, `pages` plans every
HTML page with its template and context, `render` runs Jinja over them; `feeds`,
`sitemap` and `search` make the other files a site serves.
"""
