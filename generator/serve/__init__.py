"""`reportgen serve`: a local web app over a folder of inputs — the
county's dashboard, one report's form with live checks and preview, and
saving back to the YAML (comments and order kept)."""
