"""Reading a published report (.docx, .html, .txt, .md) into the model:
files to paragraphs (``reading``), site clutter dropped (``clutter``),
numbering and parts found (``outline``), numbers turned into metrics
(``metrics``), and the YAML written (``yamlout``); ``importer`` ties them."""
