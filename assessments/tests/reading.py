"""Reading a page as a person does: the rows of the scores table, cell by cell."""

from __future__ import annotations

from html.parser import HTMLParser


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self._depth = 0  # inside a nested element of a header cell (subtitle, talk marker)
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag in ("th", "td"):
            self._cell = []
            self._depth = 0
        elif self._cell is not None and self.rows and len(self.rows[-1]) == 0:
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif self._cell is not None and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        # In the row's header cell only the part's own name counts, not what is nested in it.
        if self._cell is not None and not self._depth:
            self._cell.append(data)


def table_rows(html: str) -> list[list[str]]:
    """Every body row of the tables on the page: [part name, cell, cell, …] as text."""
    parser = _Rows()
    parser.feed(html)
    return [row for row in parser.rows if row]
