"""The knowledge base of the Handreiking, independent of the site engine.

The content model and its loader (YAML with line numbers, Dutch messages), the safety checks, the
pre-build step that turns the data into Markdown pages, the post-build steps over the built site
and the link check. Nothing here imports MkDocs: ``macros/`` adapts this package to MkDocs and
mkdocs-macros.
"""
