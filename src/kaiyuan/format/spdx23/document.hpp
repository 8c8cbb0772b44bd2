#pragma once
/// The SPDX 2.3 document as both serialisations see it: the writer fills it from the model and
/// prints it as JSON or tag-value; both readers fill it and turn it back into the model.
#include "kaiyuan/model/sbom.hpp"
#include "kaiyuan/util/error.hpp"

#include <string>
#include <vector>

namespace kaiyuan::format::spdx23 {

/// SPDX 2.3 clause 7.21: category (SECURITY, PACKAGE-MANAGER, PERSISTENT-ID, OTHER), type,
/// locator, and an optional comment (7.22).
struct SpdxExternalRef {
    std::string category, type, locator, comment;
};

struct SpdxPackage {
    std::string spdx_id, name, version, supplier, download_location = "NOASSERTION", homepage;
    std::string license_declared = "NOASSERTION", license_concluded = "NOASSERTION",
                copyright = "NOASSERTION";
    std::string summary, comment, source_info, purpose;
    std::vector<model::Checksum> checksums;
    std::vector<SpdxExternalRef> external_refs;
    /// A package whose files were looked at (kaiyuan license): the files' licenses and the
    /// verification code over their SHA1s (SPDX 2.3 clauses 7.8, 7.9, 7.14).
    bool files_analyzed = false;
    std::string verification_code;
    std::vector<std::string> license_info_from_files;
};

/// A file with what was found in it (SPDX 2.3 clause 8).
struct SpdxFile {
    std::string spdx_id, name; ///< name "./path/in/tree"
    std::vector<model::Checksum> checksums;
    std::string license_concluded = "NOASSERTION";
    std::vector<std::string> license_info; ///< licenseInfoInFiles: ids, NONE or NOASSERTION
    std::string copyright = "NOASSERTION";
    std::string comment;
};

struct ExtractedLicense {
    std::string id, name, text;
};

struct SpdxRelationship {
    std::string from, type, to;
};

struct SpdxDocument {
    std::string name, namespace_uri, created, comment;
    std::vector<std::string> creators;
    std::vector<SpdxPackage> packages;
    std::vector<SpdxFile> files;
    std::vector<ExtractedLicense> extracted;
    std::vector<SpdxRelationship> relationships;
    /// Read documents: how many file and snippet elements they hold. kaiyuan's SBOM model holds
    /// packages, so these are not carried: from_document() says so, never silently.
    std::size_t files_read = 0, snippets_read = 0;
};

constexpr const char* k_root_id = "SPDXRef-DocumentRoot";
constexpr const char* k_distro_id = "SPDXRef-OperatingSystem";

SpdxDocument to_document(const model::Sbom& sbom);
Result<model::Sbom> from_document(const SpdxDocument& doc);

} // namespace kaiyuan::format::spdx23
