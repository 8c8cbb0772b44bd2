#pragma once
/// `kaiyuan sbom validate`: an SBOM is read with the format's reader and then checked for what the
/// model needs to be trustworthy: the spec version kaiyuan supports, names on every component,
/// purls that parse, license expressions that parse with ids from the SPDX list. (Validation
/// against the official JSON schemas runs in the test suite; see tests/e2e.)
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::format {

struct ValidationReport {
    std::string format;
    std::string version;         ///< the spec version the document declares
    bool schema_checked = false; ///< validated against the official JSON schema of its version
    std::size_t components = 0;
    std::size_t relationships = 0;
    std::vector<std::string> problems;
};

ValidationReport validate(std::string_view text);

struct Detection;
/// What makes a document of format `d` unfit before its content is read: a spec version kaiyuan
/// does not read, and for CycloneDX JSON the official schema of its version ("schema 1.6: $.x:
/// ..."). Empty when none (and when the build has no schemas).
std::vector<std::string> schema_problems(std::string_view text, const Detection& d);

} // namespace kaiyuan::format
