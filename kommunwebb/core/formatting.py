"""Formatting rules for Swedish readers, kept free of Django so they are easy to test."""

UNITS = ["B", "kB", "MB", "GB"]


def swedish_file_size(size: int) -> str:
    """1,234,567 bytes -> "1,2 MB": decimal units as in DIGG's guidance, comma as decimal mark."""
    if size < 0:
        raise ValueError("size must not be negative")
    value = float(size)
    unit = UNITS[0]
    for unit in UNITS:
        if value < 1000 or unit == UNITS[-1]:
            break
        value /= 1000
    if unit == "B":
        return f"{int(value)} B"
    text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    return f"{text.replace('.', ',')} {unit}"


def document_label(extension: str, size: int | None) -> str:
    """("PDF", 2_600_000) -> "pdf, 2,6 MB", the parenthesis the link text ends with."""
    extension = extension.lower().lstrip(".")
    if size is None:
        return extension
    return f"{extension}, {swedish_file_size(size)}"
