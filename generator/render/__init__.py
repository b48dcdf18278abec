"""From context to files: templating on a locality's search path (layers),
the typed document blocks the templates produce, and the writers that turn
a document into .txt, .md, .docx, .html and .pdf bytes."""
