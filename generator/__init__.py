"""reportgen: drafts a government body's annual report on building
rule-of-law government (法治政府建设年度报告) from a YAML input."""

__version__ = "0.1.0"
