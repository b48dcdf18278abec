"""reportgen lint: any report checked as a reviewer would (text rules in
``rules``, the GB/T 9704 page of a .docx in ``page``, one file in ``linting``)."""
