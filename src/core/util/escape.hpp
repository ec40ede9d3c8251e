// Escaping text for the formats the app writes: HTML, CSV and Markdown tables. One place, so
// every export and page quotes the same way.
#pragma once

#include <string>
#include <string_view>

namespace mlwb {

void append_html_escaped(std::string& out, std::string_view text);  // & < > " ' as entities
std::string html_escaped(std::string_view text);

// An RFC 4180 field: quoted (with "" for ") only when it holds a delimiter, quote or line break.
std::string csv_field(std::string_view text);

// A Markdown table cell: | escaped, line breaks as spaces, so the row stays one row.
std::string markdown_cell(std::string_view text);

}  // namespace mlwb
