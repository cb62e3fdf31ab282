"""Output: rendered files into the published folder, atomically.

`publish` runs a whole build's pages through rendering into `writer`, which keeps
unchanged files, stages the rest in the standby tree (`standby`) and swaps it in
(`swap`); `assets` are the theme's static files.
"""
