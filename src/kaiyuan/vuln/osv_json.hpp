#pragma once
/// OSV records in JSON and YAML (https://ossf.github.io/osv-schema/), read into Advisory, and an
/// Advisory written back as OSV JSON (the form the advisory database stores).
#include "kaiyuan/util/error.hpp"
#include "kaiyuan/vuln/advisory.hpp"

#include <string_view>
#include <vector>

namespace kaiyuan::vuln {

/// One OSV record, or a JSON array of records (as some exports bundle them). Fails naming the
/// first thing that is wrong: invalid JSON, a missing `id` or `modified`, a range without events.
Result<std::vector<Advisory>> read_osv_json(std::string_view text);

/// The same from YAML text, as the PyPA and OSS-Fuzz databases keep their records.
Result<std::vector<Advisory>> read_osv_yaml(std::string_view text);

/// The advisory as one compact OSV JSON record.
std::string to_osv_json(const Advisory& advisory);

/// Affected entries as a JSON array of OSV `affected[]` objects, and back.
std::string to_osv_json(const std::vector<Affected>& affected);
Result<std::vector<Affected>> read_affected_json(std::string_view text);

} // namespace kaiyuan::vuln
