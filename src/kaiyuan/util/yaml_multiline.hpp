#pragma once
/// The YAML scalars that span lines (YAML 1.2.2 sections 6.5, 7.3 and 8.1), for the subset reader
/// of yaml.cpp: block scalars ('|', '>'), plain and quoted scalars folded over several lines, as
/// mapping values. Each reader gets the document's raw lines (without line ends) and returns the
/// scalar's value and the 1-based number of its last line, or nothing when the text uses a form
/// it leaves to yaml-cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::util::yaml_detail {

struct MultilineScalar {
    std::string value;
    std::uint32_t last_line; ///< 1-based
};

/// `header` is the value text after "key:" ("|", ">-", "|2" ...) on line `line`; the mapping's
/// keys are at `parent_indent`.
std::optional<MultilineScalar> block_scalar(const std::vector<std::string_view>& raw,
                                            std::uint32_t line, std::string_view header,
                                            std::uint32_t parent_indent);

/// A plain scalar that starts with `first` (trimmed) on line `line` and continues on the more
/// indented lines after it.
std::optional<MultilineScalar> plain_continued(const std::vector<std::string_view>& raw,
                                               std::uint32_t line, std::string_view first,
                                               std::uint32_t parent_indent);

/// A quoted scalar that opens in `first` (starting at its quote) on line `line` and closes on a
/// later line. Returns the scalar as one line of quoted text, folded as YAML folds it, for the
/// one-line reader to unescape.
std::optional<MultilineScalar> quoted_continued(const std::vector<std::string_view>& raw,
                                                std::uint32_t line, std::string_view first);

} // namespace kaiyuan::util::yaml_detail
