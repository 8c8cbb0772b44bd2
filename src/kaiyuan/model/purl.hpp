#pragma once
/// Package URLs per the purl specification
/// (https://github.com/package-url/purl-spec/blob/master/PURL-SPECIFICATION.rst):
/// scheme:type/namespace/name@version?qualifiers#subpath, with qualifiers sorted by key and
/// components percent-encoded.
#include "kaiyuan/util/error.hpp"

#include <map>
#include <string>

namespace kaiyuan::model {

struct Purl {
    std::string type;
    std::string namespace_; ///< '/'-separated segments, unencoded
    std::string name;
    std::string version;
    std::map<std::string, std::string> qualifiers; ///< empty values are dropped on output
    std::string subpath;

    /// The canonical string form.
    std::string to_string() const;
    /// Parses a purl string; fails on a missing scheme, type or name.
    static Result<Purl> parse(std::string_view text);

    auto operator<=>(const Purl&) const = default;
};

/// Percent-encodes everything except the purl spec's unreserved characters (and ':' which
/// the spec allows unencoded, as packageurl-python does).
std::string purl_encode(std::string_view s);
std::string purl_decode(std::string_view s);

} // namespace kaiyuan::model
