#pragma once
/// Small helpers every JSON reader shares (image manifests, lockfiles, SBOMs). Included only by
/// .cpp files: it brings in simdjson, which the including library must link.
#include "kaiyuan/util/error.hpp"

#include <simdjson.h>

#include <string>
#include <vector>

namespace kaiyuan::util {

/// The string member `key` of `e`, or "" when it is absent or not a string.
inline std::string json_string(simdjson::dom::element e, const char* key) {
    std::string_view sv;
    if (e[key].get(sv)) return {};
    return std::string(sv);
}

/// The same on a lookup result (`e["dist"]`), which may be an error: "" then. (Converting an
/// error result to an element would throw.)
inline std::string json_string(simdjson::simdjson_result<simdjson::dom::element> e,
                               const char* key) {
    simdjson::dom::element element;
    if (e.get(element)) return {};
    return json_string(element, key);
}

/// The string items of the array member `key` of `e`, in order; items that are not strings are
/// left out, an absent or non-array member gives none.
inline std::vector<std::string> json_strings(simdjson::dom::element e, const char* key) {
    std::vector<std::string> out;
    simdjson::dom::array a;
    if (e[key].get(a)) return out;
    for (simdjson::dom::element item : a) {
        std::string_view s;
        if (!item.get(s)) out.emplace_back(s);
    }
    return out;
}

/// Parses `text` with `parser` (which owns the result); fails with simdjson's reason.
inline Result<simdjson::dom::element> parse_json(simdjson::dom::parser& parser,
                                                 std::string_view text) {
    simdjson::dom::element doc;
    if (auto err = parser.parse(text.data(), text.size()).get(doc))
        return fail(std::string("invalid JSON: ") + simdjson::error_message(err));
    return doc;
}

} // namespace kaiyuan::util
