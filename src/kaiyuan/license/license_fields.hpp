#pragma once
/// License fields: where metadata, markup and document structure name a file's license without a
/// sentence around it. Each reader returns what the line names (references.cpp decides what is a
/// finding):
///  - a field's value: "@license V" (JSDoc, PHPDoc), ":license: V" (Sphinx), `__license__ =
///    "V"`, `"license": "V"` and its lists (package.json, composer.json, gemspecs);
///  - a PyPI trove classifier ("License :: OSI Approved :: MIT License");
///  - an XML element's text (NuGet's <license>, a POM's <licenses><license><name>);
///  - a README's license section ("## License" over "MIT") and a license's title on a line of
///    its own ("The MIT License (MIT)");
///  - labels: a banner's cells ("/*! normalize.css v8.0.1 | MIT License | ... */"), a title as a
///    sentence of its own ("/*! ws. MIT License. Einar Otto Stangvik */", "Copyright A 2013. BSD
///    3-Clause license, see LICENSE file."), a title in brackets ("... (MIT License)"), a name
///    before "licensed" (" * MIT Licensed").
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::license {

/// The values of a license field on the line (`lower` is the line in lower case): one, or a
/// list's items each; none when the line has no such field.
std::vector<std::string_view> field_values(std::string_view line, const std::string& lower);

/// The license a trove classifier on the line names (`lower` in lower case); "" for none.
std::string trove_license(const std::string& lower);

/// The text of the XML element `name` on the line (`lower` in lower case); "" when the element
/// is not there or holds markup.
std::string_view element_text(std::string_view line, const std::string& lower,
                              std::string_view name);

/// Whether the line is a heading that opens a license section ("License", "## Licence",
/// "Copyright and License").
bool is_license_heading(std::string_view line);

/// The license whose title the line is and nothing else ("The MIT License (MIT)", "BSD 3-Clause
/// License"); "" otherwise. A bare name without the word "license" is no title.
std::string title_license(std::string_view line);

/// A license named by a label on the line; `detail` is the label's text (a view of `line`) and
/// `prose` says whether it is a mention among others (a title in brackets, "X licensed") rather
/// than a field.
struct Label {
    std::string id;
    std::string_view detail;
    bool prose = false;
};
/// `starts_anew`: whether the line begins a sentence (the line before ends one, or is empty);
/// a title is not read from the rest of a sentence wrapped onto this line.
Label license_label(std::string_view line, const std::string& lower, bool starts_anew);

} // namespace kaiyuan::license
